package dev.sluice.format;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.Map;

/**
 * One record as a reader found it, before conversion, with the physical line where it starts
 * (1-based; the CSV header is line 1; for JSON arrays the element index + 1).
 *
 * <p>Immutable once returned by a reader.
 */
public sealed interface SourceRow {
    long line();

    /**
     * The file the row first came from, when a fixed failed-rows file names it in its {@code _file}
     * column (see {@link OriginalLines}); null for a row of the job's own file.
     */
    default String origin() {
        return null;
    }

    /**
     * A row of a tabular source (CSV, TSV, a spreadsheet), aligned to {@link RowReader#columns()}.
     * A null cell is a null value (an empty unquoted field, or one of the null_values).
     *
     * @param problems by column, why a cell has no faithful value (a spreadsheet's {@code #N/A}); it fails
     *                 the row as {@code cell_error} only when that column feeds a field; null when none has one
     */
    record Cells(long line, String[] values, String origin, String[] problems) implements SourceRow {
        public Cells(long line, String[] values, String origin) {
            this(line, values, origin, null);
        }

        public Cells(long line, String[] values) {
            this(line, values, null);
        }
    }

    /**
     * One JSON object of an NDJSON file or a JSON array.
     *
     * @param problems what in a top-level member cannot be stored as written (a member given twice,
     *                 a lone surrogate, see {@code JsonTree}), by member name: it fails the row only
     *                 when that member is a field
     */
    record Json(long line, JsonNode value, Map<String, String> problems, String origin) implements SourceRow {
        public Json(long line, JsonNode value, Map<String, String> problems) {
            this(line, value, problems, null);
        }

        public Json(long line, JsonNode value) {
            this(line, value, Map.of());
        }
    }

    /**
     * A record the reader could not make sense of but could read past: a CSV record with the wrong
     * number of fields, a broken NDJSON line, a JSON element that is not an object.
     *
     * @param message what is wrong, e.g. {@code has 4 fields, but the header has 3}
     * @param raw     what was read: the CSV fields as found, or the JSON text; kept for the failed-rows file
     * @param text    the record as written, so it can be fixed by hand: a CSV record's physical lines (line
     *                breaks inside quotes included), an NDJSON line, a JSON array element written compactly;
     *                of a record longer than the {@link RecordLimit}, only its start, marked as cut; null
     *                when not kept
     */
    record Malformed(long line, String message, String[] raw, String text) implements SourceRow {
        public Malformed(long line, String message, String[] raw) {
            this(line, message, raw, null);
        }
    }
}
