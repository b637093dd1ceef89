package dev.sluice.format;

import org.apache.parquet.format.ConvertedType;
import org.apache.parquet.format.FieldRepetitionType;
import org.apache.parquet.format.LogicalType;
import org.apache.parquet.format.SchemaElement;
import org.apache.parquet.format.Type;

import java.util.ArrayList;
import java.util.List;

/**
 * One column of a Parquet schema as Sluice reads it: what its values mean (from the logical or
 * legacy converted type in the footer, docs/parquet.md), whether it repeats, and its children for
 * a group. Immutable and thread-safe.
 *
 * @param scale    the scale of a {@link Kind#DECIMAL}
 * @param unitNanos nanoseconds in one unit of a {@link Kind#TIMESTAMP} (1,000,000 for millis)
 * @param utc      whether a timestamp is adjusted to UTC (a local one is read as UTC too)
 */
public record ParquetColumn(String name, Type physical, Kind kind, boolean repeated, boolean optional, int scale,
                            long unitNanos, boolean utc, boolean unsigned, List<ParquetColumn> children) {

    /** What the values of a column are, each read into one field type. */
    public enum Kind {
        INTEGER("integer"), NUMBER("number"), DECIMAL("decimal"), BOOLEAN("boolean"), DATE("date"),
        TIMESTAMP("timestamp"), STRING("string"), UUID("uuid"), BYTES("string"), TIME("string"),
        JSON_TEXT("json"), LIST("json"), MAP("json"), STRUCT("json");

        private final String fieldType;

        Kind(String fieldType) {
            this.fieldType = fieldType;
        }

        /** The wire name of the field type this kind reads into, e.g. {@code integer}. */
        public String fieldType() {
            return fieldType;
        }
    }

    public ParquetColumn {
        children = List.copyOf(children);
    }

    /** The field type this column reads into ({@code json} for a repeated column). */
    public String fieldType() {
        return repeated ? "json" : kind.fieldType();
    }

    /**
     * The top-level columns of a footer's flattened schema (its first element is the root).
     *
     * @throws IllegalArgumentException when the schema's child counts do not add up
     */
    static List<ParquetColumn> of(List<SchemaElement> elements) {
        int[] next = {1};
        List<ParquetColumn> top = new ArrayList<>();
        int count = elements.get(0).num_children;
        for (int i = 0; i < count; i++) {
            top.add(read(elements, next));
        }
        if (next[0] != elements.size()) {
            throw new IllegalArgumentException("the schema lists " + elements.size() + " elements but its groups hold "
                    + next[0]);
        }
        return top;
    }

    private static ParquetColumn read(List<SchemaElement> elements, int[] next) {
        if (next[0] >= elements.size()) {
            throw new IllegalArgumentException("the schema's groups name more children than it lists");
        }
        SchemaElement e = elements.get(next[0]++);
        List<ParquetColumn> children = new ArrayList<>();
        for (int i = 0; i < e.num_children; i++) {
            children.add(read(elements, next));
        }
        boolean repeated = e.repetition_type == FieldRepetitionType.REPEATED;
        boolean optional = e.repetition_type != FieldRepetitionType.REQUIRED;
        LogicalType logical = e.logicalType;
        long unit = 0;
        boolean utc = true;
        if (logical != null && logical.isSetTIMESTAMP()) {
            unit = logical.getTIMESTAMP().unit.isSetMILLIS() ? 1_000_000L
                    : logical.getTIMESTAMP().unit.isSetMICROS() ? 1_000L : 1L;
            utc = logical.getTIMESTAMP().isAdjustedToUTC;
        } else if (e.converted_type == ConvertedType.TIMESTAMP_MILLIS) {
            unit = 1_000_000L;
        } else if (e.converted_type == ConvertedType.TIMESTAMP_MICROS) {
            unit = 1_000L;
        }
        boolean unsigned = logical != null && logical.isSetINTEGER() && !logical.getINTEGER().isSigned
                || e.converted_type == ConvertedType.UINT_64 || e.converted_type == ConvertedType.UINT_32;
        return new ParquetColumn(e.name, e.type, kind(e, !children.isEmpty() || e.type == null), repeated, optional,
                e.scale, unit, utc, unsigned, children);
    }

    private static Kind kind(SchemaElement e, boolean group) {
        LogicalType l = e.logicalType;
        ConvertedType c = e.converted_type;
        if (group) {
            return l != null && l.isSetLIST() || c == ConvertedType.LIST ? Kind.LIST
                    : l != null && l.isSetMAP() || c == ConvertedType.MAP || c == ConvertedType.MAP_KEY_VALUE
                    ? Kind.MAP : Kind.STRUCT;
        }
        if (l != null && l.isSetDECIMAL() || c == ConvertedType.DECIMAL) {
            return Kind.DECIMAL;
        }
        if (l != null && l.isSetDATE() || c == ConvertedType.DATE) {
            return Kind.DATE;
        }
        if (l != null && l.isSetTIMESTAMP() || c == ConvertedType.TIMESTAMP_MILLIS
                || c == ConvertedType.TIMESTAMP_MICROS || e.type == Type.INT96) {
            return Kind.TIMESTAMP;
        }
        if (l != null && l.isSetTIME() || c == ConvertedType.TIME_MILLIS || c == ConvertedType.TIME_MICROS) {
            return Kind.TIME;
        }
        if (l != null && l.isSetUUID()) {
            return Kind.UUID;
        }
        if (l != null && l.isSetJSON() || c == ConvertedType.JSON) {
            return Kind.JSON_TEXT;
        }
        return switch (e.type) {
            case BOOLEAN -> Kind.BOOLEAN;
            case INT32, INT64 -> Kind.INTEGER;
            case FLOAT, DOUBLE -> Kind.NUMBER;
            case INT96 -> Kind.TIMESTAMP;
            case BYTE_ARRAY, FIXED_LEN_BYTE_ARRAY -> l != null && (l.isSetSTRING() || l.isSetENUM())
                    || c == ConvertedType.UTF8 || c == ConvertedType.ENUM ? Kind.STRING : Kind.BYTES;
        };
    }
}
