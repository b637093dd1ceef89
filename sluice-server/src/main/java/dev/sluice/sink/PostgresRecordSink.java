package dev.sluice.sink;

import dev.sluice.collection.Collection;
import dev.sluice.collection.Field;
import dev.sluice.collection.FieldType;
import dev.sluice.format.ConvertedRow;
import dev.sluice.job.ImportOptions.OnConflict;
import dev.sluice.job.RowOutcome;
import dev.sluice.store.PostgresDialect;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Statement;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * PostgreSQL writer: each chunk is COPYed into a temporary staging table, then merged by one
 * {@code INSERT ... SELECT ... ON CONFLICT} whose {@code RETURNING} tells created rows (and, with
 * {@code update}, updated ones) from conflicting ones; only conflicts are looked up, in one query.
 * With {@code update} a key repeated within the chunk is merged in passes, since one statement
 * cannot change a row twice. When the database refuses a pass (a constraint Java could not check,
 * a value it cannot store), the pass is bisected under savepoints and only the refused rows fail,
 * with {@code write_error}. Stateless and thread-safe; the staging table is per connection.
 */
public final class PostgresRecordSink implements RecordSink {
    private final String schema;

    /** @param schema where collection tables live */
    public PostgresRecordSink(String schema) {
        this.schema = schema;
    }

    @Override
    public PreparedRows prepare(Collection collection, OnConflict onConflict, List<ConvertedRow> rows) {
        List<FieldType> types = collection.fields().stream().map(Field::type).toList();
        return PreparedRows.of(rows, onConflict, (row, id) -> new Object[]{
                PostgresCopyText.encode(id, RecordSink.position(row.file(), row.line()), types, row.values())});
    }

    @Override
    public RecordSink validating() {
        return new KeyValidationSink(new PostgresDialect(schema));
    }

    @Override
    public List<RowOutcome> write(Connection connection, Collection collection, String jobId, OnConflict onConflict,
                                  PreparedRows prepared) throws SQLException {
        RowOutcome[] outcomes = prepared.decided();
        PostgresMerge merge = new PostgresMerge(schema, collection);
        Pass pass = new Pass(connection, merge, UUID.fromString(jobId), OffsetDateTime.now(ZoneOffset.UTC),
                onConflict, prepared, outcomes);
        merge.ensureStage(connection);
        for (int[] candidates : passes(prepared, onConflict)) {
            pass.run(candidates);
        }
        PreparedRows.pointSkippedAtKeptRecords(prepared.rows(), outcomes);
        return Arrays.asList(outcomes);
    }

    /** Candidate ordinals split so that no pass holds a key twice (only {@code update} sends repeats). */
    private static List<int[]> passes(PreparedRows prepared, OnConflict onConflict) {
        int[] candidates = prepared.candidates();
        int[] all = new int[candidates.length];
        for (int c = 0; c < all.length; c++) {
            all[c] = c;
        }
        if (onConflict != OnConflict.UPDATE) {
            return List.of(all);
        }
        Map<String, Integer> seen = new HashMap<>();
        List<List<Integer>> byOccurrence = new ArrayList<>();
        for (int c = 0; c < candidates.length; c++) {
            int occurrence = seen.merge(prepared.rows().get(candidates[c]).key(), 1, Integer::sum) - 1;
            if (occurrence == byOccurrence.size()) {
                byOccurrence.add(new ArrayList<>());
            }
            byOccurrence.get(occurrence).add(c);
        }
        List<int[]> out = new ArrayList<>();
        for (List<Integer> p : byOccurrence) {
            out.add(p.stream().mapToInt(Integer::intValue).toArray());
        }
        return out;
    }

    /** One chunk's merge, run a pass (or, after a refusal, a part of one) at a time. */
    private record Pass(Connection connection, PostgresMerge merge, UUID jobId, OffsetDateTime now,
                        OnConflict onConflict, PreparedRows prepared, RowOutcome[] outcomes) {

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

        /** Data exceptions (22), constraint violations (23) and trigger refusals (P0): the rows, not the database. */
        private static boolean refusedByData(SQLException e) {
            String state = e.getSQLState();
            return state != null && (state.startsWith("22") || state.startsWith("23") || state.startsWith("P0"));
        }

        private void stage(int[] candidates) throws SQLException {
            try (Statement st = connection.createStatement()) {
                st.execute(merge.truncateStageSql());
            }
            CopyIn copy = connection.unwrap(PGConnection.class).getCopyAPI().copyIn(merge.copySql());
            try {
                for (int c : candidates) {
                    byte[] ord = Integer.toString(c).getBytes(StandardCharsets.US_ASCII);
                    byte[] row = (byte[]) prepared.encoded(c)[0];
                    copy.writeToCopy(ord, 0, ord.length);
                    copy.writeToCopy(row, 0, row.length);
                }
                copy.endCopy();
            } finally {
                if (copy.isActive()) {
                    copy.cancelCopy();
                }
            }
        }

        private void merge(int[] candidates) throws SQLException {
            boolean update = onConflict == OnConflict.UPDATE;
            Map<Long, Integer> byPosition = new HashMap<>(candidates.length * 2);
            for (int c : candidates) {
                ConvertedRow row = prepared.rows().get(prepared.candidates()[c]);
                byPosition.put(RecordSink.position(row.file(), row.line()), prepared.candidates()[c]);
            }
            int written = 0;
            try (PreparedStatement ps = connection.prepareStatement(update ? merge.upsertSql() : merge.insertSql())) {
                ps.setObject(1, jobId);
                ps.setObject(2, now);
                ps.setObject(3, now);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        int i = byPosition.get(rs.getLong(1));
                        UUID id = rs.getObject(2, UUID.class);
                        outcomes[i] = !update || rs.getBoolean(3) ? new RowOutcome.Created(id) : new RowOutcome.Updated(id);
                        written++;
                    }
                }
            }
            if (written < candidates.length) {
                resolveConflicts(byPosition);
            }
        }

        /** Rows the insert did not write met a record with their key: this job's earlier row, or an older one. */
        private void resolveConflicts(Map<Long, Integer> byPosition) throws SQLException {
            try (Statement st = connection.createStatement(); ResultSet rs = st.executeQuery(merge.conflictsSql())) {
                while (rs.next()) {
                    int i = byPosition.get(rs.getLong(1));
                    if (outcomes[i] != null) {
                        continue;
                    }
                    UUID existingId = rs.getObject(2, UUID.class);
                    boolean inJob = jobId.equals(rs.getObject(3, UUID.class));
                    long writtenAt = rs.getLong(4);
                    outcomes[i] = switch (onConflict) {
                        case SKIP -> inJob ? new RowOutcome.Skipped(RecordSink.position(writtenAt), existingId)
                                : new RowOutcome.Unchanged(existingId);
                        default -> new RowOutcome.Failed("duplicate_key", null, inJob
                                ? "key already appeared at line " + RecordSink.position(writtenAt).line() + " of this import"
                                : "a record with this key already exists (" + existingId + ")");
                    };
                }
            }
        }
    }
}
