package dev.sluice.http;

import dev.sluice.store.JobSignals;

import java.io.IOException;
import java.time.Duration;

/**
 * Limits of the event streams (docs/operations.md#event-streams). Immutable.
 *
 * @param maxStreams   how many streams may be open at once on this node; each holds one of Jetty's
 *                     request threads while open, so one more is answered {@code 503 too_many_streams}
 * @param heartbeat    the longest a stream stays silent: a comment line is sent after this
 * @param pollInterval the longest a stream waits for a change signal before it reads the database anyway
 */
public record EventSettings(int maxStreams, Duration heartbeat, Duration pollInterval) {
    /** What {@code sluice serve} does by default: 100 streams, a heartbeat every 15 s, a read at least every 2 s. */
    public static EventSettings defaults() {
        return new EventSettings(100, Duration.ofSeconds(15), Duration.ofSeconds(2));
    }

    /**
     * What a stream does between two reads: a heartbeat once {@code out} has been silent for
     * {@link #heartbeat}, then a wait for a change signal after {@code pulses}, at most until the next
     * heartbeat is due or {@link #pollInterval} has passed.
     */
    void idle(SseOut out, JobSignals signals, long pulses) throws IOException, InterruptedException {
        long heartbeatNanos = heartbeat.toNanos();
        if (out.silentFor() >= heartbeatNanos) {
            out.heartbeat();
        }
        long wait = Math.min(heartbeatNanos - out.silentFor(), pollInterval.toNanos());
        signals.awaitAfter(pulses, Duration.ofNanos(Math.max(wait, 1)));
    }
}
