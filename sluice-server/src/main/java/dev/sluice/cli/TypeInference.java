package dev.sluice.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.collection.CollectionSchema;
import dev.sluice.collection.Field;
import dev.sluice.collection.FieldType;
import dev.sluice.collection.InvalidValue;
import dev.sluice.collection.ValueConverter;
import dev.sluice.format.Dialect;
import dev.sluice.format.Readers;
import dev.sluice.format.RowReader;
import dev.sluice.job.SourceFormat;
import dev.sluice.format.SourceRow;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Guesses a collection definition from a sample of a file, for {@code sluice import --create}:
 * each column gets the first of {@code integer, number, boolean, date, timestamp, uuid} that every
 * value of the sample converts to, else {@code string} (JSON objects and arrays make a
 * {@code json} field). Columns whose sampled values are all null become {@code string}.
 * Stateless and thread-safe.
 */
final class TypeInference {
    private static final List<FieldType> CANDIDATES = List.of(FieldType.INTEGER, FieldType.NUMBER,
            FieldType.BOOLEAN, FieldType.DATE, FieldType.TIMESTAMP, FieldType.UUID);

    private TypeInference() {
    }

    /**
     * @param sampleRows how many records to look at
     * @throws IOException when the file cannot be read
     * @throws dev.sluice.error.SluiceException naming the problem when the columns cannot be field names
     */
    static CollectionSchema infer(String name, Path file, SourceFormat format, Dialect dialect, List<String> key,
                            int sampleRows) throws IOException {
        Map<String, Column> columns = new LinkedHashMap<>();
        try (InputStream in = Files.newInputStream(file); RowReader reader = Readers.open(in, format, dialect)) {
            for (String c : reader.columns()) {
                columns.put(c, new Column());
            }
            SourceRow row;
            int seen = 0;
            while (seen < sampleRows && (row = reader.next()) != null) {
                seen++;
                if (row instanceof SourceRow.Cells cells) {
                    int i = 0;
                    for (Column column : columns.values()) {
                        column.seeText(cells.values()[i++]);
                    }
                } else if (row instanceof SourceRow.Json json && json.value().isObject()) {
                    for (Iterator<Map.Entry<String, JsonNode>> it = json.value().fields(); it.hasNext(); ) {
                        Map.Entry<String, JsonNode> member = it.next();
                        columns.computeIfAbsent(member.getKey(), k -> new Column()).seeJson(member.getValue());
                    }
                }
            }
        }
        List<Field> fields = new ArrayList<>();
        for (Map.Entry<String, Column> c : columns.entrySet()) {
            fields.add(new Field(c.getKey(), c.getValue().type(), false, null));
        }
        return CollectionSchema.define(name, fields, key, false);
    }

    /** What one column's sampled values allow. */
    private static final class Column {
        private final List<FieldType> possible = new ArrayList<>(CANDIDATES);
        private boolean json;
        private boolean anyValue;

        void seeText(String text) {
            if (text == null || text.isBlank()) {
                return;
            }
            anyValue = true;
            possible.removeIf(type -> !converts(type, text));
        }

        void seeJson(JsonNode node) {
            if (node == null || node.isNull()) {
                return;
            }
            anyValue = true;
            if (node.isContainerNode()) {
                json = true;
                return;
            }
            if (node.isTextual()) {
                // JSON strings may still hold dates, timestamps or ids; numbers in strings stay strings
                possible.removeIf(type -> type == FieldType.INTEGER || type == FieldType.NUMBER
                        || type == FieldType.BOOLEAN || !converts(type, node.asText()));
            } else if (node.isBoolean()) {
                possible.removeIf(type -> type != FieldType.BOOLEAN);
            } else if (node.isIntegralNumber()) {
                possible.removeIf(type -> type != FieldType.INTEGER && type != FieldType.NUMBER);
            } else if (node.isNumber()) {
                possible.removeIf(type -> type != FieldType.NUMBER);
            }
        }

        FieldType type() {
            if (json) {
                return FieldType.JSON;
            }
            return !anyValue || possible.isEmpty() ? FieldType.STRING : possible.get(0);
        }

        private static boolean converts(FieldType type, String text) {
            try {
                ValueConverter.fromText(new Field("sample", type, false, null), text);
                return true;
            } catch (InvalidValue e) {
                return false;
            }
        }
    }
}
