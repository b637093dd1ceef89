package dev.sluice.client;

import java.time.Instant;

/**
 * One file of a job, with its own state, progress and counts.
 *
 * @param dialect how the file is read (null until its reading starts)
 */
public record FileStatus(String id, String name, String format, Long sizeBytes, String sourceUrl, String state,
                         Progress progress, Counts counts, Instant startedAt, Instant completedAt, JobError error,
                         FileDialect dialect) {
}
