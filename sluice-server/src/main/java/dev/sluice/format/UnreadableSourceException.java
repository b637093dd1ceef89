package dev.sluice.format;

import java.io.IOException;

/**
 * A source that cannot be read past some point: the job fails with {@code unreadable_source}.
 * The message names the place (line, byte or element) and what was expected; {@link #line()} is
 * the line a job's error names, so that the two never disagree.
 */
public class UnreadableSourceException extends IOException {
    private final long line;

    public UnreadableSourceException(String message) {
        this(message, null, 0);
    }

    public UnreadableSourceException(String message, Throwable cause) {
        this(message, cause, 0);
    }

    /** @param line the physical line (1-based) where reading broke, when the reader knows it; else 0 */
    public UnreadableSourceException(String message, Throwable cause, long line) {
        super(message, cause);
        this.line = line;
    }

    /** The physical line where reading broke, or 0 when only the rows read so far can tell. */
    public long line() {
        return line;
    }
}
