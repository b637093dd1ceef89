package dev.sluice.client;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * What happened to one row.
 *
 * @param file        the file's name; for a retry that imported a fixed failed-rows file, the file the row first
 *                    came from when that file's {@code _file} column names it
 * @param line        the 1-based physical line where the row starts (CSV header is line 1), or element index + 1
 * @param key         the row's key: a value for single-field keys, an array for composite keys; null when unknown
 * @param outcome     {@code created}, {@code updated}, {@code unchanged}, {@code skipped} or {@code failed}
 * @param duplicateOf for {@code skipped}, where the row that was kept came from
 * @param raw         for a {@code malformed_row}, the record as written in the file, to fix by hand: a CSV
 *                    record's physical lines (line breaks inside quotes included), an NDJSON line, a JSON
 *                    array element written compactly; bounded by the server's record-size limit (of a longer
 *                    record only its start, ending in "… (cut)"); null otherwise
 */
public record RowResult(String file, long line, JsonNode key, String outcome, String recordId, RowError error,
                        Position duplicateOf, String raw) {

    /** A result with no raw text: what every row but a {@code malformed_row} has. */
    public RowResult(String file, long line, JsonNode key, String outcome, String recordId, RowError error,
                     Position duplicateOf) {
        this(file, line, key, outcome, recordId, error, duplicateOf, null);
    }

    /** Why a row failed: {@code malformed_row}, {@code missing_required}, {@code invalid_value}, ... */
    public record RowError(String code, String field, String message) {
    }

    /** A place in the job's input. */
    public record Position(String file, long line) {
    }
}
