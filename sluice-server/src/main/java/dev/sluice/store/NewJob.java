package dev.sluice.store;

import dev.sluice.job.ImportOptions;
import dev.sluice.job.JobState;

import java.util.List;

/**
 * What a new job is created with. Immutable and thread-safe.
 *
 * @param state  {@code open} (waiting for files) or {@code queued}
 * @param files  its first files, in order
 */
public record NewJob(String id, String collection, JobState state, ImportOptions options, String metadataJson,
                     String provenanceJson, String parentId, String idempotencyKey, String requestHash,
                     List<NewFile> files) {

    public NewJob {
        files = List.copyOf(files);
    }

    /**
     * A file of a new job.
     *
     * @param stagedPath where its bytes are, relative to the staging directory
     */
    public record NewFile(String id, String name, String format, String dialectJson, Long sizeBytes,
                          String sourceUrl, String stagedPath) {
    }
}
