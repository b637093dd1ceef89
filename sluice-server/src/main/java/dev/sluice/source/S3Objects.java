package dev.sluice.source;

/**
 * One object found under an {@code s3://} prefix, in the order S3 lists them (key order).
 *
 * @param url       {@code s3://bucket/key} of the object
 * @param name      its key relative to the prefix, the name the job reports
 * @param sizeBytes its size
 * @param etag      its ETag as listed, the version the job reads
 */
public record S3Objects(String url, String name, long sizeBytes, String etag) {
}
