package dev.sluice.source;

/**
 * The server refused the request for good: a 4xx status other than 408 and 429, a redirect
 * without a usable {@code Location} or past {@link UrlPolicy#maxRedirects()}, a TLS certificate that
 * does not verify for the host, or an answer that is not HTTP/1.x. Trying again will not help; the job
 * fails with {@code unreadable_source}, not retryable. Immutable.
 */
public class SourceRejectedException extends SourceException {
    private final int status;

    public SourceRejectedException(String url, int status, String message) {
        this(url, status, message, null);
    }

    public SourceRejectedException(String url, int status, String message, Throwable cause) {
        super(url, "unreadable_source", false, message, cause);
        this.status = status;
    }

    /** The HTTP status that refused the request, or 0 when the refusal was not a status. */
    public int status() {
        return status;
    }
}
