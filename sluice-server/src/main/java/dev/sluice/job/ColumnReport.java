package dev.sluice.job;

import java.util.List;

/**
 * What an import decided about a file's source columns: which field each one feeds and why, and
 * which feed none (docs/concepts.md, "Column mapping"). Reported in the status document as
 * {@code files[].columns} and {@code files[].unmapped_columns}. Immutable and thread-safe.
 *
 * @param columns  the matched columns, in the order they were first seen
 * @param unmapped the columns that feed no field (unmatched, or mapped to null), in the order seen
 */
public record ColumnReport(List<Match> columns, List<String> unmapped) {

    public ColumnReport {
        columns = List.copyOf(columns);
        unmapped = List.copyOf(unmapped);
    }

    /** How a column was matched to its field. */
    public enum MatchedBy {
        /** the {@code mapping} option names it */
        MAPPING,
        /** its name is the field's name */
        EXACT,
        /** its normalized name is the field's name */
        NORMALIZED;

        public String wireName() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** One source column (or dotted JSON path) and the field it feeds. */
    public record Match(String source, String field, MatchedBy matchedBy) {
    }
}
