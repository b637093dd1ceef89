package dev.sluice.format;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.format.Type;
import org.apache.parquet.io.api.Binary;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

/**
 * Renders the values of one Parquet record as a JSON object, the form every other source row takes
 * after reading (docs/parquet.md): integers and floats as numbers, decimals exactly, dates and
 * timestamps as ISO-8601 text, UUIDs as text, lists as arrays and maps and structs as objects.
 * Stateless and thread-safe.
 */
final class ParquetValues {
    private static final JsonNodeFactory NODES = JsonNodeFactory.withExactBigDecimals(true);
    private static final long JULIAN_EPOCH_DAY = 2_440_588L;

    private ParquetValues() {
    }

    static ObjectNode record(Group group, List<ParquetColumn> columns) {
        ObjectNode row = NODES.objectNode();
        for (int i = 0; i < columns.size(); i++) {
            row.set(columns.get(i).name(), member(group, i, columns.get(i)));
        }
        return row;
    }

    private static JsonNode member(Group group, int index, ParquetColumn column) {
        int count = group.getFieldRepetitionCount(index);
        if (column.repeated()) {
            ArrayNode values = NODES.arrayNode();
            for (int i = 0; i < count; i++) {
                values.add(value(group, index, i, column));
            }
            return values;
        }
        return count == 0 ? NODES.nullNode() : value(group, index, 0, column);
    }

    private static JsonNode value(Group group, int index, int i, ParquetColumn column) {
        if (!column.children().isEmpty()) {
            return nested(group.getGroup(index, i), column);
        }
        Type physical = column.physical();
        switch (column.kind()) {
            case BOOLEAN:
                return NODES.booleanNode(group.getBoolean(index, i));
            case INTEGER:
                return integer(group, index, i, column);
            case NUMBER:
                return physical == Type.FLOAT ? NODES.numberNode(group.getFloat(index, i))
                        : NODES.numberNode(group.getDouble(index, i));
            case DECIMAL:
                return NODES.numberNode(new BigDecimal(unscaled(group, index, i, physical), column.scale()));
            case DATE:
                return NODES.textNode(LocalDate.ofEpochDay(group.getInteger(index, i)).toString());
            case TIMESTAMP:
                return NODES.textNode(timestamp(group, index, i, column));
            case TIME:
                long time = physical == Type.INT32 ? group.getInteger(index, i) * 1_000_000L
                        : group.getLong(index, i) * column.unitNanos();
                return NODES.textNode(LocalTime.ofNanoOfDay(time).toString());
            case UUID:
                ByteBuffer b = group.getBinary(index, i).toByteBuffer();
                return NODES.textNode(new UUID(b.getLong(), b.getLong()).toString());
            case STRING:
                return NODES.textNode(group.getBinary(index, i).toStringUsingUTF8());
            case JSON_TEXT:
                return json(group.getBinary(index, i).toStringUsingUTF8());
            default:
                return NODES.textNode(Base64.getEncoder().encodeToString(group.getBinary(index, i).getBytes()));
        }
    }

    private static JsonNode integer(Group group, int index, int i, ParquetColumn column) {
        if (column.physical() == Type.INT32) {
            int v = group.getInteger(index, i);
            return NODES.numberNode(column.unsigned() ? Integer.toUnsignedLong(v) : v);
        }
        long v = group.getLong(index, i);
        return column.unsigned() && v < 0 ? NODES.numberNode(new BigInteger(Long.toUnsignedString(v))) : NODES.numberNode(v);
    }

    private static BigInteger unscaled(Group group, int index, int i, Type physical) {
        if (physical == Type.INT32) {
            return BigInteger.valueOf(group.getInteger(index, i));
        }
        if (physical == Type.INT64) {
            return BigInteger.valueOf(group.getLong(index, i));
        }
        return new BigInteger(group.getBinary(index, i).getBytes());
    }

    private static String timestamp(Group group, int index, int i, ParquetColumn column) {
        if (column.physical() == Type.INT96) {
            ByteBuffer b = group.getInt96(index, i).toByteBuffer().order(ByteOrder.LITTLE_ENDIAN);
            long nanosOfDay = b.getLong();
            long day = Integer.toUnsignedLong(b.getInt()) - JULIAN_EPOCH_DAY;
            return Instant.ofEpochSecond(day * 86_400L, nanosOfDay).toString();
        }
        long v = group.getLong(index, i);
        long perSecond = 1_000_000_000L / column.unitNanos();
        Instant instant = Instant.ofEpochSecond(Math.floorDiv(v, perSecond),
                Math.floorMod(v, perSecond) * column.unitNanos());
        String text = instant.toString();
        // a local timestamp (not adjusted to UTC) carries no offset; Sluice reads such text as UTC
        return column.utc() ? text : text.substring(0, text.length() - 1);
    }

    private static JsonNode json(String text) {
        try {
            return JsonSources.MAPPER.readTree(text);
        } catch (java.io.IOException e) {
            return NODES.textNode(text);
        }
    }

    private static JsonNode nested(Group group, ParquetColumn column) {
        if (column.kind() == ParquetColumn.Kind.LIST && column.children().size() == 1) {
            return list(group, column.children().get(0));
        }
        if (column.kind() == ParquetColumn.Kind.MAP && column.children().size() == 1) {
            return map(group, column.children().get(0));
        }
        return record(group, column.children());
    }

    /** A LIST: its one repeated child holds the elements, itself or (three levels) its one child. */
    private static JsonNode list(Group group, ParquetColumn repeated) {
        ArrayNode values = NODES.arrayNode();
        int count = group.getFieldRepetitionCount(0);
        boolean threeLevels = repeated.children().size() == 1 && !repeated.name().equals("array")
                && !repeated.name().endsWith("_tuple");
        for (int i = 0; i < count; i++) {
            if (threeLevels) {
                values.add(member(group.getGroup(0, i), 0, repeated.children().get(0)));
            } else {
                values.add(value(group, 0, i, repeated));
            }
        }
        return values;
    }

    /** A MAP: its repeated key_value group holds one key and one value per entry. */
    private static JsonNode map(Group group, ParquetColumn entries) {
        ObjectNode values = NODES.objectNode();
        int count = group.getFieldRepetitionCount(0);
        for (int i = 0; i < count; i++) {
            Group entry = group.getGroup(0, i);
            JsonNode key = member(entry, 0, entries.children().get(0));
            JsonNode value = entries.children().size() > 1 ? member(entry, 1, entries.children().get(1)) : NODES.nullNode();
            values.set(key.isTextual() ? key.textValue() : key.toString(), value);
        }
        return values;
    }
}
