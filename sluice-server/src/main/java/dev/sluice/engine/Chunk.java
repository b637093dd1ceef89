package dev.sluice.engine;

import dev.sluice.format.ConvertedRow;
import dev.sluice.format.RowConverter;
import dev.sluice.sink.PreparedRows;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Rows read and converted together, and made ready for the sink once, on the reader's thread.
 * Immutable once queued.
 *
 * @param entries     the conversions, in source order
 * @param prepared    the convertible rows, prepared for the sink
 * @param recordAfter for each entry, the file's records consumed once it is: where a chunk cut after it
 *                    resumes (records a retry passes over lie between entries)
 * @param recordsRead the file's checkpoint once this chunk commits: records consumed from its start
 * @param bytesRead   source bytes consumed from the file's start once this chunk is read
 * @param lastLine    the line of the last record
 */
record Chunk(List<RowConverter.Conversion> entries, PreparedRows prepared, long[] recordAfter, long recordsRead,
             long bytesRead, long lastLine) {

    /** The rows of {@code entries} that converted, in order: what the sink prepares. */
    static List<ConvertedRow> convertible(List<RowConverter.Conversion> entries) {
        List<ConvertedRow> rows = new ArrayList<>(entries.size());
        for (RowConverter.Conversion c : entries) {
            if (c.row() != null) {
                rows.add(c.row());
            }
        }
        return rows;
    }

    /**
     * The first {@code count} entries, as a chunk that ends after them: the rows stay as they were
     * prepared, so a cut never prepares a chunk a second time.
     */
    Chunk prefix(int count) {
        List<RowConverter.Conversion> head = entries.subList(0, count);
        RowConverter.Conversion last = head.get(count - 1);
        long line = last.row() != null ? last.row().line() : last.failure().line();
        return new Chunk(head, prepared.prefix(convertible(head).size()), Arrays.copyOf(recordAfter, count),
                recordAfter[count - 1], bytesRead, line);
    }
}
