package dev.sluice.sink;

/**
 * What one job's writes have shown so far, for a sink to choose its path per chunk. A shortcut that
 * pays only in some jobs is worth trying while it keeps paying, and worth trying less often each time
 * it does not, since a try that does not pay is wasted work: after one the next chunk goes without it,
 * after two the next two, up to 64; one that pays resets the count. Two shortcuts are judged that way:
 * COPYing a chunk straight into the table (pays while no key exists yet) and reading a chunk's records
 * back by their pages to find its unchanged rows (pays while a re-import comes in the order of the
 * load). Looking for unchanged rows at all pays while a good share of the rows are unchanged (a
 * re-import), and is left out after a chunk where under a quarter were. Belongs to one job's writer thread.
 */
public final class WriteHistory {
    private final Pause directCopy = new Pause();
    private final Pause storedScan = new Pause();
    /** Whether the last chunk written had at least a quarter of its rows unchanged (assumed at first). */
    private boolean mostlyUnchanged = true;

    /** Whether this chunk should try the fast path; counts the chunk against a pause after refusals. */
    boolean tryFastPath() {
        return directCopy.tryNow();
    }

    /** How the chunk that tried the fast path fared. */
    void fastPath(boolean worked) {
        directCopy.after(worked);
    }

    /** Whether this chunk should first set apart the rows that would change nothing. */
    boolean tryUnchangedFirst() {
        return mostlyUnchanged;
    }

    /** Whether this chunk should look for its unchanged rows by reading its records back by their pages. */
    boolean tryStoredScan() {
        return mostlyUnchanged && storedScan.tryNow();
    }

    /** How many of the {@code rows} a chunk's scan of its records found unchanged: a quarter pays. */
    void storedScan(int found, int rows) {
        storedScan.after(found * 4 >= rows);
    }

    /** How many of a written chunk's {@code rows} were unchanged. */
    void unchanged(int unchanged, int rows) {
        if (rows > 0) {
            mostlyUnchanged = unchanged * 4 >= rows;
        }
    }

    /** When to try a shortcut again: every chunk while it pays, then after pauses of 1, 2, 4 ... 64 chunks. */
    private static final class Pause {
        private static final int MAX_PAUSE = 64;
        /** Chunks skipped after the last try that did not pay: 0 while it pays, then 1, 2, 4 ... 64. */
        private int pause;
        private int chunksToSkip;

        boolean tryNow() {
            if (chunksToSkip > 0) {
                chunksToSkip--;
                return false;
            }
            return true;
        }

        void after(boolean paid) {
            pause = paid ? 0 : Math.min(MAX_PAUSE, Math.max(1, pause * 2));
            chunksToSkip = pause;
        }
    }
}
