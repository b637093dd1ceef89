package dev.sluice.source;

import dev.sluice.error.SluiceException;

import java.io.IOException;
import java.io.InputStream;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;
import javax.net.ssl.SSLSocketFactory;

/**
 * Fetches http(s) URL sources under a {@link UrlPolicy}: checks a URL when a job is accepted, tells
 * its size and name, and opens its body as a stream that is never buffered whole and resumes after
 * a dropped connection where the server allows it.
 *
 * <p>By default only public addresses are fetched: a host that resolves to a loopback, private,
 * link-local, shared, multicast or otherwise non-global address is refused, unless
 * {@link UrlPolicy#allowedHosts()} names it. The check is made on the addresses actually connected to,
 * for every connection, redirects and resumes included, so a name that changes what it resolves to
 * after {@link #check} cannot get around it.
 *
 * <p>Failures of {@link #probe} and {@link #open} (and of the opened stream's reads) are
 * {@link SourceException}s, which carry the job-level error code and whether to retry:
 * {@link SourceUnavailableException} (retryable), {@link SourceForbiddenException},
 * {@link SourceRejectedException} and {@link SourceTooLargeException}. Thread-safe; the streams it
 * opens are not.
 *
 * <p>{@code s3://bucket/key} URLs are read from the S3 store of {@link S3Settings} instead, with the
 * server's AWS credentials ({@link S3Sources}); the address policy does not apply to them, since the
 * operator names the store. {@code s3://bucket/prefix/} stands for every object under the prefix
 * ({@link #expand}).
 */
public final class UrlSources {
    private final UrlPolicy policy;
    private final UrlAdmission admission;
    private final UrlClient client;
    private final S3Sources s3;

    public UrlSources(UrlPolicy policy) {
        this(policy, S3Settings.DEFAULTS);
    }

    /** Fetches http(s) URLs under {@code policy} and {@code s3://} URLs from the store {@code s3} names. */
    public UrlSources(UrlPolicy policy, S3Settings s3) {
        this(policy, HostResolver.SYSTEM, () -> (SSLSocketFactory) SSLSocketFactory.getDefault(), s3);
    }

    UrlSources(UrlPolicy policy, HostResolver resolver, Supplier<SSLSocketFactory> tls) {
        this(policy, resolver, tls, S3Settings.DEFAULTS);
    }

    private UrlSources(UrlPolicy policy, HostResolver resolver, Supplier<SSLSocketFactory> tls, S3Settings s3) {
        this.policy = Objects.requireNonNull(policy, "policy");
        this.admission = new UrlAdmission(policy, resolver);
        this.client = new UrlClient(policy, admission, tls);
        this.s3 = new S3Sources(Objects.requireNonNull(s3, "s3"), policy);
    }

    /** Whether the URL is {@code s3://bucket/prefix/}, standing for every object under the prefix. */
    public static boolean isPrefix(String url) {
        try {
            return S3Location.isS3(url) && S3Location.parse(url).isPrefix();
        } catch (UrlRefusal refusal) {
            return false;
        }
    }

    /**
     * The objects under an {@code s3://bucket/prefix/} URL, in key order.
     *
     * @throws SourceException {@link SourceForbiddenException} (access denied), {@link SourceRejectedException}
     *                         (no such bucket, more than {@link S3Sources#MAX_OBJECTS} objects),
     *                         {@link SourceUnavailableException} (the store cannot be reached)
     */
    public List<S3Objects> expand(String url) throws SourceException {
        return s3.list(s3Location(url));
    }

    public UrlPolicy policy() {
        return policy;
    }

    /**
     * Checks a URL before a job is accepted: scheme http or https, a host, no user-info; the host is
     * allowed when {@link UrlPolicy#allowedHosts()} names it, else every address it resolves to must
     * be public. Sends nothing to the host.
     *
     * @throws SluiceException.Invalid {@code source_forbidden} (a scheme other than http(s), user-info, a
     *                                 host that resolves to a non-public address) or {@code invalid_source}
     *                                 (not a URL, no host, a bad port, a host that does not resolve); details
     *                                 {@code url} (user-info blotted out) and {@code reason}
     */
    public void check(String url) {
        try {
            if (S3Location.isS3(url)) {
                S3Location.parse(url);
                return;
            }
            UrlTarget target = UrlTarget.parse(url);
            if (!admission.allowedByName(target)) {
                admission.addresses(target);
            }
        } catch (UrlRefusal refusal) {
            boolean forbidden = refusal.kind() == UrlRefusal.Kind.FORBIDDEN;
            throw invalid(forbidden ? "source_forbidden" : "invalid_source", url, forbidden
                    ? "the URL " + UrlTarget.redact(url) + " is not allowed: " + refusal.reason()
                    : "'" + UrlTarget.redact(url) + "' is not a URL that can be fetched: " + refusal.reason(),
                    refusal.reason());
        } catch (UnknownHostException e) {
            String reason = "the host does not resolve: " + UrlClient.message(e);
            throw invalid("invalid_source", url, "the URL " + UrlTarget.redact(url) + " cannot be fetched: " + reason,
                    reason);
        }
    }

