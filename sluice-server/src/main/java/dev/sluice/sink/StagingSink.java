package dev.sluice.sink;

import dev.sluice.collection.CollectionSchema;
import dev.sluice.format.ConvertedRow;
import dev.sluice.job.ConflictPolicy;
import dev.sluice.job.RowOutcome;
import dev.sluice.store.SqlDialect;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/**
 * The sink of an atomic job while it reads ({@code atomic=true}, docs/concepts.md, "Atomic imports"):
 * each row's outcome is predicted as a validate-only job predicts it (the database's validating sink,
 * so the same {@link ConflictRule}), and the chunk's converted rows go to the job's {@link StagedRows}
 * instead of the collection, inside the chunk's transaction. The collection is written later, by the
 * job's apply, through the database's own sink. Stateless and thread-safe.
 */
public final class StagingSink implements RecordSink {
    private final RecordSink validating;
    private final SqlDialect dialect;

    /** @param sink the database's record sink, whose validating twin predicts the outcomes */
    public StagingSink(RecordSink sink, SqlDialect dialect) {
        this.validating = sink.validating();
        this.dialect = dialect;
    }

    @Override
    public JobWriter forJob(CollectionSchema collection, String jobId, ConflictPolicy onConflict) {
        JobWriter predicting = validating.forJob(collection, jobId, onConflict);
        StagedRows staged = new StagedRows(dialect, collection, jobId);
        return new JobWriter() {
            @Override
            public PreparedRows prepare(List<ConvertedRow> rows) {
                return predicting.prepare(rows);
            }

            @Override
            public List<RowOutcome> write(Connection connection, PreparedRows rows) throws SQLException {
                List<RowOutcome> outcomes = predicting.write(connection, rows);
                staged.insert(connection, rows.rows(), outcomes);
                return outcomes;
            }
        };
    }

    @Override
    public RecordSink validating() {
        return validating;
    }
}
