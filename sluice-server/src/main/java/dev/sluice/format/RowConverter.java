package dev.sluice.format;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.sluice.collection.CollectionSchema;
import dev.sluice.collection.Field;
import dev.sluice.collection.InvalidValue;
import dev.sluice.collection.ValueConverter;
import dev.sluice.collection.ValueFormats;
import dev.sluice.job.ColumnReport;
import dev.sluice.job.RowOutcome;
import dev.sluice.job.RowReport;

import java.util.Arrays;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns the source rows of one file into typed rows of a collection, or into failed results
 * that say which field was wrong and why. Bad input is data here, never an exception.
 * Not thread-safe: one converter per file being read.
 */
public final class RowConverter {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final CollectionSchema collection;
    private final int file;
    private final int[] keyIndexes;
    /** For tabular sources: the column each field is read from, or -1 when the source has no such column. */
    private final int[] columnOfField;
    private final String unknownColumn;
    private final boolean strict;
    private final ValueConverter values;
    private final ColumnMatcher matcher;
    /** For JSON: finds each field's value in a row; null for a tabular source. */
    private final JsonFields json;
    private volatile ColumnReport settled;
    /** Set by {@link #partial}: the fields each row carries, by shape, each kept once; null otherwise. */
    private Map<BitSet, BitSet> shapes;
    private BitSet tabularShape;

    /** As the full constructor, with no column mapping. */
    public RowConverter(CollectionSchema collection, int file, List<String> columns, boolean strict,
                        ValueFormats formats) {
        this(collection, file, columns, strict, formats, Map.of());
    }

    /**
     * @param columns the columns of a tabular source; empty for JSON
     * @param formats the local forms of this file's values, compiled here once
     * @param mapping source column (or dotted JSON path) to field name, or to null to ignore it
     * @throws dev.sluice.error.SluiceException.Invalid {@code invalid_option} when {@code formats} does not suit the collection
     */
    public RowConverter(CollectionSchema collection, int file, List<String> columns, boolean strict,
                        ValueFormats formats, Map<String, String> mapping) {
        this.collection = collection;
        this.values = ValueConverter.forCollection(collection, formats);
        this.file = file;
        this.keyIndexes = collection.keyIndexes();
        this.strict = strict;
        this.matcher = new ColumnMatcher(collection, mapping, columns.isEmpty());
        this.columnOfField = new int[collection.fields().size()];
        Arrays.fill(columnOfField, -1);
        int[] fieldOfColumn = matcher.decide(columns);
        String unknown = null;
        for (int c = 0; c < fieldOfColumn.length; c++) {
            if (fieldOfColumn[c] >= 0) {
                columnOfField[fieldOfColumn[c]] = c;
            } else if (unknown == null && fieldOfColumn[c] == ColumnMatcher.UNMATCHED) {
                unknown = columns.get(c);
            }
        }
        this.unknownColumn = unknown;
        this.json = columns.isEmpty() ? new JsonFields(collection, matcher, strict, mapping) : null;
        if (!columns.isEmpty()) {
            settle();
        }
    }

    /**
     * Fixes what {@link #columns()} reports: called once the file's first chunk is converted (for JSON,
     * the union of the members seen so far); a tabular source settles when it is constructed.
     */
    public void settle() {
        if (settled == null) {
            settled = matcher.report();
        }
    }

    /** What was decided about the source's columns, once {@link #settle settled}; null before. */
    public ColumnReport columns() {
        return settled;
    }

    /**
     * Converts for {@code on_conflict=merge}: a required field the source does not carry is not
     * {@code missing_required} here (the row may update a record; the sink decides), and each row
     * tells which fields it carries ({@link ConvertedRow#carried}).
     */
    public RowConverter partial() {
        shapes = new HashMap<>();
        tabularShape = new BitSet(columnOfField.length);
        for (int f = 0; f < columnOfField.length; f++) {
            tabularShape.set(f, columnOfField[f] >= 0);
        }
        return this;
    }

    /** The fields the current JSON row carries, the same instance for rows of the same shape. */
    private BitSet jsonShape() {
        JsonNode[] found = json.found();
        BitSet shape = new BitSet(found.length);
        for (int f = 0; f < found.length; f++) {
            shape.set(f, found[f] != null);
        }
        if (shapes.size() >= MAX_SHAPES) {
            return shapes.getOrDefault(shape, shape);
        }
        return shapes.computeIfAbsent(shape, s -> s);
    }