    /**
     * What the server says about the resource: a {@code HEAD}, or, when that is not answered with
     * success (some servers and signed URLs refuse it), the head of a {@code GET} whose body is not read.
     *
     * @return the size when declared, the name from the URL's path, the content type when sent
     * @throws SourceException as {@link #open} does, except {@link SourceTooLargeException}: compare
     *                         {@link UrlInfo#sizeBytes()} with {@link UrlPolicy#maxBytes()} to refuse early
     */
    public UrlInfo probe(String url) throws IOException {
        if (S3Location.isS3(url)) {
            return s3.probe(s3Location(url));
        }
        UrlTarget target = target(url);
        try (UrlResponse head = client.exchange("HEAD", target, Map.of())) {
            if (head.status() >= 200 && head.status() < 300) {
                return info(target, head);
            }
        }
        try (UrlResponse get = client.exchange("GET", target, Map.of())) {
            requireSuccess(get, "GET", target);
            return info(target, get);
        }
    }

    /**
     * Opens the body as a stream, never buffering it whole. A connection that drops mid-body is
     * resumed with {@code Range: bytes=N-} (up to {@link UrlPolicy#maxResumes()} times) when the
     * server answers it with a correct {@code 206} of the unchanged resource. Close the stream to
     * release the connection; closing from another thread stops a blocked read.
     *
     * @throws SourceForbiddenException   the host, first or redirected to, now resolves to a refused address
     * @throws SourceUnavailableException the host does not resolve or answer; 5xx, 429 or 408; and from
     *                                    {@code read}: the connection dropped and could not be resumed
     * @throws SourceRejectedException    any other 4xx; too many or broken redirects; an untrusted certificate
     * @throws SourceTooLargeException    the declared length exceeds {@link UrlPolicy#maxBytes()}; from
     *                                    {@code read}: the bytes delivered do
     */
    public InputStream open(String url) throws IOException {
        return open(url, null);
    }

    /**
     * As {@link #open(String)}; an {@code s3://} object is read in the version {@code etag} names
     * ({@code If-Match}), or not at all: a {@link SourceRejectedException} says it changed.
     *
     * @param etag the ETag the object had when the job was submitted; null reads whatever is there
     */
    public InputStream open(String url, String etag) throws IOException {
        if (S3Location.isS3(url)) {
            S3Location location = s3Location(url);
            if (location.isPrefix()) {
                // one stream stands for a prefix where only one is read (inference): its first object
                List<S3Objects> objects = s3.list(location);
                if (objects.isEmpty()) {
                    throw new SourceRejectedException(url, 404, "there are no objects under " + url);
                }
                location = s3Location(objects.get(0).url());
            }
            return s3.open(location, etag);
        }
        return UrlBody.open(client, target(url), policy);
    }

    /** Maps a status that is not 2xx to the exception that says whether to retry. */
    static void requireSuccess(UrlResponse response, String method, UrlTarget first) throws SourceException {
        int status = response.status();
        if (status >= 200 && status < 300) {
            return;
        }
        String redirected = response.target().url().equals(first.url()) ? ""
                : " (redirected to " + response.target().url() + ")";
        String message = method + " " + first.url() + redirected + " " + response.answered();
        if (status == 408 || status == 429 || status >= 500) {
            String retryAfter = response.header("retry-after");
            throw new SourceUnavailableException(first.url(), message
                    + (retryAfter == null ? "" : "; Retry-After: " + retryAfter));
        }
        throw new SourceRejectedException(first.url(), status, message);
    }

    private static UrlInfo info(UrlTarget target, UrlResponse response) throws IOException {
        return new UrlInfo(response.head().contentLength(), target.name(), response.header("content-type"));
    }

    private static S3Location s3Location(String url) throws SourceException {
        try {
            return S3Location.parse(url);
        } catch (UrlRefusal refusal) {
            throw refusal.kind() == UrlRefusal.Kind.FORBIDDEN ? new SourceForbiddenException(url, refusal.reason())
                    : new SourceRejectedException(url, 0, "'" + url + "' is not an S3 URL that can be read: "
                    + refusal.reason());
        }
    }

    /** The parsed URL; a URL that {@link #check} would refuse is refused here too, at fetch time. */
    private static UrlTarget target(String url) throws SourceException {
        try {
            return UrlTarget.parse(url);
        } catch (UrlRefusal refusal) {
            String shown = UrlTarget.redact(url);
            if (refusal.kind() == UrlRefusal.Kind.FORBIDDEN) {
                throw new SourceForbiddenException(shown, refusal.reason());
            }
            throw new SourceRejectedException(shown, 0, "'" + shown + "' is not a URL that can be fetched: "
                    + refusal.reason());
        }
    }

    private static SluiceException.Invalid invalid(String code, String url, String message, String reason) {
        return new SluiceException.Invalid(code, message, Map.of("url", UrlTarget.redact(url), "reason", reason));
    }
}
