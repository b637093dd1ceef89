package dev.sluice.format;

import dev.sluice.job.RowOutcome;

import java.util.BitSet;

/**
 * A source row converted to a collection's types, ready to be written. Immutable once built.
 *
 * @param file    0-based ordinal of the file in its job
 * @param values  one value per collection field, in field order (see {@code ValueConverter} for the types)
 * @param key     the key as text (see {@code Collection#keyText})
 * @param source  the row as read, for the failed-rows file should the database refuse it
 * @param carried the indexes of the fields the source carried (a column of the file, a member of the
 *                JSON row, explicit null included), shared by rows of the same shape and never
 *                modified; null when every field counts as carried (all policies but {@code merge})
 */
public record ConvertedRow(int file, long line, Object[] values, String key, SourceRow source, BitSet carried) {

    /** A row for which every field counts as carried. */
    public ConvertedRow(int file, long line, Object[] values, String key, SourceRow source) {
        this(file, line, values, key, source, null);
    }

    public RowOutcome.Position position() {
        return new RowOutcome.Position(file, line);
    }
}
