package dev.sluice.sink;

import dev.sluice.collection.CollectionSchema;
import dev.sluice.collection.Field;
import dev.sluice.format.ConvertedRow;
import dev.sluice.job.ConflictPolicy;
import dev.sluice.job.RowOutcome;
import dev.sluice.store.SqlDialect;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * The sink of validate-only jobs ({@code job_type=validate}) on either database: every row gets the
 * outcome an import would have given it, from the same {@link ConflictRule}, and the collection is
 * never written. A key is looked up in the collection (so {@code unchanged}, {@code updated} and
 * {@code duplicate_key} come out as they would)
 * and in the job's scratch table of keys it would have created ({@code _sluice_validation_keys}), which
 * tells in-job duplicates apart with memory bounded by the chunk, not by the file. The scratch rows are
 * written in the chunk's transaction, so a resumed job sees exactly the keys of its committed rows;
 * the job's end deletes them. Records that would be created have no id: none is made.
 * The SQL that differs comes from the {@link SqlDialect}. Stateless and thread-safe.
 */
final class KeyValidationSink implements RecordSink {
    private static final String SEEN = "SELECT file_ordinal, line FROM _sluice_validation_keys"
            + " WHERE job_id = ? AND row_key = ?";
    private static final String REMEMBER = "INSERT INTO _sluice_validation_keys (job_id, row_key, file_ordinal, line)"
            + " VALUES (?, ?, ?, ?)";

    private final SqlDialect dialect;

    /** @param dialect how the collection's table is named, bound and read on this database */
    KeyValidationSink(SqlDialect dialect) {
        this.dialect = dialect;
    }

    @Override
    public JobWriter forJob(CollectionSchema collection, String jobId, ConflictPolicy onConflict) {
        return new Writer(collection, jobId, new ConflictRule(onConflict));
    }

    @Override
    public RecordSink validating() {
        return this;
    }

    /** One validate-only job's predictions: its collection, id and conflict rule, bound once. */
    private final class Writer implements JobWriter {
        private final CollectionSchema collection;
        private final String jobId;
        private final ConflictRule rule;
        private final String findSql;

        Writer(CollectionSchema collection, String jobId, ConflictRule rule) {
            this.collection = collection;
            this.jobId = jobId;
            this.rule = rule;
            this.findSql = findSql(collection);
        }

        @Override
        public PreparedRows prepare(List<ConvertedRow> rows) {
            return PreparedRows.of(rows, rule, (row, id) -> null);
        }

        @Override
        public List<RowOutcome> write(Connection connection, PreparedRows prepared) throws SQLException {
            RowOutcome[] outcomes = prepared.outcomes();
            int[] keyIndexes = collection.keyIndexes();
            try (PreparedStatement find = connection.prepareStatement(findSql);
                 PreparedStatement seen = connection.prepareStatement(SEEN);
                 PreparedStatement remember = connection.prepareStatement(REMEMBER)) {
                for (int i : prepared.candidates()) {
                    ConvertedRow row = prepared.rows().get(i);
                    ConflictRule.Met met = met(find, seen, keyIndexes, row);
                    outcomes[i] = rule.decide(met);
                    if (!met.recordBeforeJob() && met.earlierRow() == null) {
                        remember.setString(1, jobId);
                        remember.setString(2, row.key());
                        remember.setInt(3, row.file());
                        remember.setLong(4, row.line());
                        remember.executeUpdate();
                    }
                }
            }
            return prepared.complete(outcomes);
        }

        /**
         * What the key would meet: the record that existed before the job, else the job's first row
         * of the key. A record that would be created has no id: none is made.
         */
        private ConflictRule.Met met(PreparedStatement find, PreparedStatement seen, int[] keyIndexes, ConvertedRow row)
                throws SQLException {
            UUID existing = existing(find, collection, keyIndexes, row);
            if (existing != null) {
                return ConflictRule.Met.recordBeforeJob(existing);
            }
            RowOutcome.Position first = seen(seen, jobId, row.key());
            return first != null ? ConflictRule.Met.earlierRow(first, null) : ConflictRule.Met.nothing(null);
        }
    }

    private String findSql(CollectionSchema c) {
        List<String> match = new ArrayList<>();
        for (String k : c.key()) {
            match.add(dialect.keyEquals(c, k));
        }
        return "SELECT _id FROM " + dialect.table(c.name()) + " WHERE " + String.join(" AND ", match);
    }

    private UUID existing(PreparedStatement find, CollectionSchema collection, int[] keyIndexes, ConvertedRow row)
            throws SQLException {
        for (int k = 0; k < keyIndexes.length; k++) {
            Field f = collection.fields().get(keyIndexes[k]);
            dialect.bind(find, k + 1, f.type(), row.values()[keyIndexes[k]]);
        }
        try (ResultSet rs = find.executeQuery()) {
            return rs.next() ? dialect.readId(rs, 1) : null;
        }
    }

    private static RowOutcome.Position seen(PreparedStatement seen, String jobId, String key) throws SQLException {
        seen.setString(1, jobId);
        seen.setString(2, key);
        try (ResultSet rs = seen.executeQuery()) {
            return rs.next() ? new RowOutcome.Position(rs.getInt(1), rs.getLong(2)) : null;
        }
    }
}
