package dev.sluice.store;

import dev.sluice.collection.CollectionSchema;
import dev.sluice.collection.Field;
import dev.sluice.collection.FieldType;
import org.jdbi.v3.core.Handle;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * The SQL that differs between the databases Sluice runs on: how the job claim locks, the catalogue
 * lookup, collection tables (their column types, how values are bound and read back, how a key
 * compares) and their names. What both databases understand is written once, here as default
 * methods or in the stores; names are quoted by {@link Identifiers} for both. Implementations are
 * immutable and thread-safe.
 */
public sealed interface SqlDialect permits SqliteDialect, PostgresDialect {

    /**
     * Finds the oldest job in the state bound to the first parameter (the claim binds {@code queued}),
     * locking it where other nodes claim side by side.
     *
     * @param condition more {@code AND ...} conditions on {@code id}, with {@code ?} parameters only
     */
    default String nextQueuedSql(String condition) {
        return "SELECT id FROM _sluice_jobs WHERE state = ?" + condition + " ORDER BY id LIMIT 1" + claimLock();
    }

    /** What the claim's {@code SELECT} appends to lock the row it picks; empty where there is one writer. */
    String claimLock();

    /**
     * The job log's commit order ({@link LogPosition}), as SQL pieces: the order column, the same as a
     * bigint to read, a bound bigint as that column's type, and the condition that a line's transaction
     * is older than every open one, and the {@code ORDER BY} list. SQLite's one writer commits lines in
     * number order: order 0, always settled, sorted by number.
     */
    default String logTx() {
        return "0";
    }

    default String logOrder(String direction) {
        return "seq " + direction;
    }

    default String logTxOut() {
        return "0";
    }

    default String logTxParam() {
        return "CAST(? AS INTEGER)";
    }

    default String logSettled() {
        return "1 = 1";
    }

    /** True when a table of this name exists where collections live (whoever created it). */
    boolean tableExists(Handle h, String name);

    /** The statements that create a collection's table and its unique key index. */
    default List<String> createTable(CollectionSchema c) {
        StringBuilder sb = new StringBuilder("CREATE TABLE ").append(table(c.name())).append(" (\n")
                .append(systemColumns());
        for (Field f : c.fields()) {
            sb.append(",\n  ").append(Identifiers.quote(f.name())).append(' ').append(columnType(f.type()));
            if (f.required()) {
                sb.append(" NOT NULL");
            }
            sb.append(keyColumnSuffix(c, f));
        }
        sb.append("\n)");
        List<String> ddl = new ArrayList<>();
        ddl.add(sb.toString());
        ddl.add("CREATE UNIQUE INDEX " + Identifiers.keyIndexName(c) + " ON " + table(c.name())
                + " (" + conflictTarget(c) + ")");
        return ddl;
    }

    /** The system columns' declarations (see {@link Identifiers#SYSTEM_COLUMNS}), one a line, no trailing comma. */
    String systemColumns();

    /** The column type a field of {@code type} is stored as. */
    String columnType(FieldType type);

    /** What a key field's column declaration ends with so that the key compares as declared; empty by default. */
    default String keyColumnSuffix(CollectionSchema c, Field f) {
        return "";
    }

    /** The collection's table, quoted (and schema-qualified where the database has schemas). */
    String table(String collectionName);

    /** {@code column} (a quoted name, possibly qualified, or a parameter) as the key index compares it. */
    String keyExpression(CollectionSchema c, String key, String column);

    /** The key columns as the unique index names them: the upsert's conflict target. */
    default String conflictTarget(CollectionSchema c) {
        List<String> cols = new ArrayList<>();
        for (String k : c.key()) {
            cols.add(keyExpression(c, k, Identifiers.quote(k)));
        }
        return String.join(", ", cols);
    }

    /** A condition that one key field equals the next parameter, as the key index compares (case-folded or not). */
    default String keyEquals(CollectionSchema c, String key) {
        return keyExpression(c, key, Identifiers.quote(key)) + " = " + keyExpression(c, key, "?");
    }

    /**
     * A condition that a stored value and a given one (SQL expressions of a field of {@code type}) are
     * the same as the database stores them, so that a row equal by it is {@code unchanged} under
     * {@code on_conflict=update} (docs/concepts.md, "Row outcomes"). Null equals null; never null itself.
     */
    String sameValue(FieldType type, String stored, String given);

    /** A parameter for a value of {@code type}, typed where the database cannot tell the type from its use. */
    String parameter(FieldType type);

    /** The column that orders a table's records by insertion, for paging. */
    String insertionOrder();

    /** Binds a converted value of {@code type} (see {@code ValueConverter} for the Java types). */
    void bind(PreparedStatement ps, int index, FieldType type, Object value) throws SQLException;

    /** Reads a stored value back as the Java type of its field. */
    Object read(ResultSet rs, int column, FieldType type) throws SQLException;

    /** Reads a system id column ({@code _id}, {@code _import_id}); null when null. */
    UUID readId(ResultSet rs, int column) throws SQLException;

    /** Reads a system time column ({@code _created_at}, {@code _updated_at}). */
    Instant readTime(ResultSet rs, int column) throws SQLException;

    /** True when a text column can hold the NUL character (U+0000): SQLite's can, PostgreSQL's cannot. */
    boolean textHoldsNul();

    /**
     * Text for Sluice's own tables (a result's key, message and source values, a job's or file's error,
     * a log line, the current operation) as this database can store it: where text cannot hold NUL it is
     * written as its escape (a backslash, u, then 0000), so that a row the database refused can always be
     * reported. Null stays null.
     */
    default String ownText(String text) {
        if (text == null || textHoldsNul() || text.indexOf('\0') < 0) {
            return text;
        }
        return text.replace("\0", "\\u0000");
    }

    /**
     * Sends, within the caller's transaction, the notice that a job changed, so that other nodes'
     * event streams read again once it commits; nothing where one process is the only writer.
     */
    default void announce(Handle h) {
    }
}