    /** Distinct JSON row shapes kept for sharing; beyond them a row keeps its own. */
    private static final int MAX_SHAPES = 256;

    /** The outcome of converting one row: either {@code row} or {@code failure} is set. */
    public record Conversion(ConvertedRow row, RowReport failure) {
    }

    public Conversion convert(SourceRow source) {
        if (source instanceof SourceRow.Malformed m) {
            return fail(source, null, null, "malformed_row", m.message());
        }
        Object[] values = new Object[columnOfField.length];
        if (source instanceof SourceRow.Cells cells) {
            if (strict && unknownColumn != null) {
                return fail(source, null, unknownColumn, "unknown_field",
                        "column '" + unknownColumn + "' is not a field of collection " + collection.name());
            }
            String[] cellValues = cells.values();
            for (int i = 0; i < values.length; i++) {
                Field field = collection.fields().get(i);
                int column = columnOfField[i];
                String text = column < 0 ? null : cellValues[column];
                if (column >= 0 && cells.problems() != null && cells.problems()[column] != null) {
                    return fail(source, null, field.name(), "cell_error", cells.problems()[column]);
                }
                try {
                    values[i] = this.values.text(field, i, text);
                } catch (InvalidValue e) {
                    return fail(source, null, field.name(), e.code(), e.getMessage());
                }
                if (values[i] == null && field.required() && (shapes == null || column >= 0)) {
                    return fail(source, null, field.name(), "missing_required", missingMessage(field, column < 0));
                }
            }
        } else {
            JsonFields.Problem problem = json.gather((SourceRow.Json) source);
            if (problem != null) {
                return fail(source, null, problem.field(), problem.code(), problem.message());
            }
            JsonNode[] found = json.found();
            for (int i = 0; i < values.length; i++) {
                Field field = collection.fields().get(i);
                JsonNode value = found[i];
                try {
                    values[i] = this.values.json(field, i, value);
                } catch (InvalidValue e) {
                    return fail(source, null, field.name(), e.code(), e.getMessage());
                }
                if (values[i] == null && field.required() && (shapes == null || value != null)) {
                    return fail(source, null, field.name(), "missing_required", missingMessage(field, value == null));
                }
            }
        }
        BitSet carried = shapes == null ? null : source instanceof SourceRow.Cells ? tabularShape : jsonShape();
        return new Conversion(new ConvertedRow(file, source.line(), values, collection.keyText(values, keyIndexes),
                source, carried), null);
    }

    private static String missingMessage(Field field, boolean absent) {
        return absent ? "is required but the source has no " + field.name() : "is required but empty";
    }

    private Conversion fail(SourceRow source, String key, String field, String code, String message) {
        return new Conversion(null, new RowReport(file, source.line(), key == null ? rawKey(source) : key,
                new RowOutcome.Failed(code, field, message), sourceText(source),
                source instanceof SourceRow.Malformed m ? m.text() : null, source.origin()));
    }

    /** The key as written in the source, so a failed row can still be found by it; null when any part is missing. */
    private String rawKey(SourceRow source) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < keyIndexes.length; i++) {
            String part = null;
            if (source instanceof SourceRow.Cells cells) {
                int column = columnOfField[keyIndexes[i]];
                part = column < 0 || column >= cells.values().length ? null : cells.values()[column];
            } else if (source instanceof SourceRow.Json && json.found() != null) {
                JsonNode v = json.found()[keyIndexes[i]];
                part = v == null || v.isNull() || v.isContainerNode() ? null : v.asText();
            }
            if (part == null || part.isEmpty()) {
                return null;
            }
            if (i > 0) {
                sb.append(CollectionSchema.KEY_SEPARATOR);
            }
            sb.append(part);
        }
        return sb.toString();
    }

    private static String escapedText(JsonNode value) {
        try {
            return JSON.writer().with(JsonWriteFeature.ESCAPE_NON_ASCII).writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a tree always serializes", e);
        }
    }

    /** The row as read, as JSON text: an array of cells, or the JSON value itself. */
    public static String sourceText(SourceRow source) {
        if (source instanceof SourceRow.Json j) {
            // a lone surrogate would reach the database as '?': escaped, the text says what the file did
            return j.problems().isEmpty() ? j.value().toString() : escapedText(j.value());
        }
        String[] cells = source instanceof SourceRow.Cells c ? c.values() : ((SourceRow.Malformed) source).raw();
        ArrayNode array = JSON.createArrayNode();
        if (cells != null) {
            for (String cell : cells) {
                array.add(cell);
            }
        }
        return array.toString();
    }
}
