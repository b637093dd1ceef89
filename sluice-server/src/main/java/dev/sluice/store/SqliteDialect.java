package dev.sluice.store;

import dev.sluice.collection.CollectionSchema;
import dev.sluice.collection.Field;
import dev.sluice.collection.FieldType;
import org.jdbi.v3.core.Handle;

import java.math.BigDecimal;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.UUID;

/**
 * SQLite: one writer, so the claim needs no row locks. Collection tables store ids as 16-byte blobs
 * and times as epoch milliseconds (system columns cost ~50 bytes a row, not ~130); integer and
 * boolean as INTEGER, number as REAL, decimal as exact TEXT, dates and timestamps as ISO-8601 TEXT
 * (timestamps in UTC), uuid and json as TEXT; a case-insensitive key column is declared
 * {@code COLLATE NOCASE}. Stateless and thread-safe.
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
    public String systemColumns() {
        return "  _id BLOB NOT NULL,\n"
                + "  _import_id BLOB,\n"
                // where the last writing job read this row: file ordinal << 40 | line; tells in-job duplicates apart
                + "  _import_pos INTEGER,\n"
                + "  _created_at INTEGER NOT NULL,\n"
                + "  _updated_at INTEGER NOT NULL";
    }

    @Override
    public String columnType(FieldType type) {
        return switch (type) {
            case INTEGER, BOOLEAN -> "INTEGER";
            case NUMBER -> "REAL";
            default -> "TEXT";
        };
    }

    @Override
    public String keyColumnSuffix(CollectionSchema c, Field f) {
        boolean folded = c.keyCaseInsensitive() && c.key().contains(f.name()) && f.type() == FieldType.STRING;
        return folded ? " COLLATE NOCASE" : "";
    }

    @Override
    public String table(String collectionName) {
        return Identifiers.quote(collectionName);
    }

    @Override
    public String keyExpression(CollectionSchema c, String key, String column) {
        // a case-insensitive key column is declared COLLATE NOCASE, so = already folds case
        return column;
    }

    @Override
    public String sameValue(FieldType type, String stored, String given) {
        // BINARY: a case-insensitive key column's NOCASE would call "Bob" the same as "bob"
        return stored + " IS " + given + " COLLATE BINARY";
    }

    @Override
    public String parameter(FieldType type) {
        return "?";
    }

    @Override
    public String insertionOrder() {
        return "rowid";
    }

    @Override
    public void bind(PreparedStatement ps, int index, FieldType type, Object value) throws SQLException {
        bindStored(ps, index, storageValue(type, value));
    }

    /**
     * A converted value in the form SQLite stores it: Long, Double, Integer (booleans), String or
     * null. Pure; runs on the reading thread so the writer only binds.
     */
    public Object storageValue(FieldType type, Object value) {
        if (value == null) {
            return null;
        }
        return switch (type) {
            case INTEGER, NUMBER, STRING -> value;
            case BOOLEAN -> ((Boolean) value) ? 1 : 0;
            case DECIMAL -> ((BigDecimal) value).toPlainString();
            case TIMESTAMP -> DateTimeFormatter.ISO_INSTANT.format((Instant) value);
            default -> value.toString();
        };
    }

    /** Binds a value produced by {@link #storageValue}. */
    public void bindStored(PreparedStatement ps, int index, Object stored) throws SQLException {
        if (stored == null) {
            ps.setNull(index, Types.NULL);
        } else if (stored instanceof String s) {
            ps.setString(index, s);
        } else if (stored instanceof Long l) {
            ps.setLong(index, l);
        } else if (stored instanceof Double d) {
            ps.setDouble(index, d);
        } else {
            ps.setInt(index, (Integer) stored);
        }
    }

    @Override
    public Object read(ResultSet rs, int column, FieldType type) throws SQLException {
        Object raw = rs.getObject(column);
        if (raw == null) {
            return null;
        }
        return switch (type) {
            case INTEGER -> rs.getLong(column);
            case NUMBER -> rs.getDouble(column);
            case BOOLEAN -> rs.getLong(column) != 0;
            case DECIMAL -> new BigDecimal(rs.getString(column));
            case DATE -> LocalDate.parse(rs.getString(column));
            case TIMESTAMP -> Instant.parse(rs.getString(column));
            case UUID -> java.util.UUID.fromString(rs.getString(column));
            case JSON -> StoredJson.parse(rs.getString(column));
            case STRING -> rs.getString(column);
        };
    }

    /** A UUID as the 16 bytes it is stored as. */
    public byte[] idBytes(UUID id) {
        byte[] b = new byte[16];
        long msb = id.getMostSignificantBits();
        long lsb = id.getLeastSignificantBits();
        for (int i = 0; i < 8; i++) {
            b[i] = (byte) (msb >>> (56 - 8 * i));
            b[8 + i] = (byte) (lsb >>> (56 - 8 * i));
        }
        return b;
    }

    @Override
    public UUID readId(ResultSet rs, int column) throws SQLException {
        byte[] b = rs.getBytes(column);
        if (b == null || b.length != 16) {
            return null;
        }
        long msb = 0;
        long lsb = 0;
        for (int i = 0; i < 8; i++) {
            msb = (msb << 8) | (b[i] & 0xFF);
            lsb = (lsb << 8) | (b[8 + i] & 0xFF);
        }
        return new UUID(msb, lsb);
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
