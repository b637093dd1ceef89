package dev.sluice.job;

import java.time.Instant;
import java.util.List;

/**
 * An import job as stored: what it imports, where it is, and what it has counted so far.
 * A snapshot; immutable and thread-safe. Tally only ever include committed rows.
 *
 * @param metadataJson   the client's metadata, as JSON object text
 * @param provenanceJson where the data came from, as JSON object text
 * @param bytesTotal     the sum of the known file sizes; null when some size is unknown
 */
public record Job(String id, String collection, JobState state, ImportOptions options,
                        String metadataJson, String provenanceJson, int attempt, String parentId,
                        Tally counts, long bytesProcessed, Long bytesTotal, Double percent,
                        Double rowsPerSecond, Instant estimatedCompletion, String currentOperation,
                        JobError error, boolean retryable, List<String> errorSamples, boolean cancelRequested,
                        String leaseOwner, Instant leaseExpiresAt,
                        Instant createdAt, Instant startedAt, Instant updatedAt, Instant completedAt,
                        Instant failedAt, Instant expiresAt, Creator createdBy) {

    public Job {
        errorSamples = List.copyOf(errorSamples);
    }

    /** A job-level error: a code from the contract and a located message. */
    public record JobError(String code, String message) {
    }
}
