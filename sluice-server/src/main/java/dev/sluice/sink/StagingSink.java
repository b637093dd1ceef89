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
 * the chunk's converted rows go to the job's {@link StagedRows} instead of the collection, inside the
 * chunk's transaction, and their outcomes are predicted there set-based ({@link StagedPrediction}: a
 * few statements per chunk, whatever its size), by the same {@link ConflictRule} a validate-only job
 * asks. The collection is written later, by the job's apply, through the database's own sink.
 * Stateless and thread-safe.
 */
public final class StagingSink implements RecordSink {
    /** What a chunk's rows are staged as before their prediction: most rows of a first import. */
    private static final String STAGED_AS = "created";

    private final RecordSink validating;
    private final SqlDialect dialect;

    /** @param sink the database's record sink, whose validating twin serves validate-only jobs */
    public StagingSink(RecordSink sink, SqlDialect dialect) {
        this.validating = sink.validating();
        this.dialect = dialect;
    }

    @Override
    public JobWriter forJob(CollectionSchema collection, String jobId, ConflictPolicy onConflict) {
        ConflictRule rule = new ConflictRule(onConflict);
        StagedRows staged = new StagedRows(dialect, collection, jobId, onConflict);
        StagedPrediction prediction = new StagedPrediction(dialect, collection, rule, staged.table());
        return new JobWriter() {
            @Override
            public PreparedRows prepare(List<ConvertedRow> rows) {
                return PreparedRows.of(rows, rule, (row, id) -> null);
            }

            @Override
            public List<RowOutcome> write(Connection connection, PreparedRows rows) throws SQLException {
                if (rows.rows().isEmpty()) {
                    return List.of();
                }
                staged.insert(connection, rows.rows(), STAGED_AS);
                List<RowOutcome> outcomes = rows.complete(prediction.decide(connection, rows));
                staged.predict(connection, rows.rows(), outcomes, STAGED_AS);
                return outcomes;
            }
        };
    }

    @Override
    public RecordSink validating() {
        return validating;
    }
}
