package dev.sluice.engine;

import dev.sluice.format.RecordLimit;

import java.time.Duration;

/**
 * The engine's tunables, validated once by {@code Config}. Immutable and thread-safe.
 *
 * @param workers      jobs run at once
 * @param chunkRows    rows per committed chunk, at most
 * @param chunkBytes   source bytes per committed chunk, at most (whichever limit comes first)
 * @param commitInterval how long one transaction may keep adding chunks before it commits
 * @param leaseTimeout how long a claim lasts without a heartbeat
 * @param retention    how long an ended job is kept
 * @param nodeId       this process's name in leases and logs
 * @param maxAttempts  how many times a job may be started before a lost lease fails it (several nodes only)
 * @param recordLimit  the longest record a reader holds ({@code --max-record-bytes})
 */
public record EngineSettings(int workers, int chunkRows, long chunkBytes, Duration commitInterval, Duration leaseTimeout, Duration retention,
                             String nodeId, int maxAttempts, RecordLimit recordLimit) {
}
