package dev.sluice.source;

/**
 * A source that cannot be fetched now but may be later: the host does not resolve or answer, the
 * server answered 5xx, 429 or 408, or the connection dropped and could not be resumed (the server
 * does not honour ranges, the resource changed, or {@link UrlPolicy#maxResumes()} was spent). The job
 * fails with {@code source_unavailable}, retryable. Immutable.
 */
public class SourceUnavailableException extends SourceException {
    public SourceUnavailableException(String url, String message) {
        super(url, "source_unavailable", true, message, null);
    }

    public SourceUnavailableException(String url, String message, Throwable cause) {
        super(url, "source_unavailable", true, message, cause);
    }
}
