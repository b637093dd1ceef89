package dev.sluice.engine;

/**
 * Which records of a file a job imports: all of them, or for a retry child only some. Records are
 * asked about in order, once each. Not thread-safe: it belongs to the reading thread.
 */
interface RowFilter {
    /** Every record. */
    RowFilter ALL = new RowFilter() {
        @Override
        public boolean keeps(long record, long line) {
            return true;
        }

        @Override
        public boolean noneAfter(long records) {
            return false;
        }
    };

    /**
     * @param record the record's 0-based number in the file
     * @param line   the line where it starts
     */
    boolean keeps(long record, long line);

    /** True when no record from number {@code records} on will be kept, so reading can stop. */
    boolean noneAfter(long records);
}
