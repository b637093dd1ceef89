package dev.sluice.sink;

import dev.sluice.collection.CollectionSchema;
import dev.sluice.collection.Field;
import dev.sluice.format.ConvertedRow;
import dev.sluice.job.ConflictPolicy;
import dev.sluice.job.RowOutcome;
import dev.sluice.store.SqliteDialect;
import dev.sluice.store.Identifiers;

import java.sql.BatchUpdateException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * SQLite writer: one batched {@code INSERT ... ON CONFLICT DO NOTHING} per chunk, whose
 * per-row change counts tell created rows from conflicting ones; only the conflicting rows are
 * then looked up (and updated, for {@code on_conflict=update} and {@code merge}). A first load
 * therefore costs one insert per row and nothing more. The update writes only a record whose
 * values differ from the row's ({@link dev.sluice.store.SqlDialect#sameValue}), and its change
 * count tells {@code updated} from {@code unchanged}. Under {@code merge} it sets only the fields
 * the row carries, and a row without a required field is never inserted: it can only update.
 * Stateless and thread-safe.
 */
public final class SqliteRecordSink implements RecordSink {
    private static final SqliteDialect SQL = new SqliteDialect();
    /** The key under which the update of every field is kept. */
    private static final BitSet ALL = new BitSet();

    @Override
    public JobWriter forJob(CollectionSchema collection, String jobId, ConflictPolicy onConflict) {
        return new Writer(collection, SQL.idBytes(UUID.fromString(jobId)), new ConflictRule(onConflict));
    }

    @Override
    public RecordSink validating() {
        return new KeyValidationSink(SQL);
    }

    /** One job's writes: its collection, id (as stored) and conflict rule, bound once. */
    private record Writer(CollectionSchema collection, byte[] jobId, ConflictRule rule,
                          Map<BitSet, String> updates) implements JobWriter {

        Writer(CollectionSchema collection, byte[] jobId, ConflictRule rule) {
            this(collection, jobId, rule, new ConcurrentHashMap<>());
        }

        @Override
        public PreparedRows prepare(List<ConvertedRow> rows) {
            List<Field> fields = collection.fields();
            return PreparedRows.of(rows, rule, (row, id) -> {
                Object[] values = row.values();
                Object[] out = new Object[2 + values.length];
                out[0] = SQL.idBytes(id);
                out[1] = RecordSink.position(row.file(), row.line());
                for (int f = 0; f < values.length; f++) {
                    out[2 + f] = SQL.storageValue(fields.get(f).type(), values[f]);
                }
                return out;
            });
        }

        @Override
        public List<RowOutcome> write(Connection connection, PreparedRows prepared) throws SQLException {
            RowOutcome[] outcomes = prepared.outcomes();
            long now = System.currentTimeMillis();
            List<Integer> conflicts = insert(connection, now, prepared, outcomes);
            if (!conflicts.isEmpty()) {
                resolveConflicts(connection, now, prepared.rows(), conflicts, outcomes);
            }
            return prepared.complete(outcomes);
        }

        private List<Integer> insert(Connection connection, long now, PreparedRows prepared, RowOutcome[] outcomes)
                throws SQLException {
            int[] candidates = prepared.candidates();
            List<Integer> conflicts = new ArrayList<>();
            int[] inserted = new int[candidates.length];
            int n = 0;
            for (int c = 0; c < candidates.length; c++) {
                if (rule.absentRequired(collection, prepared.rows().get(candidates[c])) == null) {
                    inserted[n++] = c;
                } else {
                    conflicts.add(candidates[c]);
                }
            }
            try (PreparedStatement ps = connection.prepareStatement(insertSql(collection))) {
                int start = 0;
                while (start < n) {
                    for (int k = start; k < n; k++) {
                        bindInsert(ps, jobId, now, prepared.encoded(inserted[k]));
                        ps.addBatch();
                    }
                    int[] counts;
                    int refused = -1;
                    String refusal = null;
                    try {
                        counts = ps.executeBatch();
                    } catch (BatchUpdateException e) {
                        counts = e.getUpdateCounts() == null ? new int[0] : e.getUpdateCounts();
                        refused = start + counts.length;
                        refusal = e.getMessage();
                        ps.clearBatch();
                    }
                    for (int k = 0; k < counts.length; k++) {
                        int i = candidates[inserted[start + k]];
                        if (counts[k] > 0) {
                            outcomes[i] = rule.decide(ConflictRule.Met.nothing(prepared.id(i)));
                        } else {
                            conflicts.add(i);
                        }
                    }
                    if (refused < 0) {
                        break;
                    }
                    outcomes[candidates[inserted[refused]]] = new RowOutcome.Failed("write_error", null,
                            "the database refused the row: " + refusal);
                    start = refused + 1;
                }
            }
            // rows are resolved in source order: a row that can only update must not find a later row's record
            conflicts.sort(null);
            return conflicts;
        }

        /** Rows the insert did not write met a record with their key: the rule decides, and an overwrite is written. */
        private void resolveConflicts(Connection connection, long now, List<ConvertedRow> rows, List<Integer> conflicts,
                                      RowOutcome[] outcomes) throws SQLException {
            int[] keyIndexes = collection.keyIndexes();
            Map<BitSet, PreparedStatement> statements = new HashMap<>();
            try (PreparedStatement find = connection.prepareStatement(findSql(collection))) {
                for (int i : conflicts) {
                    ConvertedRow row = rows.get(i);
                    for (int k = 0; k < keyIndexes.length; k++) {
                        Field f = collection.fields().get(keyIndexes[k]);
                        SQL.bind(find, k + 1, f.type(), row.values()[keyIndexes[k]]);
                    }
                    ConflictRule.Met met = met(find, row);
                    if (met == null) {
                        // the conflicting row vanished: cannot happen under the single writer
                        outcomes[i] = new RowOutcome.Failed("write_error", null, "the row conflicted but no record has its key");
                        continue;
                    }
                    if (met.recordId() != null && rule.overwrites()) {
                        PreparedStatement update = statements.get(row.carried());
                        if (update == null) {
                            update = connection.prepareStatement(updateSql(row.carried()));
                            statements.put(row.carried(), update);
                        }
                        bindUpdate(update, collection, jobId, now, row, keyIndexes);
                        met = met.same(update.executeUpdate() == 0);
                    }
                    outcomes[i] = rule.decide(met);
                }
            } finally {
                for (PreparedStatement update : statements.values()) {
                    update.close();
                }
            }
        }

        /**
         * What the row's key met; null when no record holds it though the insert conflicted. A row that
         * can only update and finds no record, or one this job created from a later line, meets nothing.
         */
        private ConflictRule.Met met(PreparedStatement find, ConvertedRow row) throws SQLException {
            String absent = rule.absentRequired(collection, row);
            try (ResultSet rs = find.executeQuery()) {
                if (!rs.next()) {
                    return absent == null ? null : ConflictRule.Met.nothing(null).absentRequired(absent);
                }
                boolean byThisJob = Arrays.equals(jobId, rs.getBytes(2));
                long writtenAt = rs.getLong(3);
                if (absent != null && byThisJob && writtenAt > RecordSink.position(row.file(), row.line())) {
                    return ConflictRule.Met.nothing(null).absentRequired(absent);
                }
                return ConflictRule.Met.record(SQL.readId(rs, 1), byThisJob, writtenAt);
            }
        }

        /** The update of the fields {@code carried} (null: all) that writes only a record that differs. */
        private String updateSql(BitSet carried) {
            return updates.computeIfAbsent(carried == null ? ALL : carried,
                    c -> SqliteRecordSink.updateSql(collection, carried));
        }
    }

