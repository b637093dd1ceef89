package dev.sluice.source;

import java.net.URI;

/**
 * Where {@code s3://} sources are fetched from: the endpoint of an S3-compatible store (or AWS S3
 * itself when null), the region to sign for, and whether buckets are addressed in the path
 * ({@code http://endpoint/bucket/key}) rather than as a host name. Credentials are never settings:
 * they come from the AWS SDK's default chain (environment, profile file, container or instance role),
 * so no secret reaches a job, a log line or the command line. Immutable.
 *
 * @param endpoint  {@code --s3-endpoint} / {@code SLUICE_S3_ENDPOINT}, or null for AWS S3
 * @param region    {@code --s3-region} / {@code SLUICE_S3_REGION}, or null for the AWS chain's region
 *                  (environment, profile), else {@code us-east-1}
 * @param pathStyle {@code --s3-path-style} / {@code SLUICE_S3_PATH_STYLE}
 */
public record S3Settings(URI endpoint, String region, boolean pathStyle) {

    /** AWS S3, the region from the AWS chain, virtual-host addressing. */
    public static final S3Settings DEFAULTS = new S3Settings(null, null, false);
}
