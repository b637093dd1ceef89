package dev.sluice.engine;

import dev.sluice.job.JobState;
import dev.sluice.job.Tally;

/**
 * What the engine reports as it works, for monitoring. Called on worker threads; implementations
 * must be thread-safe and quick (no I/O).
 */
public interface EngineMetrics {
    /** Reports nothing. */
    EngineMetrics NONE = new EngineMetrics() {
    };

    /**
     * A chunk transaction committed.
     *
     * @param rows  the rows it committed, by outcome
     * @param bytes the source bytes it consumed
     * @param nanos how long the transaction took, retries included
     */
    default void committed(Tally rows, long bytes, long nanos) {
    }

    /** A run of this node brought a job to {@code state}, a terminal state. */
    default void ended(JobState state) {
    }
}
