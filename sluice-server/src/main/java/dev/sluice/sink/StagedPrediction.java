package dev.sluice.sink;

import dev.sluice.collection.CollectionSchema;
import dev.sluice.collection.Field;
import dev.sluice.format.ConvertedRow;
import dev.sluice.job.RowOutcome;
import dev.sluice.store.Identifiers;
import dev.sluice.store.SqlDialect;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Predicts the outcomes of one staged chunk of an atomic job set-based (docs/concepts.md, "Atomic
 * imports"): the chunk is already in the job's staging table, so one join finds, for every row, the
 * record holding its key before the job and which of the fields it carries that record already holds
 * (compared in SQL by {@link SqlDialect#sameValue}, as the writing sinks compare), and one grouped
 * query finds the first row of earlier chunks that would have created or overwritten each key. The
 * chunk's rows are then decided in order by the job's {@link ConflictRule}, exactly as the
 * validating sink decides them one lookup at a time. Immutable and thread-safe.
 */
final class StagedPrediction {
    /** The factor that packs a file ordinal and a line into one number ({@link RecordSink#position}). */
    private static final long FILE_FACTOR = 1L << 40;

    private final SqlDialect dialect;
    private final CollectionSchema collection;
    private final ConflictRule rule;
    private final String existingSql;
    private final String earlierSql;

    StagedPrediction(SqlDialect dialect, CollectionSchema collection, ConflictRule rule, String stagingTable) {
        this.dialect = dialect;
        this.collection = collection;
        this.rule = rule;
        this.existingSql = existingSql(stagingTable);
        this.earlierSql = "SELECT _sluice_key, MIN(_sluice_file * " + FILE_FACTOR + " + _sluice_line) FROM "
                + stagingTable + " WHERE _sluice_predicted IN ('created', 'updated')"
                + " AND (_sluice_file, _sluice_line) < (?, ?) AND _sluice_key IN (SELECT _sluice_key FROM "
                + stagingTable + " WHERE " + chunkRange("") + ") GROUP BY _sluice_key";
    }

    /** What a row of the chunk found in the collection: the record's id and, per field, whether it is the same. */
    private record Existing(UUID id, BitSet same) {
    }

    /** The outcomes of the chunk's candidates (the repeats stay null, for {@link PreparedRows#complete}). */
    RowOutcome[] decide(Connection c, PreparedRows prepared) throws SQLException {
        List<ConvertedRow> rows = prepared.rows();
        ConvertedRow first = rows.get(0);
        ConvertedRow last = rows.get(rows.size() - 1);
        Map<Long, Existing> existing = existing(c, first, last);
        Map<String, RowOutcome.Position> written = earlier(c, first, last);
        RowOutcome[] outcomes = prepared.outcomes();
        for (int i : prepared.candidates()) {
            ConvertedRow row = rows.get(i);
            ConflictRule.Met met = met(row, existing.get(RecordSink.position(row.file(), row.line())), written);
            outcomes[i] = rule.decide(met);
            if (outcomes[i] instanceof RowOutcome.Created
                    || outcomes[i] instanceof RowOutcome.Updated && met.recordBeforeJob()) {
                // the key's record would now be this job's: a later row of the key is an in-job repeat
                written.putIfAbsent(row.key(), row.position());
            }
        }
        return outcomes;
    }

    /** What the row's key meets, as the validating sink tells it (KeyValidationSink). */
    private ConflictRule.Met met(ConvertedRow row, Existing record, Map<String, RowOutcome.Position> written) {
        if (record != null) {
            RowOutcome.Position earlier = rule.overwrites() ? written.get(row.key()) : null;
            return earlier != null ? ConflictRule.Met.earlierRow(earlier, record.id())
                    : ConflictRule.Met.recordBeforeJob(record.id()).same(same(row, record.same()));
        }
        RowOutcome.Position earlier = written.get(row.key());
        return earlier != null ? ConflictRule.Met.earlierRow(earlier, null)
                : ConflictRule.Met.nothing(null).absentRequired(rule.absentRequired(collection, row));
    }

    /** Whether the record holds the row's values in every field the row carries. */
    private boolean same(ConvertedRow row, BitSet same) {
        for (int f = 0; f < collection.fields().size(); f++) {
            if ((row.carried() == null || row.carried().get(f)) && !same.get(f)) {
                return false;
            }
        }
        return true;
    }

    /** The records holding the chunk's keys, by the packed position of the row that met them. */
    private Map<Long, Existing> existing(Connection c, ConvertedRow first, ConvertedRow last) throws SQLException {
        Map<Long, Existing> out = new HashMap<>();
        int fields = collection.fields().size();
        try (PreparedStatement ps = c.prepareStatement(existingSql)) {
            bindRange(ps, 1, first, last);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    BitSet same = new BitSet(fields);
                    for (int f = 0; f < fields; f++) {
                        same.set(f, rs.getInt(4 + f) == 1);
                    }
                    out.put(RecordSink.position(rs.getInt(1), rs.getLong(2)), new Existing(dialect.readId(rs, 3), same));
                }
            }
        }
        return out;
    }

    /** The first row of an earlier chunk that would have created or overwritten each of the chunk's keys. */
    private Map<String, RowOutcome.Position> earlier(Connection c, ConvertedRow first, ConvertedRow last)
            throws SQLException {
        Map<String, RowOutcome.Position> out = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement(earlierSql)) {
            ps.setInt(1, first.file());
            ps.setLong(2, first.line());
            bindRange(ps, 3, first, last);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.put(rs.getString(1), RecordSink.position(rs.getLong(2)));
                }
            }
        }
        return out;
    }

    private static void bindRange(PreparedStatement ps, int from, ConvertedRow first, ConvertedRow last)
            throws SQLException {
        ps.setInt(from, first.file());
        ps.setLong(from + 1, first.line());
        ps.setInt(from + 2, last.file());
        ps.setLong(from + 3, last.line());
    }

    /** Rows between the chunk's first and last, both included; {@code alias} qualifies the columns. */
    private static String chunkRange(String alias) {
        return "(" + alias + "_sluice_file, " + alias + "_sluice_line) >= (?, ?) AND ("
                + alias + "_sluice_file, " + alias + "_sluice_line) <= (?, ?)";
    }

    /** The join of the chunk's staged rows with the records holding their keys, one same-flag per field. */
    private String existingSql(String stagingTable) {
        StringBuilder sql = new StringBuilder("SELECT s._sluice_file, s._sluice_line, c._id");
        for (Field f : collection.fields()) {
            String column = Identifiers.quote(f.name());
            sql.append(", CASE WHEN ").append(dialect.sameValue(f.type(), "c." + column, "s." + column))
                    .append(" THEN 1 ELSE 0 END");
        }
        sql.append(" FROM ").append(stagingTable).append(" s JOIN ").append(dialect.table(collection.name()))
                .append(" c ON ");
        for (int k = 0; k < collection.key().size(); k++) {
            String key = collection.key().get(k);
            String column = Identifiers.quote(key);
            sql.append(k == 0 ? "" : " AND ").append(dialect.keyExpression(collection, key, "c." + column))
                    .append(" = ").append(dialect.keyExpression(collection, key, "s." + column));
        }
        return sql.append(" WHERE ").append(chunkRange("s.")).toString();
    }
}
