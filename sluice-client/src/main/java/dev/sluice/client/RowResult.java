package dev.sluice.client;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * What happened to one row.
 *
 * @param file        the file's name
 * @param line        the 1-based physical line where the row starts (CSV header is line 1), or element index + 1
 * @param key         the row's key: a value for single-field keys, an array for composite keys; null when unknown
 * @param outcome     {@code created}, {@code updated}, {@code unchanged}, {@code skipped} or {@code failed}
 * @param duplicateOf for {@code skipped}, where the row that was kept came from
 */
public record RowResult(String file, long line, JsonNode key, String outcome, String recordId, RowError error,
                        Position duplicateOf) {

    /** Why a row failed: {@code malformed_row}, {@code missing_required}, {@code invalid_value}, ... */
    public record RowError(String code, String field, String message) {
    }

    /** A place in the job's input. */
    public record Position(String file, long line) {
    }
}
