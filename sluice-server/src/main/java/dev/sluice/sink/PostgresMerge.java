package dev.sluice.sink;

import dev.sluice.collection.CollectionSchema;
import dev.sluice.collection.Field;
import dev.sluice.store.Identifiers;
import dev.sluice.store.PostgresDialect;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HexFormat;
import java.util.List;

/**
 * The SQL of one collection's PostgreSQL merge: its temporary staging table (one per connection and
 * collection definition, emptied at every commit) and the statements that COPY into it and merge
 * it into the table. Identifiers come only from validated names. Immutable and thread-safe.
 */
final class PostgresMerge {
    private final PostgresDialect dialect;
    private final CollectionSchema collection;
    private final String table;
    private final String stage;

    PostgresMerge(PostgresDialect dialect, CollectionSchema collection) {
        this.dialect = dialect;
        this.collection = collection;
        this.table = dialect.table(collection.name());
        this.stage = "pg_temp." + stageName(dialect.schema(), collection);
    }

    /** A name per definition: a collection dropped and defined again gets a stage of its new shape. */
    private static String stageName(String schema, CollectionSchema c) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest((schema + '\n' + c).getBytes(StandardCharsets.UTF_8));
            return "\"_sluice_stage_" + HexFormat.of().formatHex(digest, 0, 12) + '"';
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is always present", e);
        }
    }

    void ensureStage(Connection connection) throws SQLException {
        StringBuilder ddl = new StringBuilder("CREATE TEMPORARY TABLE IF NOT EXISTS ").append(stage.substring(8))
                .append(" (ord integer NOT NULL, _id uuid NOT NULL, _import_pos bigint NOT NULL");
        for (Field f : collection.fields()) {
            ddl.append(", ").append(Identifiers.quote(f.name())).append(' ')
                    .append(dialect.columnType(f.type()));
        }
        ddl.append(") ON COMMIT DELETE ROWS");
        try (Statement st = connection.createStatement()) {
            st.execute(ddl.toString());
        }
    }

    String truncateStageSql() {
        return "TRUNCATE " + stage;
    }

    CollectionSchema collection() {
        return collection;
    }

    int fieldCount() {
        return collection.fields().size();
    }

    /** Binary COPY into the stage: ordinal, record id, position, then the fields. */
    String copySql() {
        return "COPY " + stage + " (ord, _id, _import_pos" + fieldList("") + ") FROM STDIN (FORMAT binary)";
    }

    /**
     * The chunk number a writer takes before it writes a chunk: its records' {@code _seq} is this
     * number shifted left by {@link #ORDER_SHIFT} plus the row's ordinal, so records number in the
     * order their chunks were written (each chunk numbered once, as {@code nextval} did per row), at
     * one {@code nextval} per chunk instead of one per row, which cost a first load about a sixth of
     * the server's time (docs/benchmarks.md). The sequence starts at 2^20, so these numbers follow
     * every number a table's own identity gave before (V12).
     */
    static final String NEXT_CHUNK_NUMBER = "SELECT nextval('_sluice_record_chunks')";
    /** A chunk holds fewer rows than this ({@code --chunk-rows} is at most 1,000,000). */
    static final int ORDER_SHIFT = 20;

    /** Binary COPY straight into the table: order, the job's columns, record id, position, then the fields. */
    String copyIntoTableSql() {
        return "COPY " + table + " (_seq, _import_id, _created_at, _updated_at, _id, _import_pos" + fieldList("")
                + ") FROM STDIN (FORMAT binary)";
    }

    private String fieldList(String prefix) {
        StringBuilder sb = new StringBuilder();
        for (Field f : collection.fields()) {
            sb.append(", ").append(prefix).append(Identifiers.quote(f.name()));
        }
        return sb.toString();
    }

    /** Parameters: first record number, job id, created at, updated at. Returns the written rows' position and id. */
    String insertSql() {
        return insert("") + " DO NOTHING RETURNING _import_pos, _id";
    }

    /**
     * As {@link #insertSql}, overwriting on conflict the fields {@code carried} (null: all) of a record
     * that does not hold their values already; also returns whether each row was inserted. A record
     * the row would not change is not written and not returned. With {@code filtered} a fourth
     * parameter, an integer array, names the staged rows (by {@code ord}) it takes.
     */
    String upsertSql(BitSet carried, boolean filtered) {
        StringBuilder set = new StringBuilder();
        for (int f = 0; f < collection.fields().size(); f++) {
            if (carried == null || carried.get(f)) {
                String col = Identifiers.quote(collection.fields().get(f).name());
                set.append(col).append(" = EXCLUDED.").append(col).append(", ");
            }
        }
        set.append("_import_id = EXCLUDED._import_id, _import_pos = EXCLUDED._import_pos,"
                + " _updated_at = EXCLUDED._updated_at");
        return insert(filtered ? " WHERE s.ord = ANY(?)" : "") + " DO UPDATE SET " + set + " WHERE NOT ("
                + sameValues(carried, "EXCLUDED") + ") RETURNING _import_pos, _id, (xmax = 0)";
    }

    /**
     * The update, and never the insert, of the staged rows that lack a required field: PostgreSQL checks
     * {@code NOT NULL} before it looks for a conflict, so they cannot go through {@link #upsertSql}.
     * Parameters: job id, updated at, and with {@code filtered} the rows' {@code ord}s; returns as it does.
     */
    String updateOnlySql(BitSet carried, boolean filtered) {
        StringBuilder set = new StringBuilder();
        for (int f = 0; f < collection.fields().size(); f++) {
            if (carried == null || carried.get(f)) {
                String col = Identifiers.quote(collection.fields().get(f).name());
                set.append(col).append(" = s.").append(col).append(", ");
            }
        }
        return "UPDATE " + table + " t SET " + set + "_import_id = ?, _import_pos = s._import_pos, _updated_at = ?"
                + " FROM " + stage + " s WHERE " + (filtered ? "s.ord = ANY(?) AND " : "") + keyMatch("t")
                + " AND NOT (" + sameValues(carried, "s") + ") RETURNING s._import_pos, t._id, false";
    }

    /**
     * Deletes from the stage the rows that a record from before this job already matches, in their
     * key and in the fields {@code carried} (null: all), and returns their position and the record's
     * id: such a row is {@code unchanged} and has nothing to write. Found in one join, this spares the
     * upsert its per-row insert attempt and row lock. Parameters: job id, and with {@code filtered}
     * the rows' {@code ord}s.
     */
    /**
     * Before {@link #unchangedSql}: look each staged row up in the key index. Left to itself the
     * planner hashes the whole table for every chunk once it is a few times the chunk's size, which
     * costs in proportion to the table, not the chunk. {@link #JOIN_AS_PLANNED} undoes it.
     */
    static final String JOIN_BY_INDEX = "SET LOCAL enable_hashjoin = off; SET LOCAL enable_mergejoin = off";
    static final String JOIN_AS_PLANNED = "RESET enable_hashjoin; RESET enable_mergejoin";

    String unchangedSql(BitSet carried, boolean filtered) {
        return "DELETE FROM " + stage + " s USING " + table + " t WHERE t._import_id IS DISTINCT FROM ? AND "
                + (filtered ? "s.ord = ANY(?) AND " : "") + keyMatch("t") + " AND " + sameValues(carried, "s")
                + " RETURNING s._import_pos, t._id";
    }

    /** Record {@code t} holds the values of row {@code alias} in the fields {@code carried} (null: all). */
    private String sameValues(BitSet carried, String alias) {
        List<String> same = new ArrayList<>();
        for (int f = 0; f < collection.fields().size(); f++) {
            if (carried == null || carried.get(f)) {
                Field field = collection.fields().get(f);
                String col = Identifiers.quote(field.name());
                same.add(dialect.sameValue(field.type(), "t." + col, alias + "." + col));
            }
        }
        return String.join(" AND ", same);
    }

    /** The insert of the staged rows that pass {@code where}, up to its conflict action. */
    private String insert(String where) {
        return "INSERT INTO " + table + " AS t (_seq, _id, _import_id, _import_pos, _created_at, _updated_at"
                + fieldList("") + ") SELECT CAST(? AS bigint) + s.ord, s._id, ?, s._import_pos, ?, ?" + fieldList("s.")
                + " FROM " + stage
                + " s" + where + " ORDER BY s.ord ON CONFLICT (" + dialect.conflictTarget(collection) + ")";
    }

    /**
     * Each staged row with the record holding its key: position, record id, its writer and position;
     * with {@code compared}, also a text of one character per field, {@code 1} where the record holds
     * the staged value, so that an overwrite that wrote nothing is told apart: it met the same values
     * (unchanged) or a trigger dropped it.
     */
    String conflictsSql(boolean compared) {
        StringBuilder same = new StringBuilder();
        for (Field f : compared ? collection.fields() : List.<Field>of()) {
            String col = Identifiers.quote(f.name());
            same.append(same.length() == 0 ? ", " : " || ").append("CASE WHEN ")
                    .append(dialect.sameValue(f.type(), "t." + col, "s." + col)).append(" THEN '1' ELSE '0' END");
        }
        return "SELECT s._import_pos, t._id, t._import_id, t._import_pos" + same + " FROM " + stage + " s JOIN "
                + table + " t ON " + keyMatch("t");
    }

    /** Table row {@code alias} and staged row {@code s} have the same key, as the key index compares. */
    private String keyMatch(String alias) {
        List<String> match = new ArrayList<>();
        for (String k : collection.key()) {
            String col = Identifiers.quote(k);
            match.add(dialect.keyExpression(collection, k, alias + "." + col) + " = "
                    + dialect.keyExpression(collection, k, "s." + col));
        }
        return String.join(" AND ", match);
    }
}
