package dev.sluice.format;

import java.io.IOException;
import java.io.Reader;

/**
 * A 64K window over a {@link Reader}, refilled when used up: what the record-size guards read their
 * text through, one character at a time, without blocking for more than the reader has. Not
 * thread-safe.
 */
final class CharWindow implements AutoCloseable {
    private final Reader text;
    private final char[] buffer = new char[64 * 1024];
    private int position;
    private int end;

    CharWindow(Reader text) {
        this.text = text;
    }

    /** True while characters are buffered: {@link #next} needs no read. */
    boolean buffered() {
        return position < end;
    }

    /** Makes sure a character is buffered, reading when none is; false at the end of the text. */
    boolean ensure() throws IOException {
        if (position < end) {
            return true;
        }
        int n = text.read(buffer, 0, buffer.length);
        while (n == 0) {
            n = text.read(buffer, 0, buffer.length);
        }
        position = 0;
        end = Math.max(n, 0);
        return n > 0;
    }

    /** The next buffered character; call {@link #ensure} or {@link #buffered} first. */
    char next() {
        return buffer[position++];
    }

    @Override
    public void close() throws IOException {
        text.close();
    }
}
