package dev.sluice.store;

import dev.sluice.collection.CollectionSchema;
import dev.sluice.collection.FieldType;
import org.jdbi.v3.core.Handle;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/**
 * PostgreSQL: several nodes claim jobs side by side, so the claim locks the row it picks and skips
 * rows another node has locked; collection tables as {@link PostgresTables} defines them, in
 * {@code schema}. Immutable and thread-safe.
 *
 * @param schema where collection tables live (Sluice's own tables are in schema {@code sluice})
 */
public record PostgresDialect(String schema) implements SqlDialect {
    private static final String TABLE_EXISTS = "SELECT count(*) FROM pg_catalog.pg_tables"
            + " WHERE schemaname = ? AND tablename = ?";

    public PostgresDialect {
        Identifiers.quote(schema);
    }

    @Override
    public String claimLock() {
        return " FOR UPDATE SKIP LOCKED";
    }

    @Override
    public boolean tableExists(Handle h, String name) {
        return h.createQuery(TABLE_EXISTS).bind(0, schema).bind(1, name).mapTo(Integer.class).one() > 0;
    }

    @Override
    public List<String> createTable(CollectionSchema c) {
        return PostgresTables.createTable(schema, c);
    }

    @Override
    public String table(String collectionName) {
        return PostgresTables.table(schema, collectionName);
    }

    @Override
    public String keyEquals(CollectionSchema c, String key) {
        return PostgresTables.keyExpression(c, key, Identifiers.quote(key)) + " = "
                + PostgresTables.keyExpression(c, key, "?");
    }

    @Override
    public String insertionOrder() {
        return "_seq";
    }

    @Override
    public void bind(PreparedStatement ps, int index, FieldType type, Object value) throws SQLException {
        PostgresTables.bind(ps, index, type, value);
    }

    @Override
    public Object read(ResultSet rs, int column, FieldType type) throws SQLException {
        return PostgresTables.read(rs, column, type);
    }

    @Override
    public UUID readId(ResultSet rs, int column) throws SQLException {
        return rs.getObject(column, UUID.class);
    }

    @Override
    public Instant readTime(ResultSet rs, int column) throws SQLException {
        return rs.getObject(column, OffsetDateTime.class).toInstant();
    }

    @Override
    public boolean textHoldsNul() {
        return false;
    }
}
