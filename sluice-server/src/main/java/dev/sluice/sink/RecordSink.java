package dev.sluice.sink;

import dev.sluice.job.ConflictPolicy;
import dev.sluice.collection.CollectionSchema;
import dev.sluice.job.ImportOptions;
import dev.sluice.job.RowOutcome;

/**
 * Writes chunks of converted rows into a collection's table and tells each row's outcome, through a
 * {@link JobWriter} bound to one job ({@link #forJob}), in two steps: {@link JobWriter#prepare}
 * does the pure CPU work on the reading thread, {@link JobWriter#write} does the database work on
 * the single writer, inside the caller's transaction (so records commit together with their
 * results and the checkpoint). A row's outcome is decided by {@link ConflictRule}
 * alone. Implementations are stateless and thread-safe.
 */
public interface RecordSink {

    /**
     * Binds the sink to one job: rows it already wrote are in-job duplicates, not pre-existing
     * records, and its {@code onConflict} decides through one {@link ConflictRule}.
     *
     * @param jobId the writing job's id (a UUID)
     */
    JobWriter forJob(CollectionSchema collection, String jobId, ConflictPolicy onConflict);

    /**
     * The sink of validate-only jobs on the same database: it decides every row's outcome as
     * an import would, against the collection and the job's earlier rows, and writes no record.
     */
    RecordSink validating();

    /** The {@code _import_pos} of a row: its file ordinal and line in one number. */
    static long position(int file, long line) {
        return ((long) file << 40) | line;
    }

    static RowOutcome.Position position(long packed) {
        return new RowOutcome.Position((int) (packed >>> 40), packed & ((1L << 40) - 1));
    }
}
