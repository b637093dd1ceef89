package dev.sluice.store;

import java.util.List;

/**
 * The lines a retry child's file re-reads: those that failed in its parent's file, listed when the
 * child was created. Read in ascending pages, so a file with millions of failed lines never
 * holds them all. Thread-safe.
 */
public final class RetryLines {
    private static final String PAGE = "SELECT line FROM _sluice_retry_lines WHERE job_id = ? AND file_ordinal = ?"
            + " AND line > ? ORDER BY line LIMIT ?";

    private final Database db;

    public RetryLines(Database db) {
        this.db = db;
    }

    /** The listed lines after {@code afterLine}, ascending, at most {@code limit}. */
    public List<Long> page(String jobId, int fileOrdinal, long afterLine, int limit) {
        return db.read(h -> h.createQuery(PAGE).bind(0, jobId).bind(1, fileOrdinal).bind(2, afterLine).bind(3, limit)
                .mapTo(Long.class).list());
    }
}
