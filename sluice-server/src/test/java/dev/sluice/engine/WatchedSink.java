package dev.sluice.engine;

import dev.sluice.collection.CollectionSchema;
import dev.sluice.format.ConvertedRow;
import dev.sluice.job.ConflictPolicy;
import dev.sluice.job.RowOutcome;
import dev.sluice.sink.JobWriter;
import dev.sluice.sink.PreparedRows;
import dev.sluice.sink.RecordSink;
import dev.sluice.sink.SqliteRecordSink;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.function.Consumer;

/**
 * The real SQLite sink, with a look at every chunk before it is prepared: a test notes where or what
 * was prepared, or throws to poison a chunk. Writing and validation are the real sink's.
 */
final class WatchedSink implements RecordSink {
    private final RecordSink real = new SqliteRecordSink();
    private final Consumer<List<ConvertedRow>> beforePrepare;

    WatchedSink(Consumer<List<ConvertedRow>> beforePrepare) {
        this.beforePrepare = beforePrepare;
    }

    @Override
    public JobWriter forJob(CollectionSchema collection, String jobId, ConflictPolicy onConflict) {
        JobWriter writer = real.forJob(collection, jobId, onConflict);
        return new JobWriter() {
            @Override
            public PreparedRows prepare(List<ConvertedRow> rows) {
                beforePrepare.accept(rows);
                return writer.prepare(rows);
            }

            @Override
            public List<RowOutcome> write(Connection connection, PreparedRows rows) throws SQLException {
                return writer.write(connection, rows);
            }
        };
    }

    @Override
    public RecordSink validating() {
        return real.validating();
    }
}
