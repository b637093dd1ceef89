package dev.sluice.format;

import dev.sluice.job.RowOutcome;

/**
 * A source row converted to a collection's types, ready to be written. Immutable once built.
 *
 * @param file   0-based ordinal of the file in its job
 * @param values one value per collection field, in field order (see {@code ValueConverter} for the types)
 * @param key    the key as text (see {@code Collection#keyText})
 * @param source the row as read, for the failed-rows file should the database refuse it
 */
public record ConvertedRow(int file, long line, Object[] values, String key, SourceRow source) {

    public RowOutcome.Position position() {
        return new RowOutcome.Position(file, line);
    }
}
