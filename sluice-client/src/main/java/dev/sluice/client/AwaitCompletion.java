package dev.sluice.client;

import java.time.Duration;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Polls a job until it reaches a terminal state, pausing {@code firstPause} after the first poll and
 * doubling the pause up to {@code maxPause}; the last pause is cut short so the final poll falls on the
 * deadline. Immutable and thread-safe.
 */
final class AwaitCompletion {
    private final Function<String, ImportJob> poll;
    private final Duration firstPause;
    private final Duration maxPause;

    AwaitCompletion(Function<String, ImportJob> poll, Duration firstPause, Duration maxPause) {
        this.poll = poll;
        this.firstPause = firstPause;
        this.maxPause = maxPause;
    }

    /**
     * @throws SluiceTimeoutException when the job has not ended by the deadline
     * @throws SluiceClientException  when the thread is interrupted (the flag is kept)
     */
    ImportJob await(String id, Duration timeout, Consumer<ImportJob> onPoll) {
        long deadline = System.nanoTime() + timeout.toNanos();
        Duration pause = firstPause;
        while (true) {
            ImportJob job = poll.apply(id);
            onPoll.accept(job);
            if (job.isTerminal()) {
                return job;
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new SluiceTimeoutException(job, timeout);
            }
            try {
                Thread.sleep(Math.max(1, Math.min(pause.toMillis(), Duration.ofNanos(left).toMillis())));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new SluiceClientException("waiting for import job " + id + " was interrupted", e);
            }
            Duration doubled = pause.multipliedBy(2);
            pause = doubled.compareTo(maxPause) > 0 ? maxPause : doubled;
        }
    }
}
