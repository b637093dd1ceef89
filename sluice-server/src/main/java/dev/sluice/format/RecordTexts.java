package dev.sluice.format;

import java.util.Arrays;

/**
 * The text of the CSV records that {@link CsvRecordGuard} has handed on to FastCSV but the reader has
 * not yet taken back as rows, so a record found malformed can be reported as written. FastCSV reads
 * ahead of the record it returns, so this holds that read-ahead and nothing older: the text handed on
 * (a record longer than the {@link RecordLimit} is handed on only up to the limit) and, per record,
 * the line where it starts and the positions, counted in characters handed on, where its text begins
 * and ends. Not thread-safe.
 */
final class RecordTexts {
    /** Text already passed is dropped once at least this much of it has gathered (amortizes the copy). */
    private static final int COMPACT_AT = 64 * 1024;

    /**
     * The text handed on and not yet let go, in {@code text[0..length)}: a plain array, so keeping it is
     * one array copy per read and costs a row that is not malformed nothing more (a StringBuilder would
     * check every character on the way in, to keep its compact form).
     */
    private char[] text = new char[COMPACT_AT * 2];
    private int length;
    /** The offset, since the first record, of {@code text}'s first character. */
    private long base;
    /** Rings of a power-of-two size, so a slot is found with a mask. */
    private long[] lines = new long[64];
    private long[] starts = new long[64];
    private long[] ends = new long[64];
    private int first;
    private int count;

    /** A record starts on {@code line}, at {@code position}. */
    void start(long line, long position) {
        if (count == lines.length) {
            grow();
        }
        int slot = (first + count) & (lines.length - 1);
        lines[slot] = line;
        starts[slot] = position;
        ends[slot] = -1;
        count++;
    }

    /** Text handed on, in order. */
    void append(char[] handed, int offset, int count) {
        if (length + count > text.length) {
            text = Arrays.copyOf(text, Math.max(text.length * 2, length + count));
        }
        System.arraycopy(handed, offset, text, length, count);
        length += count;
    }

    /** The text of the record started last ends before {@code position}, unless its end is already known. */
    void end(long position) {
        int last = (first + count - 1) & (lines.length - 1);
        if (count > 0 && ends[last] < 0) {
            ends[last] = position;
        }
    }

    /**
     * The text of the record that starts on {@code line} when {@code wanted} (null when no record
     * starts there); that record and those before it are dropped either way.
     */
    String take(long line, boolean wanted) {
        String found = null;
        while (count > 0 && lines[first] <= line) {
            if (wanted && lines[first] == line) {
                long end = ends[first] < 0 ? base + length : ends[first];
                int from = (int) (starts[first] - base);
                found = new String(text, from, (int) (end - base) - from);
            }
            first = (first + 1) & (lines.length - 1);
            count--;
        }
        long keepFrom = count == 0 ? base + length : starts[first];
        int passed = (int) (keepFrom - base);
        if (passed >= COMPACT_AT || (count == 0 && passed > 0)) {
            System.arraycopy(text, passed, text, 0, length - passed);
            length -= passed;
            base = keepFrom;
        }
        return found;
    }

    private void grow() {
        int size = lines.length;
        lines = unrolled(lines, size * 2);
        starts = unrolled(starts, size * 2);
        ends = unrolled(ends, size * 2);
        first = 0;
    }

    private long[] unrolled(long[] ring, int size) {
        long[] out = Arrays.copyOf(ring, size);
        for (int i = 0; i < count; i++) {
            out[i] = ring[(first + i) % ring.length];
        }
        return out;
    }
}
