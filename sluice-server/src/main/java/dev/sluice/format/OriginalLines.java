package dev.sluice.format;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Reads a fixed failed-rows file sent back to retry a job: each row is named by the line in its
 * {@code _line} column (its line in the original import) rather than by its line in this file, and
 * by the file in its {@code _file} column (for a job of several files) rather than by this file; the
 * {@code _file}, {@code _line}, {@code _error_code}, {@code _error_field}, {@code _error_message} and
 * {@code _raw} columns (or JSON members) are dropped before conversion, so they are neither fields
 * nor, with {@code strict}, unknown ones. A row whose {@code _line} is missing or not a positive whole
 * number keeps its own line; one whose {@code _file} is missing or empty, its own file.
 *
 * <p>Not thread-safe, like the reader it wraps; closing it closes that reader.
 */
public final class OriginalLines implements RowReader {
    /** The columns the failed-rows file adds to the original ones. */
    public static final Set<String> ADDED_COLUMNS = Set.of("_file", "_line", "_error_code", "_error_field",
            "_error_message", "_raw");

    private final RowReader in;
    private final List<String> columns;
    private final int[] kept;
    private final int lineColumn;
    private final int fileColumn;

    private OriginalLines(RowReader in) {
        this.in = in;
        List<String> names = new ArrayList<>();
        List<Integer> keep = new ArrayList<>();
        for (int i = 0; i < in.columns().size(); i++) {
            if (!ADDED_COLUMNS.contains(in.columns().get(i))) {
                names.add(in.columns().get(i));
                keep.add(i);
            }
        }
        this.columns = List.copyOf(names);
        this.kept = keep.stream().mapToInt(Integer::intValue).toArray();
        this.lineColumn = in.columns().indexOf("_line");
        this.fileColumn = in.columns().indexOf("_file");
    }

    public static RowReader wrap(RowReader in) {
        return new OriginalLines(in);
    }

    @Override
    public List<String> columns() {
        return columns;
    }

    @Override
    public SourceRow next() throws IOException {
        SourceRow row = in.next();
        if (row instanceof SourceRow.Cells cells) {
            String[] values = new String[kept.length];
            for (int i = 0; i < kept.length; i++) {
                values[i] = cells.values()[kept[i]];
            }
            return new SourceRow.Cells(line(lineColumn < 0 ? null : cells.values()[lineColumn], row.line()), values,
                    origin(fileColumn < 0 ? null : cells.values()[fileColumn]));
        }
        if (row instanceof SourceRow.Json json && json.value() instanceof ObjectNode object) {
            ObjectNode copy = object.deepCopy();
            JsonNode line = copy.get("_line");
            JsonNode file = copy.get("_file");
            copy.remove(ADDED_COLUMNS);
            return new SourceRow.Json(line(line == null || line.isNull() ? null : line.asText(), row.line()), copy,
                    json.problems(), origin(file == null || !file.isTextual() ? null : file.asText()));
        }
        return row;
    }

    private static String origin(String file) {
        return file == null || file.isBlank() ? null : file;
    }

    private static long line(String text, long own) {
        if (text == null) {
            return own;
        }
        try {
            long line = Long.parseLong(text.trim());
            return line > 0 ? line : own;
        } catch (NumberFormatException e) {
            return own;
        }
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