    private static void bindInsert(PreparedStatement ps, byte[] jobId, long now, Object[] encoded) throws SQLException {
        ps.setBytes(1, (byte[]) encoded[0]);
        ps.setBytes(2, jobId);
        ps.setLong(3, (Long) encoded[1]);
        ps.setLong(4, now);
        ps.setLong(5, now);
        for (int f = 2; f < encoded.length; f++) {
            SQL.bindStored(ps, 4 + f, encoded[f]);
        }
    }

    /** Binds {@link #updateSql}: the carried fields, the job's columns, the key, the carried fields again. */
    private static void bindUpdate(PreparedStatement ps, CollectionSchema collection, byte[] jobId, long now,
                                   ConvertedRow row, int[] keyIndexes) throws SQLException {
        Object[] values = row.values();
        int p = 1;
        for (int f = 0; f < values.length; f++) {
            if (carries(row.carried(), f)) {
                SQL.bind(ps, p++, collection.fields().get(f).type(), values[f]);
            }
        }
        ps.setBytes(p++, jobId);
        ps.setLong(p++, RecordSink.position(row.file(), row.line()));
        ps.setLong(p++, now);
        for (int k : keyIndexes) {
            SQL.bind(ps, p++, collection.fields().get(k).type(), values[k]);
        }
        for (int f = 0; f < values.length; f++) {
            if (carries(row.carried(), f)) {
                SQL.bind(ps, p++, collection.fields().get(f).type(), values[f]);
            }
        }
    }

    private static boolean carries(BitSet carried, int field) {
        return carried == null || carried.get(field);
    }

    static String insertSql(CollectionSchema c) {
        StringBuilder cols = new StringBuilder("_id, _import_id, _import_pos, _created_at, _updated_at");
        StringBuilder params = new StringBuilder("?, ?, ?, ?, ?");
        for (Field f : c.fields()) {
            cols.append(", ").append(Identifiers.quote(f.name()));
            params.append(", ?");
        }
        return "INSERT INTO " + SQL.table(c.name()) + " (" + cols + ") VALUES (" + params + ")"
                + " ON CONFLICT (" + SQL.conflictTarget(c) + ") DO NOTHING";
    }

    static String findSql(CollectionSchema c) {
        return "SELECT _id, _import_id, _import_pos FROM " + SQL.table(c.name()) + " WHERE " + keyMatch(c);
    }

    /** Sets the fields {@code carried} (null: all) of the record with the key, unless it holds their values already. */
    static String updateSql(CollectionSchema c, BitSet carried) {
        StringBuilder set = new StringBuilder();
        List<String> same = new ArrayList<>();
        for (int f = 0; f < c.fields().size(); f++) {
            if (carries(carried, f)) {
                Field field = c.fields().get(f);
                set.append(Identifiers.quote(field.name())).append(" = ?, ");
                same.add(SQL.sameValue(field.type(), Identifiers.quote(field.name()), "?"));
            }
        }
        set.append("_import_id = ?, _import_pos = ?, _updated_at = ?");
        return "UPDATE " + SQL.table(c.name()) + " SET " + set + " WHERE " + keyMatch(c)
                + " AND NOT (" + String.join(" AND ", same) + ")";
    }

    private static String keyMatch(CollectionSchema c) {
        List<String> parts = new ArrayList<>();
        for (String k : c.key()) {
            parts.add(SQL.keyEquals(c, k));
        }
        return String.join(" AND ", parts);
    }
}
