package dev.sluice.source;

/**
 * A source larger than {@link UrlPolicy#maxBytes()}: thrown by {@link UrlSources#open} when the
 * declared length already exceeds it, else by the stream's read once the byte past the limit arrives
 * (no byte beyond the limit is ever handed out). The job fails with {@code unreadable_source}, not
 * retryable. Immutable.
 */
public class SourceTooLargeException extends SourceException {
    private final long limitBytes;

    public SourceTooLargeException(String url, long limitBytes) {
        super(url, "unreadable_source", false, url + " is larger than the limit of " + limitBytes + " bytes", null);
        this.limitBytes = limitBytes;
    }

    public long limitBytes() {
        return limitBytes;
    }
}
