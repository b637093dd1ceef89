package dev.sluice.client;

import java.time.Duration;

/**
 * {@link SluiceClient#awaitCompletion} ran out of time before the job reached a terminal state.
 * The job goes on running on the server; {@link #lastSeen()} is its status at the last poll.
 * Immutable and thread-safe.
 */
public class SluiceTimeoutException extends SluiceClientException {
    private final transient ImportJob lastSeen;

    public SluiceTimeoutException(ImportJob lastSeen, Duration waited) {
        super("import job " + lastSeen.id() + " is still " + lastSeen.state() + " after " + waited.toMillis()
                + " ms (" + lastSeen.counts().processed() + " rows processed)");
        this.lastSeen = lastSeen;
    }

    /** The job as the last poll saw it: not terminal. */
    public ImportJob lastSeen() {
        return lastSeen;
    }
}
