package dev.sluice.engine;

import dev.sluice.job.ImportFile;
import dev.sluice.job.Tally;

/**
 * A file's committed position: its counts, the source bytes and the records consumed. Immutable.
 */
record FileCursor(Tally counts, long bytes, long records) {

    /** Where {@code file} stands as its last commit left it. */
    static FileCursor of(ImportFile file) {
        return new FileCursor(file.counts(), file.bytesProcessed(), file.recordsRead());
    }
}
