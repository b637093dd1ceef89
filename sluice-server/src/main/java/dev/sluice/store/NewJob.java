package dev.sluice.store;

import dev.sluice.job.Creator;
import dev.sluice.job.ImportOptions;
import dev.sluice.job.JobState;
import dev.sluice.job.OptionSet;
import dev.sluice.job.SourceFormat;

import java.util.List;

/**
 * What a new job is created with. Immutable and thread-safe.
 *
 * @param state  {@code open} (waiting for files) or {@code queued}
 * @param files  its first files, in order
 * @param fileDefaults the format and dialect options of the creating request: files added
 *               to an open job later read with them unless the adding request says otherwise
 */
public record NewJob(String id, String collection, JobState state, ImportOptions options, String metadataJson,
                     String provenanceJson, String parentId, String idempotencyKey, String requestHash,
                     List<NewFile> files, OptionSet fileDefaults, Creator createdBy) {

    public NewJob {
        files = List.copyOf(files);
        fileDefaults = fileDefaults == null ? OptionSet.EMPTY : fileDefaults;
    }

    /** A job no key created (the server runs open). */
    public NewJob(String id, String collection, JobState state, ImportOptions options, String metadataJson,
                  String provenanceJson, String parentId, String idempotencyKey, String requestHash,
                  List<NewFile> files, OptionSet fileDefaults) {
        this(id, collection, state, options, metadataJson, provenanceJson, parentId, idempotencyKey, requestHash,
                files, fileDefaults, null);
    }

    /** A job whose later files have no defaults. */
    public NewJob(String id, String collection, JobState state, ImportOptions options, String metadataJson,
                  String provenanceJson, String parentId, String idempotencyKey, String requestHash,
                  List<NewFile> files) {
        this(id, collection, state, options, metadataJson, provenanceJson, parentId, idempotencyKey, requestHash,
                files, OptionSet.EMPTY);
    }

    /**
     * A file of a new job.
     *
     * @param stagedPath    where its bytes are, relative to the staging directory; null for a URL source
     * @param retryOf       for a retry child's file: which file of the parent it re-reads and how; else null
     * @param originalLines true for a fixed file sent to retry (its {@code _line} column names the lines)
     * @param sourceEtag    for an S3 object, the ETag it had when the job was submitted: every read of the
     *                      file asks for that version ({@code If-Match}); null for anything else
     */
    public record NewFile(String id, String name, SourceFormat format, OptionSet dialect, Long sizeBytes,
                          String sourceUrl, String stagedPath, RetryOf retryOf, boolean originalLines,
                          String sourceEtag) {

        /** A file whose source is not pinned to a version. */
        public NewFile(String id, String name, SourceFormat format, OptionSet dialect, Long sizeBytes,
                       String sourceUrl, String stagedPath, RetryOf retryOf, boolean originalLines) {
            this(id, name, format, dialect, sizeBytes, sourceUrl, stagedPath, retryOf, originalLines, null);
        }

        /** An ordinary file. */
        public NewFile(String id, String name, SourceFormat format, OptionSet dialect, Long sizeBytes,
                       String sourceUrl, String stagedPath) {
            this(id, name, format, dialect, sizeBytes, sourceUrl, stagedPath, null, false);
        }
    }

    /**
     * How a retry child's file re-reads a file of its parent: the lines that failed in the parent
     * are listed for the child when the job is created.
     *
     * @param parentOrdinal     the parent's file
     * @param linesListedUntil  records before this number are read only when their line failed in the
     *                          parent; from it on every record (the parent's checkpoint after a retryable
     *                          failure; {@link Long#MAX_VALUE} to re-run the failed lines alone)
     */
    public record RetryOf(int parentOrdinal, long linesListedUntil) {
    }
}
