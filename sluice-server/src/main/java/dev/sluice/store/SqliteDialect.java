package dev.sluice.store;

import dev.sluice.collection.CollectionSchema;
import dev.sluice.collection.FieldType;
import org.jdbi.v3.core.Handle;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * SQLite: one writer, so the claim needs no row locks; collection tables as {@link SqliteTables}
 * defines them (ids as 16-byte blobs, times as epoch milliseconds). Stateless and thread-safe.
 */
public record SqliteDialect() implements SqlDialect {
    private static final String TABLE_EXISTS = "SELECT count(*) FROM sqlite_master WHERE name = ?";

    @Override
    public String claimLock() {
        return "";
    }

    @Override
    public boolean tableExists(Handle h, String name) {
        return h.createQuery(TABLE_EXISTS).bind(0, name).mapTo(Integer.class).one() > 0;
    }

    @Override
    public List<String> createTable(CollectionSchema c) {
        return SqliteTables.createTable(c);
    }

    @Override
    public String table(String collectionName) {
        return SqliteTables.quote(collectionName);
    }

    @Override
    public String keyEquals(CollectionSchema c, String key) {
        // a case-insensitive key column is declared COLLATE NOCASE, so = already folds case
        return SqliteTables.quote(key) + " = ?";
    }

    @Override
    public String insertionOrder() {
        return "rowid";
    }

    @Override
    public void bind(PreparedStatement ps, int index, FieldType type, Object value) throws SQLException {
        SqliteTables.bind(ps, index, type, value);
    }

    @Override
    public Object read(ResultSet rs, int column, FieldType type) throws SQLException {
        return SqliteTables.read(rs, column, type);
    }

    @Override
    public UUID readId(ResultSet rs, int column) throws SQLException {
        return SqliteTables.uuid(rs.getBytes(column));
    }

    @Override
    public Instant readTime(ResultSet rs, int column) throws SQLException {
        return Instant.ofEpochMilli(rs.getLong(column));
    }

    @Override
    public boolean textHoldsNul() {
        return true;
    }
}
