package dev.sluice.format;

import java.io.IOException;
import java.io.Reader;

/**
 * Splits text into lines (LF, CRLF or a lone CR, as {@code BufferedReader} does) without holding a
 * line longer than the {@link RecordLimit}: the rest of such a line is read past, counted but not kept.
 * Not thread-safe; closing it closes the text.
 */
final class LimitedLines implements AutoCloseable {
    private final Reader text;
    private final long limit;
    private final char[] buffer = new char[64 * 1024];
    private final StringBuilder line = new StringBuilder();
    private int position;
    private int end;
    private boolean skipLf;
    private boolean tooLong;

    LimitedLines(Reader text, RecordLimit limit) {
        this.text = text;
        this.limit = limit.bytes();
    }

    /**
     * Reads the next line; false at the end of the text. The line is then {@link #line()}, or, when
     * it was longer than the limit, {@link #tooLong()} is true and {@link #line()} holds only its start.
     */
    boolean next() throws IOException {
        line.setLength(0);
        tooLong = false;
        long bytes = 0;
        boolean any = false;
        while (true) {
            if (position == end && !fill()) {
                return any;
            }
            any = true;
            char c = buffer[position++];
            if (skipLf) {
                skipLf = false;
                if (c == '\n') {
                    continue;
                }
            }
            if (c == '\n' || c == '\r') {
                skipLf = c == '\r';
                return true;
            }
            bytes += RecordLimit.utf8Bytes(c);
            if (bytes > limit) {
                tooLong = true;
            } else {
                line.append(c);
            }
        }
    }

    private boolean fill() throws IOException {
        int n = text.read(buffer, 0, buffer.length);
        while (n == 0) {
            n = text.read(buffer, 0, buffer.length);
        }
        position = 0;
        end = Math.max(n, 0);
        return n > 0;
    }

    /** The line read, or the start of it when it was too long. */
    CharSequence line() {
        return line;
    }

    boolean tooLong() {
        return tooLong;
    }

    @Override
    public void close() throws IOException {
        text.close();
    }
}
