package dev.sluice.engine;

import dev.sluice.store.RetryLines;

import java.util.List;

/**
 * The records a retry child's file re-reads from its parent's data: before record number
 * {@code listedUntil} only those whose line failed in the parent, from it on every record. Walks
 * the ascending list of failed lines beside the ascending lines of the file, a page at a time, so
 * memory stays bounded however many rows failed. A file whose rows name their original lines (a
 * fixed file sent to retry) may go back to a smaller line; the walk then starts again from there.
 * Not thread-safe: it belongs to the reading thread.
 */
final class ListedLines implements RowFilter {
    private static final int PAGE = 10_000;

    private final RetryLines lines;
    private final String jobId;
    private final int fileOrdinal;
    private final long listedUntil;
    private final boolean ascending;
    private List<Long> page = List.of();
    private int next;
    private boolean exhausted;
    private long lastLine;
    private long startAfter;

    /** @param ascending true when the file's lines only ever grow (every file but one that names original lines) */
    ListedLines(RetryLines lines, String jobId, int fileOrdinal, long listedUntil, boolean ascending) {
        this.lines = lines;
        this.jobId = jobId;
        this.fileOrdinal = fileOrdinal;
        this.listedUntil = listedUntil;
        this.ascending = ascending;
    }

    @Override
    public boolean keeps(long record, long line) {
        if (record >= listedUntil) {
            return true;
        }
        if (line < lastLine) {
            page = List.of();
            next = 0;
            exhausted = false;
            startAfter = line - 1;
        }
        lastLine = line;
        Long listed = head();
        while (listed != null && listed < line) {
            next++;
            listed = head();
        }
        return listed != null && listed == line;
    }

    @Override
    public boolean noneAfter(long records) {
        return ascending && listedUntil == Long.MAX_VALUE && head() == null;
    }

    /** The next listed line not yet passed, or null when none is left. */
    private Long head() {
        if (next < page.size()) {
            return page.get(next);
        }
        if (exhausted) {
            return null;
        }
        long after = page.isEmpty() ? startAfter : page.get(page.size() - 1);
        page = lines.page(jobId, fileOrdinal, after, PAGE);
        next = 0;
        exhausted = page.size() < PAGE;
        return page.isEmpty() ? null : page.get(0);
    }
}
