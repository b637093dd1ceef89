package dev.sluice.source;

import java.io.IOException;

/**
 * Why a URL source could not be fetched or read to its end. Each subclass carries the job-level
 * error {@link #code()} it fails the job with, and whether a later attempt may succeed
 * ({@link #retryable()}), so the engine maps them without knowing each one:
 * <ul>
 *   <li>{@link SourceUnavailableException}: {@code source_unavailable}, retryable;</li>
 *   <li>{@link SourceForbiddenException}: {@code source_forbidden}, not retryable;</li>
 *   <li>{@link SourceRejectedException}: {@code unreadable_source}, not retryable;</li>
 *   <li>{@link SourceTooLargeException}: {@code unreadable_source}, not retryable.</li>
 * </ul>
 * Messages name the URL and say what happened; they never carry user-info (such URLs are refused).
 * Immutable.
 */
public abstract class SourceException extends IOException {
    private final String url;
    private final String code;
    private final boolean retryable;

    SourceException(String url, String code, boolean retryable, String message, Throwable cause) {
        super(message, cause);
        this.url = url;
        this.code = code;
        this.retryable = retryable;
    }

    /** The URL that was being fetched (after redirects, the one first asked for). */
    public String url() {
        return url;
    }

    /** The job-level error code this failure ends a job with. */
    public String code() {
        return code;
    }

    /** Whether the same job may succeed when tried again later. */
    public boolean retryable() {
        return retryable;
    }
}
