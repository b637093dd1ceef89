package dev.sluice.sink;

import dev.sluice.format.ConvertedRow;
import dev.sluice.job.RowOutcome;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/**
 * A {@link RecordSink} bound to one job: its collection, its id and its conflict rule are given once
 * ({@link RecordSink#forJob}), and the writer keeps what the job's earlier writes showed (a
 * {@link WriteHistory}). {@link #prepare} is pure and may run on any thread; {@link #write} belongs
 * to the single writer thread of the job, inside the caller's transaction.
 */
public interface JobWriter {

    /** Dedupes the chunk within itself, draws record ids and encodes values. Touches no database. */
    PreparedRows prepare(List<ConvertedRow> rows);

    /**
     * Writes a chunk this writer prepared.
     *
     * @return one outcome per row, in the rows' order
     * @throws SQLException when the database itself fails (not when it refuses a row: that row is {@code write_error})
     */
    List<RowOutcome> write(Connection connection, PreparedRows rows) throws SQLException;
}
