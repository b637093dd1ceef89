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

    int fieldCount() {
        return collection.fields().size();
    }

    /** Binary COPY into the stage: ordinal, record id, position, then the fields. */
    String copySql() {
        return "COPY " + stage + " (ord, _id, _import_pos" + fieldList("") + ") FROM STDIN (FORMAT binary)";
    }

    /** Binary COPY straight into the table: the job's columns, record id, position, then the fields. */
    String copyIntoTableSql() {
        return "COPY " + table + " (_import_id, _created_at, _updated_at, _id, _import_pos" + fieldList("")
                + ") FROM STDIN (FORMAT binary)";
    }

    private String fieldList(String prefix) {
        StringBuilder sb = new StringBuilder();
        for (Field f : collection.fields()) {
            sb.append(", ").append(prefix).append(Identifiers.quote(f.name()));
        }
        return sb.toString();
    }

    /** Parameters: job id, created at, updated at. Returns the written rows' position and id. */
    String insertSql() {
        return "INSERT INTO " + table + " (_id, _import_id, _import_pos, _created_at, _updated_at" + fieldList("")
                + ") SELECT _id, ?, _import_pos, ?, ?" + fieldList("") + " FROM " + stage + " ORDER BY ord"
                + " ON CONFLICT (" + dialect.conflictTarget(collection) + ") DO NOTHING RETURNING _import_pos, _id";
    }

    /** As {@link #insertSql}, overwriting on conflict; also returns whether each row was inserted. */
    String upsertSql() {
        StringBuilder set = new StringBuilder();
        for (Field f : collection.fields()) {
            String col = Identifiers.quote(f.name());
            set.append(col).append(" = EXCLUDED.").append(col).append(", ");
        }
        set.append("_import_id = EXCLUDED._import_id, _import_pos = EXCLUDED._import_pos,"
                + " _updated_at = EXCLUDED._updated_at");
        return insertSql().replace(" DO NOTHING RETURNING _import_pos, _id",
                " DO UPDATE SET " + set + " RETURNING _import_pos, _id, (xmax = 0)");
    }

    /** Each staged row with the record holding its key: position, record id, its writer and position. */
    String conflictsSql() {
        return "SELECT s._import_pos, t._id, t._import_id, t._import_pos FROM " + stage + " s JOIN " + table
                + " t ON " + keyMatch();
    }

    /** Table row {@code t} and staged row {@code s} have the same key, as the key index compares. */
    private String keyMatch() {
        List<String> match = new ArrayList<>();
        for (String k : collection.key()) {
            String col = Identifiers.quote(k);
            match.add(dialect.keyExpression(collection, k, "t." + col) + " = "
                    + dialect.keyExpression(collection, k, "s." + col));
        }
        return String.join(" AND ", match);
    }
}
