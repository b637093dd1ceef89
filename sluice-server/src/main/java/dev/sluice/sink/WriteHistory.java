package dev.sluice.sink;

/**
 * What one job's writes have shown so far, for a sink to choose its path per chunk: a fast path
 * that assumes no key exists yet is worth trying while it keeps working, and worth trying less
 * often each time the table refuses it, since a refused try is wasted work. After a refusal the
 * next chunk goes the safe way, after two the next two, up to 64; one success resets the count.
 * Likewise, looking for unchanged rows before an overwrite pays while a good share of the rows
 * are unchanged (a re-import), and is left out after a chunk where under a quarter were.
 * Belongs to one job's writer thread.
 */
public final class WriteHistory {
    private static final int MAX_PAUSE = 64;

    /** Chunks skipped after the last refusal: 0 while the fast path works, then 1, 2, 4 ... 64. */
    private int pause;
    private int chunksToSkip;
    /** Whether the last chunk written had at least a quarter of its rows unchanged (assumed at first). */
    private boolean mostlyUnchanged = true;

    /** Whether this chunk should try the fast path; counts the chunk against a pause after refusals. */
    boolean tryFastPath() {
        if (chunksToSkip > 0) {
            chunksToSkip--;
            return false;
        }
        return true;
    }

    /** How the chunk that tried the fast path fared. */
    void fastPath(boolean worked) {
        pause = worked ? 0 : Math.min(MAX_PAUSE, Math.max(1, pause * 2));
        chunksToSkip = pause;
    }

    /** Whether this chunk should first set apart the rows that would change nothing. */
    boolean tryUnchangedFirst() {
        return mostlyUnchanged;
    }

    /** How many of a written chunk's {@code rows} were unchanged. */
    void unchanged(int unchanged, int rows) {
        if (rows > 0) {
            mostlyUnchanged = unchanged * 4 >= rows;
        }
    }
}
