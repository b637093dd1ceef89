package dev.sluice.sink;

import dev.sluice.collection.CollectionSchema;
import dev.sluice.collection.Field;
import dev.sluice.format.ConvertedRow;
import dev.sluice.job.ConflictPolicy;
import dev.sluice.job.RowOutcome;
import dev.sluice.store.Identifiers;
import dev.sluice.store.SqlDialect;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The sink of validate-only jobs ({@code job_type=validate}) on either database: every row gets the
 * outcome an import would have given it, from the same {@link ConflictRule}, and the collection is
 * never written. A key is looked up in the collection (so {@code unchanged}, {@code updated} and
 * {@code duplicate_key} come out as they would: the lookup also compares the stored values with the
 * row's, as the writing sinks do, by {@link SqlDialect#sameValue})
 * and in the job's scratch table of keys it would have created or overwritten ({@code _sluice_validation_keys}), which
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
        /** The lookup of a key, by the fields it compares (null: all); it also tells whether they are the same. */
        private final Map<BitSet, String> findSql = new ConcurrentHashMap<>();

        Writer(CollectionSchema collection, String jobId, ConflictRule rule) {
            this.collection = collection;
            this.jobId = jobId;
            this.rule = rule;
        }

        @Override
        public PreparedRows prepare(List<ConvertedRow> rows) {
            return PreparedRows.of(rows, rule, (row, id) -> null);
        }

        @Override
        public List<RowOutcome> write(Connection connection, PreparedRows prepared) throws SQLException {
            RowOutcome[] outcomes = prepared.outcomes();
            Map<BitSet, PreparedStatement> finds = new HashMap<>();
            try (PreparedStatement seen = connection.prepareStatement(SEEN);
                 PreparedStatement remember = connection.prepareStatement(REMEMBER)) {
                for (int i : prepared.candidates()) {
                    ConvertedRow row = prepared.rows().get(i);
                    PreparedStatement find = finds.get(row.carried());
                    if (find == null) {
                        find = connection.prepareStatement(findSql(row.carried()));
                        finds.put(row.carried(), find);
                    }
                    ConflictRule.Met met = met(find, seen, row);
                    outcomes[i] = rule.decide(met);
                    boolean written = outcomes[i] instanceof RowOutcome.Created
                            || outcomes[i] instanceof RowOutcome.Updated && met.recordBeforeJob();
                    if (written) {
                        // the key's record would now be this job's: a later row of the key is an in-job repeat
                        remember.setString(1, jobId);
                        remember.setString(2, row.key());
                        remember.setInt(3, row.file());
                        remember.setLong(4, row.line());
                        remember.executeUpdate();
                    }
                }
            } finally {
                for (PreparedStatement find : finds.values()) {
                    find.close();
                }
            }
            return prepared.complete(outcomes);
        }

        /**
         * What the key would meet: the record that existed before the job (unless this job would have
         * overwritten it already), else the job's first row of the key. A record that would be created
         * has no id: none is made.
         */
        private ConflictRule.Met met(PreparedStatement find, PreparedStatement seen, ConvertedRow row)
                throws SQLException {
            bindFind(find, row);
            try (ResultSet rs = find.executeQuery()) {
                if (rs.next()) {
                    UUID existing = dialect.readId(rs, 1);
                    RowOutcome.Position first = rule.overwrites() ? seen(seen, jobId, row.key()) : null;
                    return first != null ? ConflictRule.Met.earlierRow(first, existing)
                            : ConflictRule.Met.recordBeforeJob(existing).same(rs.getInt(2) == 1);
                }
            }
            RowOutcome.Position first = seen(seen, jobId, row.key());
            return first != null ? ConflictRule.Met.earlierRow(first, null)
                    : ConflictRule.Met.nothing(null).absentRequired(rule.absentRequired(collection, row));
        }

        /** Binds the carried fields (for the comparison), then the key. */
        private void bindFind(PreparedStatement find, ConvertedRow row) throws SQLException {
            int p = 1;
            for (int f = 0; f < collection.fields().size(); f++) {
                if (row.carried() == null || row.carried().get(f)) {
                    dialect.bind(find, p++, collection.fields().get(f).type(), row.values()[f]);
                }
            }
            for (int k : collection.keyIndexes()) {
                dialect.bind(find, p++, collection.fields().get(k).type(), row.values()[k]);
            }
        }

        private String findSql(BitSet carried) {
            return findSql.computeIfAbsent(carried == null ? new BitSet() : carried, c -> {
                List<String> same = new ArrayList<>();
                for (int f = 0; f < collection.fields().size(); f++) {
                    if (carried == null || carried.get(f)) {
                        Field field = collection.fields().get(f);
                        same.add(dialect.sameValue(field.type(), Identifiers.quote(field.name()),
                                dialect.parameter(field.type())));
                    }
                }
                List<String> match = new ArrayList<>();
                for (String k : collection.key()) {
                    match.add(dialect.keyEquals(collection, k));
                }
                return "SELECT _id, CASE WHEN " + String.join(" AND ", same) + " THEN 1 ELSE 0 END FROM "
                        + dialect.table(collection.name()) + " WHERE " + String.join(" AND ", match);
            });
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
