package dev.sluice.engine;

import dev.sluice.format.ConvertedRow;
import dev.sluice.format.RowConverter;
import dev.sluice.sink.PreparedRows;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Rows read and converted together, and made ready for the sink. Immutable once queued.
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

    /** Builds a chunk, preparing its convertible rows with {@code prepare}. */
    static Chunk of(List<RowConverter.Conversion> entries, Function<List<ConvertedRow>, PreparedRows> prepare,
                    long[] recordAfter, long recordsRead, long bytesRead, long lastLine) {
        List<ConvertedRow> rows = new ArrayList<>(entries.size());
        for (RowConverter.Conversion c : entries) {
            if (c.row() != null) {
                rows.add(c.row());
            }
        }
        return new Chunk(entries, prepare.apply(rows), recordAfter, recordsRead, bytesRead, lastLine);
    }

    /** The first {@code count} entries, as a chunk that ends after them. */
    Chunk prefix(int count, Function<List<ConvertedRow>, PreparedRows> prepare) {
        List<RowConverter.Conversion> head = entries.subList(0, count);
        RowConverter.Conversion last = head.get(count - 1);
        long line = last.row() != null ? last.row().line() : last.failure().line();
        return of(head, prepare, java.util.Arrays.copyOf(recordAfter, count), recordAfter[count - 1], bytesRead, line);
    }
}
