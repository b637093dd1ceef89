package dev.sluice.sink;

import dev.sluice.collection.Collection;
import dev.sluice.format.ConvertedRow;
import dev.sluice.job.ImportOptions;
import dev.sluice.job.RowOutcome;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/**
 * Writes chunks of converted rows into a collection's table and tells each row's outcome, in two
 * steps: {@link #prepare} does the pure CPU work on the reading thread, {@link #write} does the
 * database work on the single writer, inside the caller's transaction (so records commit together
 * with their results and the checkpoint). Implementations are stateless and thread-safe.
 */
public interface RecordSink {

    /** Dedupes the chunk within itself, draws record ids and encodes values. Touches no database. */
    PreparedRows prepare(Collection collection, ImportOptions.OnConflict onConflict, List<ConvertedRow> rows);

    /**
     * @param jobId   the writing job: rows it already wrote are in-job duplicates, not pre-existing records
     * @param history the job's earlier writes, for a sink that picks its path by them (one per job)
     * @return one outcome per row, in the rows' order
     * @throws SQLException when the database itself fails (not when it refuses a row: that row is {@code write_error})
     */
    List<RowOutcome> write(Connection connection, Collection collection, String jobId,
                           ImportOptions.OnConflict onConflict, PreparedRows rows, WriteHistory history)
            throws SQLException;

    /** {@link #write(Connection, Collection, String, ImportOptions.OnConflict, PreparedRows, WriteHistory)} with no history. */
    default List<RowOutcome> write(Connection connection, Collection collection, String jobId,
                                   ImportOptions.OnConflict onConflict, PreparedRows rows) throws SQLException {
        return write(connection, collection, jobId, onConflict, rows, new WriteHistory());
    }

    /**
     * The sink of validate-only jobs on the same database: it decides every row's outcome as
     * {@link #write} would, against the collection and the job's earlier rows, and writes no record.
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
