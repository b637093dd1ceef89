package dev.sluice.source;

import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.S3Exception;

import java.io.IOException;

/**
 * An S3 object's bytes as one stream that survives dropped connections: when the connection fails
 * mid-object, it asks for the rest ({@code Range: bytes=N-}) with {@code If-Match} on the ETag the
 * first answer carried, so the rest comes from the same version of the object or not at all. An
 * object that changed meanwhile (the store answers 412) ends the read with a
 * {@link SourceRejectedException} naming both; a store that cannot be reached again within
 * {@link UrlPolicy#maxResumes()} attempts with {@link SourceUnavailableException}. Counts bytes and
 * keeps a failure as every {@link ResumingBody} does. Never holds more than one read buffer. Not thread-safe, except that {@link #close()} may come from another thread.
 */
final class S3Body extends ResumingBody {
    private final S3Client client;
    private final S3Location object;
    private final String etag;
    private volatile ResponseInputStream<GetObjectResponse> body;

    private S3Body(S3Client client, S3Location object, UrlPolicy policy, ResponseInputStream<GetObjectResponse> first) {
        super(object.url(), policy, first.response().contentLength());
        this.client = client;
        this.object = object;
        this.body = first;
        this.etag = first.response().eTag();
    }

    /**
     * Sends the GET of the whole object; its body is read through the returned stream.
     *
     * @param etag the version to read ({@code If-Match}), the one the job saw first; null for whatever is there
     * @throws SourceRejectedException the object no longer has that ETag: the job's rows so far came from
     *                                 another version, so this one is never read into it
     */
    static S3Body open(S3Client client, S3Location object, UrlPolicy policy, String etag) throws SourceException {
        ResponseInputStream<GetObjectResponse> first;
        try {
            first = client.getObject(GetObjectRequest.builder().bucket(object.bucket()).key(object.key())
                    .ifMatch(etag).build());
        } catch (S3Exception e) {
            if (etag != null && e.statusCode() == 412) {
                throw new SourceRejectedException(object.url(), 412, "the object changed since the job first read it"
                        + " (its ETag is no longer " + etag + "): " + object.url() + " is not read again into this"
                        + " job, so that no rows of two versions mix; import it again in a new job");
            }
            throw S3Failures.of(object.url(), "read", e);
        } catch (SdkException e) {
            throw S3Failures.of(object.url(), "read", e);
        }
        Long length = first.response().contentLength();
        if (length != null && length > policy.maxBytes()) {
            first.abort();
            throw new SourceTooLargeException(object.url(), policy.maxBytes());
        }
        return new S3Body(client, object, policy, first);
    }

    @Override
    int readCurrent(byte[] b, int off, int len) throws IOException {
        try {
            return body.read(b, off, len);
        } catch (SdkException e) {
            throw new IOException(S3Failures.message(e), e);
        }
    }

    /** Replaces the dropped response with one that carries on at byte {@code delivered} of the same ETag. */
    @Override
    void resume(IOException cause) throws IOException {
        body.abort();
        Throwable why = cause.getCause() instanceof SdkException sdk ? sdk : cause;
        String dropped = dropped(S3Failures.message(why));
        body = reconnect(dropped, why);
        if (closed) {
            body.abort();
        }
    }

    private ResponseInputStream<GetObjectResponse> reconnect(String dropped, Throwable cause) throws IOException {
        GetObjectRequest rest = GetObjectRequest.builder().bucket(object.bucket()).key(object.key())
                .range("bytes=" + delivered + "-").ifMatch(etag).build();
        Throwable last = cause;
        while (resumes < policy.maxResumes()) {
            resumes++;
            pause(resumes - 1);
            try {
                return client.getObject(rest);
            } catch (S3Exception e) {
                if (e.statusCode() == 412) {
                    throw new SourceRejectedException(object.url(), 412, dropped + "; the object changed since"
                            + " it was first read (its ETag is no longer " + etag + "), so the rest cannot be"
                            + " resumed: import it again in a new job");
                }
                throw S3Failures.of(object.url(), "resume reading", e);
            } catch (SdkException e) {
                last = e;
            }
        }
        throw new SourceUnavailableException(object.url(), dropped + "; gave up after " + resumes + " resumes"
                + (last == cause ? "" : ", the last: " + S3Failures.message(last)), last);
    }

    @Override
    void release() {
        body.abort();
    }
}
