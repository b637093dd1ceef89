package dev.sluice.job;

/**
 * The result of one row: where it came from, its key and its outcome, and for failed rows the
 * source values as read (for the failed-rows file). Immutable and thread-safe.
 *
 * @param file    0-based ordinal of the file in its job
 * @param line    1-based physical line where the row starts
 * @param key     the row's key as text (composite keys joined with a unit separator); null when unknown
 * @param outcome what happened
 * @param source  the source values as read, kept for failed rows only: JSON text (an array of CSV
 *                cells, or the JSON object); null otherwise
 * @param raw     for a {@code malformed_row} only, the record as written (see {@code SourceRow.Malformed#text});
 *                null otherwise
 * @param origin  the name of the file the row first came from, when a fixed failed-rows file sent to
 *                retry names it in its {@code _file} column; null for a row of the job's own file
 */
public record RowReport(int file, long line, String key, RowOutcome outcome, String source, String raw,
                        String origin) {
    public RowReport(int file, long line, String key, RowOutcome outcome, String source) {
        this(file, line, key, outcome, source, null, null);
    }

    public boolean failed() {
        return outcome instanceof RowOutcome.Failed;
    }
}
