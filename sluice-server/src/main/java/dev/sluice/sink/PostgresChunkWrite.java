package dev.sluice.sink;

import dev.sluice.format.ConvertedRow;
import dev.sluice.job.RowOutcome;
import dev.sluice.sink.PostgresCopyBinary.Bytes;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Statement;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * One chunk's write on PostgreSQL (see {@link PostgresRecordSink}): straight into the table, or merged a
 * pass (or, after a refusal, a part of one) at a time. {@code firstRecord} is the {@code _seq} of
 * candidate 0 ({@link PostgresMerge#NEXT_CHUNK_NUMBER}). Belongs to the writing thread.
 */
record PostgresChunkWrite(Connection connection, PostgresMerge merge, UUID jobId, Instant now, long firstRecord,
                          ConflictRule rule, PreparedRows prepared, RowOutcome[] outcomes, boolean unchangedFirst) {

    /**
     * COPYs the candidates straight into the table, as created records, under a savepoint.
     *
     * @return false when the table refused the chunk (rolled back): it must be merged
     */
    boolean copyIntoTable(int[] candidates) throws SQLException {
        Savepoint savepoint = connection.setSavepoint();
        try {
            Bytes jobColumns = new Bytes(64);
            PostgresCopyBinary.uuid(jobColumns, jobId);
            PostgresCopyBinary.timestamp(jobColumns, now);
            PostgresCopyBinary.timestamp(jobColumns, now);
            byte[] prefix = jobColumns.toArray();
            int fields = 6 + merge.fieldCount();
            long stored = copy(merge.copyIntoTableSql(), candidates,
                    (out, c) -> out.int16(fields).int32(8).int64(firstRecord + c).bytes(prefix));
            if (stored != candidates.length) {
                // a trigger or rule of the table's owner dropped rows: the merge tells which
                connection.rollback(savepoint);
                return false;
            }
            connection.releaseSavepoint(savepoint);
        } catch (SQLException e) {
            if (!refusedByData(e)) {
                throw e;
            }
            connection.rollback(savepoint);
            return false;
        }
        for (int c : candidates) {
            int i = prepared.candidates()[c];
            outcomes[i] = rule.decide(ConflictRule.Met.nothing(prepared.id(i)));
        }
        return true;
    }

    void run(int[] candidates) throws SQLException {
        Savepoint savepoint = connection.setSavepoint();
        try {
            stage(candidates);
            merge(candidates);
            connection.releaseSavepoint(savepoint);
        } catch (SQLException e) {
            if (!refusedByData(e)) {
                throw e;
            }
            connection.rollback(savepoint);
            if (candidates.length == 1) {
                outcomes[prepared.candidates()[candidates[0]]] = new RowOutcome.Failed("write_error", null,
                        "the database refused the row: " + e.getMessage());
                return;
            }
            int half = candidates.length / 2;
            run(Arrays.copyOfRange(candidates, 0, half));
            run(Arrays.copyOfRange(candidates, half, candidates.length));
        }
    }

    /**
     * The rows, not the database: data exceptions (22), constraint violations (23), trigger
     * refusals (P0), and a statement that would change one record twice (21000: two rows whose
     * keys Java told apart but the key index does not, such as {@code 1.0} and {@code 1.00}),
     * which bisecting separates into passes.
     */
    private static boolean refusedByData(SQLException e) {
        String state = e.getSQLState();
        return state != null && (state.startsWith("21") || state.startsWith("22") || state.startsWith("23")
                || state.startsWith("P0"));
    }

    private void stage(int[] candidates) throws SQLException {
        try (Statement st = connection.createStatement()) {
            st.execute(merge.truncateStageSql());
        }
        int fields = 3 + merge.fieldCount();
        copy(merge.copySql(), candidates, (out, c) -> out.int16(fields).int32(4).int32(c));
    }

    /** What a row sends before its encoded fields: its field count and leading fields. */
    @FunctionalInterface
    private interface RowPrefix {
        void write(Bytes out, int candidate);
    }

    /** COPYs the candidates with {@code sql}; answers how many rows the database stored. */
    private long copy(String sql, int[] candidates, RowPrefix prefix) throws SQLException {
        return PostgresCopyBinary.copyIn(connection, sql, out -> {
            for (int c : candidates) {
                Bytes row = out.next();
                prefix.write(row, c);
                row.bytes((byte[]) prepared.encoded(c)[0]);
            }
        });
    }

    private void merge(int[] candidates) throws SQLException {
        boolean update = rule.overwrites();
        Map<Long, Integer> byPosition = new HashMap<>(candidates.length * 2);
        Map<BitSet, List<Integer>> byShape = new HashMap<>();
        for (int c : candidates) {
            ConvertedRow row = prepared.rows().get(prepared.candidates()[c]);
            byPosition.put(RecordSink.position(row.file(), row.line()), prepared.candidates()[c]);
            byShape.computeIfAbsent(row.carried(), k -> new ArrayList<>()).add(c);
        }
        int written = unchangedFirst ? dropUnchanged(byShape, byPosition) : 0;
        if (!update) {
            written = write(merge.insertSql(), null, byPosition, true);
        } else {
            boolean filtered = byShape.size() > 1;
            for (Map.Entry<BitSet, List<Integer>> shape : byShape.entrySet()) {
                ConvertedRow first = prepared.rows().get(prepared.candidates()[shape.getValue().get(0)]);
                boolean updateOnly = rule.absentRequired(merge.collection(), first) != null;
                String sql = updateOnly ? merge.updateOnlySql(shape.getKey(), filtered)
                        : merge.upsertSql(shape.getKey(), filtered);
                written += write(sql, filtered ? shape.getValue() : null, byPosition, !updateOnly);
            }
        }
        if (written < candidates.length) {
            resolveConflicts(byPosition);
            for (int i : byPosition.values()) {
                if (outcomes[i] == null) {
                    String absent = rule.absentRequired(merge.collection(), prepared.rows().get(i));
                    outcomes[i] = absent != null ? rule.decide(ConflictRule.Met.nothing(null).absentRequired(absent))
                            : new RowOutcome.Failed("write_error", null,
                            "the database did not store the row (a trigger or rule on the table dropped it)");
                }
            }
        }
    }

    /**
     * Runs one insert, upsert or update of the staged rows ({@code ords}, or all when null) and decides
     * the rows it wrote; answers how many. A row an upsert did not return was not written.
     *
     * @param inserts whether the statement may insert, and so takes a first record number and a created-at parameter
     */
    private int write(String sql, List<Integer> ords, Map<Long, Integer> byPosition, boolean inserts)
            throws SQLException {
        int written = 0;
        try (PreparedStatement ps = connection.prepareStatement(sql)) {
            OffsetDateTime at = OffsetDateTime.ofInstant(now, ZoneOffset.UTC);
            int p = 1;
            if (inserts) {
                ps.setLong(p++, firstRecord);
            }
            ps.setObject(p++, jobId);
            ps.setObject(p++, at);
            if (inserts) {
                ps.setObject(p++, at);
            }
            if (ords != null) {
                ps.setArray(p, connection.createArrayOf("integer", ords.toArray()));
            }
            boolean update = rule.overwrites();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    UUID id = rs.getObject(2, UUID.class);
                    // an upsert does not say whose record it overwrote; an overwriting rule does not ask
                    outcomes[byPosition.get(rs.getLong(1))] = rule.decide(!update || rs.getBoolean(3)
                            ? ConflictRule.Met.nothing(id) : ConflictRule.Met.recordBeforeJob(id));
                    written++;
                }
            }
        }
        return written;
    }

    /**
     * Decides {@code unchanged} the staged rows that a record from before this job already matches in
     * every field they carry, and takes them out of the stage, so that the overwrite sees only rows
     * that change or create a record; answers how many.
     */
    private int dropUnchanged(Map<BitSet, List<Integer>> byShape, Map<Long, Integer> byPosition)
            throws SQLException {
        boolean filtered = byShape.size() > 1;
        int found = 0;
        try (Statement st = connection.createStatement()) {
            st.execute(PostgresMerge.JOIN_BY_INDEX);
            found = dropUnchanged(byShape, byPosition, filtered);
            st.execute(PostgresMerge.JOIN_AS_PLANNED);
        }
        return found;
    }

    private int dropUnchanged(Map<BitSet, List<Integer>> byShape, Map<Long, Integer> byPosition,
                              boolean filtered) throws SQLException {
        int found = 0;
        for (Map.Entry<BitSet, List<Integer>> shape : byShape.entrySet()) {
            try (PreparedStatement ps = connection.prepareStatement(merge.unchangedSql(shape.getKey(), filtered))) {
                ps.setObject(1, jobId);
                if (filtered) {
                    ps.setArray(2, connection.createArrayOf("integer", shape.getValue().toArray()));
                }
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        outcomes[byPosition.get(rs.getLong(1))] = rule.decide(
                                ConflictRule.Met.recordBeforeJob(rs.getObject(2, UUID.class)).same(true));
                        found++;
                    }
                }
            }
        }
        return found;
    }

    /** Rows the insert did not write met a record with their key: this job's earlier row, or an older one. */
    private void resolveConflicts(Map<Long, Integer> byPosition) throws SQLException {
        boolean update = rule.overwrites();
        try (Statement st = connection.createStatement();
             ResultSet rs = st.executeQuery(merge.conflictsSql(update))) {
            while (rs.next()) {
                int i = byPosition.get(rs.getLong(1));
                // an overwrite that met a record and wrote nothing is unchanged only if the values are there
                if (outcomes[i] == null && (!update || same(rs.getString(5), prepared.rows().get(i).carried()))) {
                    outcomes[i] = rule.decide(ConflictRule.Met.record(rs.getObject(2, UUID.class),
                            jobId.equals(rs.getObject(3, UUID.class)), rs.getLong(4)).same(update));
                }
            }
        }
    }

    /** Whether every field the row carries (null: all) is marked the same in {@code bits}. */
    private static boolean same(String bits, BitSet carried) {
        for (int f = 0; f < bits.length(); f++) {
            if (bits.charAt(f) != '1' && (carried == null || carried.get(f))) {
                return false;
            }
        }
        return true;
    }
}
