package dev.sluice.source;

import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * What an S3 store's refusal means for a job, as the {@link SourceException} that carries its
 * error code: 403 is {@code source_forbidden} (the credentials may not read it), 404 and other
 * refusals are {@code unreadable_source} ({@code invalid_source} when a job is submitted), 5xx, 429,
 * 408 and a store that cannot be reached are {@code source_unavailable} (retryable). Messages name
 * the URL, the store's error code and its request id, never a credential.
 */
final class S3Failures {
    private S3Failures() {
    }

    static SourceException of(String url, String action, SdkException e) {
        if (e instanceof S3Exception s3) {
            return ofStatus(url, action, s3);
        }
        String message = message(e);
        if (e instanceof SdkClientException && message.contains("credentials")) {
            return new SourceForbiddenException(url, "no AWS credentials were found to " + action + " (set"
                    + " AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, AWS_PROFILE, or run with an instance role): "
                    + message);
        }
        return new SourceUnavailableException(url, "could not " + action + " " + url + ": " + message, e);
    }

    private static SourceException ofStatus(String url, String action, S3Exception e) {
        int status = e.statusCode();
        String code = e.awsErrorDetails() == null ? null : e.awsErrorDetails().errorCode();
        String said = "the store answered " + status + (code == null ? "" : " " + code)
                + (e.requestId() == null ? "" : " (request id " + e.requestId() + ")");
        if (status == 403) {
            return new SourceForbiddenException(url, "access denied to " + action + ": " + said
                    + "; the server's AWS credentials may not read it");
        }
        if (status == 404) {
            String what = "NoSuchBucket".equals(code) ? "the bucket does not exist"
                    : url.endsWith("/") ? "no such prefix" : "no such object";
            return new SourceRejectedException(url, status, "cannot " + action + " " + url + ": " + what + " ("
                    + said + ")");
        }
        if (status == 408 || status == 429 || status >= 500) {
            return new SourceUnavailableException(url, "could not " + action + " " + url + ": " + said, e);
        }
        return new SourceRejectedException(url, status, "cannot " + action + " " + url + ": " + said);
    }

    static String message(Throwable e) {
        return e.getMessage() == null ? e.toString() : e.getMessage();
    }
}
