package dev.sluice.format;

import java.io.IOException;
import java.io.Reader;

/**
 * Splits text into lines (LF, CRLF or a lone CR, as {@code BufferedReader} does) without holding a
 * line longer than the {@link RecordLimit}: the rest of such a line is read past, counted but not kept.
 * Not thread-safe; closing it closes the text.
 */
final class LimitedLines implements AutoCloseable {
    private final CharWindow text;
    private final long limit;
    private final StringBuilder line = new StringBuilder();
    private boolean skipLf;
    private boolean tooLong;

    LimitedLines(Reader text, RecordLimit limit) {
        this.text = new CharWindow(text);
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
            if (!text.ensure()) {
                return any;
            }
            any = true;
            char c = text.next();
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
