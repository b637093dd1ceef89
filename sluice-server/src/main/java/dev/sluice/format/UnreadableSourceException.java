package dev.sluice.format;

import java.io.IOException;

/**
 * A source that cannot be read past some point: the job fails with {@code unreadable_source}.
 * The message names the place (line, byte or element) and what was expected.
 */
public class UnreadableSourceException extends IOException {
    public UnreadableSourceException(String message) {
        super(message);
    }

    public UnreadableSourceException(String message, Throwable cause) {
        super(message, cause);
    }
}
