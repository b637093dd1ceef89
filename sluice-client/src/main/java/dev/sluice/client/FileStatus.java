package dev.sluice.client;

import java.time.Instant;
import java.util.List;

/**
 * One file of a job, with its own state, progress and counts, and what the import decided about its
 * source columns: {@code columns} (each matched column and its field) and {@code unmappedColumns}
 * (the columns that feed no field), both null until the server has read the header (CSV, TSV) or the
 * first chunk (JSON); and {@code dialect}, how the file is read (null until its reading starts).
 */
public record FileStatus(String id, String name, String format, Long sizeBytes, String sourceUrl, String state,
                         Progress progress, Counts counts, Instant startedAt, Instant completedAt, JobError error,
                         List<ColumnMatch> columns, List<String> unmappedColumns, FileDialect dialect) {

    /**
     * One source column (or dotted JSON path) and the field it feeds.
     *
     * @param matchedBy {@code mapping}, {@code exact} or {@code normalized}
     */
    public record ColumnMatch(String source, String field, String matchedBy) {
    }
}
