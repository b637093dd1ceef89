package dev.sluice.source;

/**
 * What a server says about a URL's resource before its body is read. Immutable.
 *
 * @param sizeBytes   the length it declares ({@code Content-Length}), or null when unknown (chunked, or not sent)
 * @param name        the last segment of the URL's path, percent-decoded; the host name when the path has none
 * @param contentType the {@code Content-Type} header as sent (parameters such as {@code charset} included), or null
 * @param etag        an S3 object's ETag, the version later reads must match; null for an http(s) URL
 */
public record UrlInfo(Long sizeBytes, String name, String contentType, String etag) {

    /** What an http(s) server says: no version to pin. */
    public UrlInfo(Long sizeBytes, String name, String contentType) {
        this(sizeBytes, name, contentType, null);
    }
}
