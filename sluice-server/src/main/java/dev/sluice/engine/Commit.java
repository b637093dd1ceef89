package dev.sluice.engine;

/**
 * What one transaction of a file's chunks did, as a value rather than an exception. Each carries
 * the file's committed position after it (unchanged when nothing was committed). Immutable.
 */
sealed interface Commit {
    /** The file's committed position once this transaction is over. */
    FileCursor cursor();

    /** The chunks taken were committed; the file goes on, unless its reader has ended. */
    record Committed(FileCursor cursor) implements Commit {
    }

    /** A cancel was seen while the transaction was open: the chunks in hand were committed, the job stops. */
    record Cancelled(FileCursor cursor) implements Commit {
    }

    /** The error allowance ran out: committed up to and including the row that spent it; the job fails. */
    record BudgetSpent(FileCursor cursor) implements Commit {
    }

    /**
     * The allowance ran out before the last row of the transaction's chunk {@code chunk}: rolled
     * back, to be written again up to its first {@code count} entries.
     */
    record CutAt(FileCursor cursor, int chunk, int count) implements Commit {
    }

    /** Another node took the job's lease: nothing was written, and this node stops running the job. */
    record LeaseLost(FileCursor cursor) implements Commit {
    }
}
