package dev.sluice.store;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import dev.sluice.collection.CollectionSchema;
import dev.sluice.collection.Field;
import dev.sluice.collection.FieldType;

import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * How a collection lives in SQLite: its table's DDL, and how typed values are bound and read.
 * Identifiers come only from validated names ({@link CollectionSchema#NAME}). Stateless and thread-safe.
 *
 * <p>Storage: integer and boolean as INTEGER, number as REAL, decimal as exact TEXT, dates and
 * timestamps as ISO-8601 TEXT (timestamps in UTC), uuid and json as TEXT.
 */
public final class SqliteTables {
    /** JSON values read back exactly: as decimals with their scale, never through a double (4.9e-325 is not 0.0). */
    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .configure(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES, false);

    /** The system columns every collection table has, before the fields. */
    public static final List<String> SYSTEM_COLUMNS = Identifiers.SYSTEM_COLUMNS;

    private SqliteTables() {
    }

    /** As {@link Identifiers#quote}, which both databases share. */
    public static String quote(String identifier) {
        return Identifiers.quote(identifier);
    }

    /** The statements that create the table and its unique key index. */
    public static List<String> createTable(CollectionSchema c) {
        StringBuilder sb = new StringBuilder("CREATE TABLE ").append(quote(c.name())).append(" (\n")
                // ids as 16-byte blobs and times as epoch milliseconds: system columns cost ~50 bytes a row, not ~130
                .append("  _id BLOB NOT NULL,\n")
                .append("  _import_id BLOB,\n")
                // where the last writing job read this row: file ordinal << 40 | line; tells in-job duplicates apart
                .append("  _import_pos INTEGER,\n")
                .append("  _created_at INTEGER NOT NULL,\n")
                .append("  _updated_at INTEGER NOT NULL");
        for (Field f : c.fields()) {
            sb.append(",\n  ").append(quote(f.name())).append(' ').append(columnType(f.type()));
            if (f.required()) {
                sb.append(" NOT NULL");
            }
            if (c.keyCaseInsensitive() && c.key().contains(f.name()) && f.type() == FieldType.STRING) {
                sb.append(" COLLATE NOCASE");
            }
        }
        sb.append("\n)");
        List<String> ddl = new ArrayList<>();
        ddl.add(sb.toString());
        ddl.add("CREATE UNIQUE INDEX " + Identifiers.keyIndexName(c) + " ON " + quote(c.name()) + " (" + keyColumns(c) + ")");
        return ddl;
    }

    /** The key columns, quoted and comma-separated: the upsert's conflict target. */
    public static String keyColumns(CollectionSchema c) {
        List<String> cols = new ArrayList<>();
        for (String k : c.key()) {
            cols.add(quote(k));
        }
        return String.join(", ", cols);
    }

    static String columnType(FieldType type) {
        return switch (type) {
            case INTEGER, BOOLEAN -> "INTEGER";
            case NUMBER -> "REAL";
            default -> "TEXT";
        };
    }

    /** Binds a converted value (see {@code ValueConverter} for the Java types) to parameter {@code index}. */
    public static void bind(PreparedStatement ps, int index, FieldType type, Object value) throws SQLException {
        bindStored(ps, index, storageValue(type, value));
    }

    /**
     * A converted value in the form SQLite stores it: Long, Double, Integer (booleans), String or
     * null. Pure; runs on the reading thread so the writer only binds.
     */
    public static Object storageValue(FieldType type, Object value) {
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
    public static void bindStored(PreparedStatement ps, int index, Object stored) throws SQLException {
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

    /** Reads a stored value back as the Java type of its field. */
    public static Object read(ResultSet rs, int column, FieldType type) throws SQLException {
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
            case JSON -> parseJson(rs.getString(column));
            case STRING -> rs.getString(column);
        };
    }

    private static JsonNode parseJson(String text) {
        try {
            return JSON.readTree(text);
        } catch (java.io.IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A UUID as the 16 bytes it is stored as. */
    public static byte[] bytes(UUID id) {
        byte[] b = new byte[16];
        long msb = id.getMostSignificantBits();
        long lsb = id.getLeastSignificantBits();
        for (int i = 0; i < 8; i++) {
            b[i] = (byte) (msb >>> (56 - 8 * i));
            b[8 + i] = (byte) (lsb >>> (56 - 8 * i));
        }
        return b;
    }

    /** The UUID stored as 16 bytes, or null. */
    public static UUID uuid(byte[] b) {
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
}
