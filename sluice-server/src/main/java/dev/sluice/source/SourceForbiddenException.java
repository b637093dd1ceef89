package dev.sluice.source;

/**
 * A URL refused by policy at fetch time: its host now resolves to an internal address (DNS changed
 * since the job was accepted), or a redirect leads to a URL that {@link UrlSources#check} would
 * refuse. Nothing was sent to the refused address. The job fails with {@code source_forbidden}, not
 * retryable. Immutable.
 */
public class SourceForbiddenException extends SourceException {
    private final String reason;

    public SourceForbiddenException(String url, String reason) {
        super(url, "source_forbidden", false, url + " is not allowed: " + reason, null);
        this.reason = reason;
    }

    /** Why the URL is refused, e.g. {@code "localhost resolves to 127.0.0.1, a loopback address"}. */
    public String reason() {
        return reason;
    }
}
