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
import dev.sluice.job.RowOutcome;
import dev.sluice.job.RowReport;

import java.util.Iterator;
import java.util.List;

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

    /**
     * @param formats the local forms of this file's values, compiled here once
     * @throws dev.sluice.error.SluiceException.Invalid {@code invalid_option} when {@code formats} does not suit the collection
     */
    public RowConverter(CollectionSchema collection, int file, List<String> columns, boolean strict,
                        ValueFormats formats) {
        this.collection = collection;
        this.values = ValueConverter.forCollection(collection, formats);
        this.file = file;
        this.keyIndexes = collection.keyIndexes();
        this.strict = strict;
        this.columnOfField = new int[collection.fields().size()];
        for (int i = 0; i < columnOfField.length; i++) {
            columnOfField[i] = columns.indexOf(collection.fields().get(i).name());
        }
        String unknown = null;
        for (String c : columns) {
            if (collection.field(c) == null) {
                unknown = c;
                break;
            }
        }
        this.unknownColumn = unknown;
    }

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
                try {
                    values[i] = this.values.text(field, i, text);
                } catch (InvalidValue e) {
                    return fail(source, null, field.name(), e.code(), e.getMessage());
                }
                if (values[i] == null && field.required()) {
                    return fail(source, null, field.name(), "missing_required", missingMessage(field, column < 0));
                }
            }
        } else {
            SourceRow.Json json = (SourceRow.Json) source;
            JsonNode node = json.value();
            if (strict) {
                for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
                    String name = names.next();
                    if (collection.field(name) == null) {
                        return fail(source, null, name, "unknown_field",
                                "'" + name + "' is not a field of collection " + collection.name());
                    }
                }
            }
            for (int i = 0; i < values.length; i++) {
                Field field = collection.fields().get(i);
                JsonNode value = node.get(field.name());
                String problem = json.problems().get(field.name());
                if (problem != null) {
                    return fail(source, null, field.name(), "invalid_value", problem);
                }
                try {
                    values[i] = this.values.json(field, i, value);
                } catch (InvalidValue e) {
                    return fail(source, null, field.name(), e.code(), e.getMessage());
                }
                if (values[i] == null && field.required()) {
                    return fail(source, null, field.name(), "missing_required", missingMessage(field, value == null));
                }
            }
        }
        return new Conversion(new ConvertedRow(file, source.line(), values, collection.keyText(values, keyIndexes),
                source), null);
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
            String name = collection.fields().get(keyIndexes[i]).name();
            String part = null;
            if (source instanceof SourceRow.Cells cells) {
                int column = columnOfField[keyIndexes[i]];
                part = column < 0 || column >= cells.values().length ? null : cells.values()[column];
            } else if (source instanceof SourceRow.Json json) {
                JsonNode v = json.value().get(name);
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
