package dev.sluice.format;

import java.io.IOException;
import java.io.Reader;

/**
 * Sits between the decoded text and Jackson while a JSON array is read, and follows its structure
 * (nesting depth, strings and their escapes) to measure each top-level element. Once an element
 * passes the {@link RecordLimit}, reading throws {@link TooLong}; {@link #skipElement} then reads past
 * the rest of it without holding it, so that a new parser can go on with the next element.
 *
 * <p>Not thread-safe. Closing it closes the text.
 */
final class JsonElementGuard extends Reader {
    /** The element being read is longer than the limit; the parser that saw this cannot go on. */
    static final class TooLong extends IOException {
        TooLong() {
            super("a JSON array element is longer than the record limit", null);
        }
    }

    private final CharWindow text;
    private final long limit;
    private int depth;
    private boolean inString;
    private boolean escaped;
    private boolean inElement;
    private long elementBytes;
    private boolean overflow;
    /** What the next parser must see first: it starts inside the array. */
    private String restart = "";

    JsonElementGuard(Reader text, RecordLimit limit) {
        this.text = new CharWindow(text);
        this.limit = limit.bytes();
    }

    @Override
    public int read(char[] target, int offset, int length) throws IOException {
        if (overflow) {
            throw new TooLong();
        }
        if (length == 0) {
            return 0;
        }
        if (!restart.isEmpty()) {
            target[offset] = restart.charAt(0);
            restart = restart.substring(1);
            return 1;
        }
        if (!text.ensure()) {
            return -1;
        }
        int n = 0;
        while (n < length && text.buffered()) {
            char c = text.next();
            follow(c);
            if (inElement && elementBytes > limit) {
                overflow = true;
                if (n == 0) {
                    throw new TooLong();
                }
                return n;
            }
            target[offset + n++] = c;
        }
        return n;
    }

    /**
     * Reads past the rest of the element that was too long, up to and including the comma after it.
     * What is read next starts with an opening bracket (and the closing one when the element was the
     * last), so a new parser reads the rest as an array.
     *
     * @throws UnreadableSourceException when the text ends inside the element
     */
    void skipElement() throws IOException {
        while (inElement) {
            if (!text.ensure()) {
                throw new UnreadableSourceException("the JSON array ends inside an element");
            }
            follow(text.next());
        }
        restart = depth == 0 ? "[]" : "[";
        overflow = false;
    }

    private void follow(char c) {
        if (inString) {
            elementBytes += RecordLimit.utf8Bytes(c);
            if (escaped) {
                escaped = false;
            } else if (c == '\\') {
                escaped = true;
            } else if (c == '"') {
                inString = false;
            }
            return;
        }
        if (depth == 1 && (c == ',' || c == ']')) {
            inElement = false;
        } else if (depth == 1 && !inElement && !Character.isWhitespace(c)) {
            inElement = true;
            elementBytes = 0;
        }
        if (inElement) {
            elementBytes += RecordLimit.utf8Bytes(c);
        }
        if (c == '"') {
            inString = true;
        } else if (c == '[' || c == '{') {
            depth++;
        } else if (c == ']' || c == '}') {
            depth--;
        }
    }

    @Override
    public void close() throws IOException {
        text.close();
    }
}
