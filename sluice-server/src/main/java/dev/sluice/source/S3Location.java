package dev.sluice.source;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * An {@code s3://bucket/key} URL taken apart: one object, or, when the key is empty or ends with
 * {@code /}, every object under that prefix. Immutable.
 *
 * @param bucket the bucket name as S3 spells it (3 to 63 lower-case letters, digits, dots, hyphens)
 * @param key    the object key or prefix, percent-decoded; empty for the whole bucket
 */
record S3Location(String bucket, String key) {
    private static final Pattern BUCKET = Pattern.compile("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]");

    /** Whether the URL names an S3 source at all (its scheme is {@code s3}), however well formed. */
    static boolean isS3(String url) {
        return url != null && url.regionMatches(true, 0, "s3://", 0, 5);
    }

    /**
     * @throws UrlRefusal {@code MALFORMED} for no bucket, a bucket name S3 does not allow, a query or
     *                    fragment; {@code FORBIDDEN} for user-info (credentials never go in a URL)
     */
    static S3Location parse(String url) throws UrlRefusal {
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            throw malformed("not a valid URL: " + e.getReason() + " at index " + e.getIndex());
        }
        if (uri.getRawUserInfo() != null) {
            throw new UrlRefusal(UrlRefusal.Kind.FORBIDDEN, "s3:// URLs carry no credentials (user:password@);"
                    + " the server takes them from its AWS credential chain");
        }
        String bucket = uri.getHost() == null ? uri.getRawAuthority() : uri.getHost();
        if (bucket == null || !BUCKET.matcher(bucket.toLowerCase(Locale.ROOT)).matches()
                || !bucket.equals(bucket.toLowerCase(Locale.ROOT))) {
            throw malformed("write s3://bucket/key, with a bucket name of 3 to 63 lower-case letters, digits, dots"
                    + " and hyphens");
        }
        if (uri.getRawQuery() != null || uri.getRawFragment() != null || uri.getPort() != -1) {
            throw malformed("an s3:// URL has no port, query or fragment: write s3://bucket/key");
        }
        String path = uri.getPath() == null ? "" : uri.getPath();
        return new S3Location(bucket, path.startsWith("/") ? path.substring(1) : path);
    }

    /** Every object under {@link #key()} rather than one object. */
    boolean isPrefix() {
        return key.isEmpty() || key.endsWith("/");
    }

    /** The URL of the object {@code objectKey} in this bucket. */
    String url(String objectKey) {
        return "s3://" + bucket + "/" + objectKey;
    }

    /** This location as a URL. */
    String url() {
        return url(key);
    }

    /** The last segment of the key, the name a job reports for the object. */
    String name() {
        String trimmed = key.endsWith("/") ? key.substring(0, key.length() - 1) : key;
        return trimmed.isEmpty() ? bucket : trimmed.substring(trimmed.lastIndexOf('/') + 1);
    }

    private static UrlRefusal malformed(String reason) {
        return new UrlRefusal(UrlRefusal.Kind.MALFORMED, reason);
    }
}
