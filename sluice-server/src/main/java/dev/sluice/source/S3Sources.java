package dev.sluice.source;

import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.regions.providers.DefaultAwsRegionProviderChain;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.S3Object;

import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads {@code s3://bucket/key} sources from AWS S3 or an S3-compatible store ({@link S3Settings}),
 * with credentials from the AWS SDK's default chain. Lists a prefix's objects in key order, tells an
 * object's size, and opens it as an {@link S3Body} that resumes a dropped connection with a ranged
 * GET of the same ETag. The client is made on first use, so a server that never reads S3 needs no
 * region or credentials. Failures are {@link SourceException}s ({@link S3Failures}). Thread-safe.
 */
final class S3Sources {
    /** The most objects one prefix may bring into a job. */
    static final int MAX_OBJECTS = 10_000;

    private final S3Settings settings;
    private final UrlPolicy policy;
    private volatile S3Client client;

    S3Sources(S3Settings settings, UrlPolicy policy) {
        this.settings = settings;
        this.policy = policy;
    }

    /** The objects under a prefix, in key order, directory markers (keys ending in {@code /}) left out. */
    List<S3Objects> list(S3Location prefix) throws SourceException {
        List<S3Objects> found = new ArrayList<>();
        ListObjectsV2Request.Builder request = ListObjectsV2Request.builder().bucket(prefix.bucket())
                .prefix(prefix.key());
        try {
            for (String token = null; ; ) {
                ListObjectsV2Response page = client().listObjectsV2(request.continuationToken(token).build());
                for (S3Object object : page.contents()) {
                    if (!object.key().endsWith("/")) {
                        found.add(new S3Objects(prefix.url(object.key()),
                                object.key().substring(prefix.key().length()), object.size(), object.eTag()));
                    }
                }
                if (found.size() > MAX_OBJECTS) {
                    throw new SourceRejectedException(prefix.url(), 0, prefix.url() + " holds more than "
                            + MAX_OBJECTS + " objects; import it in parts, one prefix each");
                }
                token = page.nextContinuationToken();
                if (!Boolean.TRUE.equals(page.isTruncated()) || token == null) {
                    return found;
                }
            }
        } catch (SdkException e) {
            throw S3Failures.of(prefix.url(), "list the objects of", e);
        }
    }

    /** What a HEAD of the object says: its size and name, its content type. */
    UrlInfo probe(S3Location object) throws SourceException {
        try {
            HeadObjectResponse head = client().headObject(b -> b.bucket(object.bucket()).key(object.key()));
            return new UrlInfo(head.contentLength(), object.name(), head.contentType(), head.eTag());
        } catch (SdkException e) {
            throw S3Failures.of(object.url(), "read", e);
        }
    }

    /** The object's bytes as one stream, of the version {@code etag} names when not null; see {@link S3Body}. */
    InputStream open(S3Location object, String etag) throws SourceException {
        return S3Body.open(client(), object, policy, etag);
    }

    private S3Client client() {
        S3Client made = client;
        if (made == null) {
            synchronized (this) {
                if (client == null) {
                    client = build();
                }
                made = client;
            }
        }
        return made;
    }

    private S3Client build() {
        S3ClientBuilder builder = S3Client.builder()
                .httpClient(UrlConnectionHttpClient.builder().connectionTimeout(policy.connectTimeout())
                        .socketTimeout(policy.readTimeout()).build())
                .region(region())
                .forcePathStyle(settings.pathStyle())
                // S3-compatible stores do not all know the newer checksum headers; plain GETs are checked by length
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED);
        if (settings.endpoint() != null) {
            builder.endpointOverride(settings.endpoint());
        }
        return builder.build();
    }

    private Region region() {
        if (settings.region() != null) {
            return Region.of(settings.region());
        }
        try {
            return new DefaultAwsRegionProviderChain().getRegion();
        } catch (SdkException e) {
            return Region.US_EAST_1;
        }
    }
}
