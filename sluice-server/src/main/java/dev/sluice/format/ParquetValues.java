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
    static final JsonNodeFactory NODES = JsonNodeFactory.withExactBigDecimals(true);
    private static final long JULIAN_EPOCH_DAY = 2_440_588L;

    private ParquetValues() {
    }

    /**
     * Where one primitive value is read from: the field of an assembled record, or the current value of
     * a column read column-wise ({@link ParquetFlatColumns}).
     */
    interface Slot {
        int int32();

        long int64();

        float float32();

        double float64();

        boolean bool();

        Binary binary();

        /** An INT96 value's 12 bytes. */
        Binary int96();
    }

    /** The {@code i}-th value of field {@code index} of an assembled record. */
    private record FieldSlot(Group group, int index, int i) implements Slot {
        public int int32() {
            return group.getInteger(index, i);
        }

        public long int64() {
            return group.getLong(index, i);
        }

        public float float32() {
            return group.getFloat(index, i);
        }

        public double float64() {
            return group.getDouble(index, i);
        }

        public boolean bool() {
            return group.getBoolean(index, i);
        }

        public Binary binary() {
            return group.getBinary(index, i);
        }

        public Binary int96() {
            return group.getInt96(index, i);
        }
    }

    static ObjectNode record(Group group, List<ParquetColumn> columns) {
        ObjectNode row = NODES.objectNode();
        for (int i = 0; i < columns.size(); i++) {
            row.set(columns.get(i).name(), member(group, i, columns.get(i)));
        }
        return row;
    }

    /** Field {@code index} of an assembled record: JSON null when absent, an array when repeated. */
    static JsonNode member(Group group, int index, ParquetColumn column) {
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
        return primitive(new FieldSlot(group, index, i), column);
    }

    /** The JSON form of one non-null primitive value, read from {@code slot}. */
    static JsonNode primitive(Slot slot, ParquetColumn column) {
        Type physical = column.physical();
        switch (column.kind()) {
            case BOOLEAN:
                return NODES.booleanNode(slot.bool());
            case INTEGER:
                return integer(slot, column);
            case NUMBER:
                return physical == Type.FLOAT ? NODES.numberNode(slot.float32()) : NODES.numberNode(slot.float64());
            case DECIMAL:
                return NODES.numberNode(new BigDecimal(unscaled(slot, physical), column.scale()));
            case DATE:
                return NODES.textNode(LocalDate.ofEpochDay(slot.int32()).toString());
            case TIMESTAMP:
                return NODES.textNode(timestamp(slot, column));
            case TIME:
                long time = physical == Type.INT32 ? slot.int32() * 1_000_000L : slot.int64() * column.unitNanos();
                return NODES.textNode(LocalTime.ofNanoOfDay(time).toString());
            case UUID:
                ByteBuffer b = slot.binary().toByteBuffer();
                return NODES.textNode(new UUID(b.getLong(), b.getLong()).toString());
            case STRING:
                return NODES.textNode(slot.binary().toStringUsingUTF8());
            case JSON_TEXT:
                return json(slot.binary().toStringUsingUTF8());
            default:
                return NODES.textNode(Base64.getEncoder().encodeToString(slot.binary().getBytes()));
        }
    }

    private static JsonNode integer(Slot slot, ParquetColumn column) {
        if (column.physical() == Type.INT32) {
            int v = slot.int32();
            return NODES.numberNode(column.unsigned() ? Integer.toUnsignedLong(v) : v);
        }
        long v = slot.int64();
        return column.unsigned() && v < 0 ? NODES.numberNode(new BigInteger(Long.toUnsignedString(v))) : NODES.numberNode(v);
    }

    private static BigInteger unscaled(Slot slot, Type physical) {
        if (physical == Type.INT32) {
            return BigInteger.valueOf(slot.int32());
        }
        if (physical == Type.INT64) {
            return BigInteger.valueOf(slot.int64());
        }
        return new BigInteger(slot.binary().getBytes());
    }

    private static String timestamp(Slot slot, ParquetColumn column) {
        if (column.physical() == Type.INT96) {
            ByteBuffer b = slot.int96().toByteBuffer().order(ByteOrder.LITTLE_ENDIAN);
            long nanosOfDay = b.getLong();
            long day = Integer.toUnsignedLong(b.getInt()) - JULIAN_EPOCH_DAY;
            return Instant.ofEpochSecond(day * 86_400L, nanosOfDay).toString();
        }
        long v = slot.int64();
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
