package dev.sluice.format;

import java.io.Closeable;
import java.io.IOException;
import java.util.List;

/**
 * Streams the records of one source, one at a time, holding no more than the current record in
 * memory. Not thread-safe: one reader belongs to one thread.
 */
public interface RowReader extends Closeable {

    /** The column names of a tabular source (from its header or the {@code columns} option); empty for JSON. */
    List<String> columns();

    /**
     * The next record, or null at the end of the source.
     *
     * @throws UnreadableSourceException when the source cannot be read past this point (bad encoding,
     *                                   broken JSON array, an I/O error); the message says where
     */
    SourceRow next() throws IOException;
}
