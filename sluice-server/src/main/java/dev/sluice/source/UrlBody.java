package dev.sluice.source;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A URL's body as one stream that survives dropped connections: when the connection fails
 * mid-body, it asks again for the rest ({@code Range: bytes=N-}, with {@code If-Range}) and carries on,
 * but only from a correct {@code 206} of the same resource (same start, same total size, same ETag and
 * Last-Modified); anything else ends the read with {@link SourceUnavailableException}. Counts bytes and
 * keeps a failure as every {@link ResumingBody} does. Never holds more than one read buffer. Not thread-safe, except that {@link #close()}
 * may come from another thread to stop a blocked read.
 */
final class UrlBody extends ResumingBody {
    private static final Pattern CONTENT_RANGE = Pattern.compile("(?i)bytes\\s+(\\d{1,18})-(\\d{1,18})/(\\d{1,18}|\\*)");

    private final UrlClient client;
    private final UrlTarget target;
    private final String etag;
    private final String lastModified;
    private final boolean rangesRefused;
    private volatile UrlResponse response;
    private InputStream body;

    private UrlBody(UrlClient client, UrlTarget target, UrlPolicy policy, UrlResponse first, Long total) {
        super(target.url(), policy, total);
        this.client = client;
        this.target = target;
        this.response = first;
        this.body = first.body();
        this.etag = first.header("etag");
        this.lastModified = first.header("last-modified");
        String ranges = first.header("accept-ranges");
        this.rangesRefused = ranges != null && !ranges.equalsIgnoreCase("bytes");
    }

    /** Sends the GET and checks its answer; the body is read through the returned stream. */
    static UrlBody open(UrlClient client, UrlTarget target, UrlPolicy policy) throws IOException {
        UrlResponse first = client.exchange("GET", target, Map.of());
        try {
            UrlSources.requireSuccess(first, "GET", target);
            if (first.status() == 206) {
                throw new SourceRejectedException(target.url(), 206, "GET " + target.url()
                        + " answered 206 Partial Content to a request for the whole resource");
            }
            Long length = first.head().contentLength();
            if (length != null && length > policy.maxBytes()) {
                throw new SourceTooLargeException(target.url(), policy.maxBytes());
            }
            return new UrlBody(client, target, policy, first, length);
        } catch (IOException | RuntimeException e) {
            first.close();
            if (e instanceof HttpHead.MalformedResponseException) {
                throw new SourceRejectedException(target.url(), 0, "GET " + target.url() + ": " + e.getMessage(), e);
            }
            throw e;
        }
    }

    @Override
    int readCurrent(byte[] b, int off, int len) throws IOException {
        return body.read(b, off, len);
    }

    /** Replaces the dropped response with one that carries on at byte {@code delivered}, or says why it cannot. */
    @Override
    void resume(IOException cause) throws IOException {
        response.close();
        String dropped = dropped(UrlClient.message(cause));
        if (rangesRefused) {
            throw unavailable(dropped + " and the server does not accept ranges to resume it", cause);
        }
        if (etag == null && lastModified == null) {
            throw unavailable(dropped + " and the server sent neither ETag nor Last-Modified, so a resumed"
                    + " download could mix two versions of the file", cause);
        }
        UrlResponse next = reconnect(dropped, cause);
        try {
            acceptResumed(next, dropped, cause);
            if (closed) {
                throw closedStream();
            }
        } catch (IOException | RuntimeException e) {
            next.close();
            throw e;
        }
        response = next;
        body = next.body();
        if (closed) {
            next.close();
        }
    }

    /** Asks for the rest; a reconnect that fails to connect is tried again, after a pause, while resumes last. */
    private UrlResponse reconnect(String dropped, IOException cause) throws IOException {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Range", "bytes=" + delivered + "-");
        if (ifRange() != null) {
            headers.put("If-Range", ifRange());
        }
        IOException last = cause;
        for (int attempt = 0; ; attempt++) {
            if (resumes == policy.maxResumes()) {
                throw unavailable(dropped + "; gave up after " + resumes + " resumes"
                        + (last == cause ? "" : ", the last: " + UrlClient.message(last)), last);
            }
            resumes++;
            pause(attempt);
            try {
                return client.exchange("GET", target, headers);
            } catch (SourceUnavailableException e) {
                last = e;
            }
        }
    }

    private void acceptResumed(UrlResponse next, String dropped, IOException cause) throws IOException {
        if (next.status() == 200) {
            throw unavailable(dropped + "; asked for the rest, the server sent the whole file again (it ignores"
                    + " ranges, or the file changed)", cause);
        }
        if (next.status() == 416) {
            throw unavailable(dropped + "; the server refused the range (the file changed)", cause);
        }
        UrlSources.requireSuccess(next, "GET", target);
        if (next.status() != 206) {
            throw unavailable(dropped + "; asked for the rest, the server " + next.answered(), cause);
        }
        Matcher range = CONTENT_RANGE.matcher(Objects.requireNonNullElse(next.header("content-range"), "").strip());
        if (!range.matches()) {
            throw unavailable(dropped + "; the server answered 206 without a valid Content-Range ('"
                    + next.header("content-range") + "')", cause);
        }
        long start = Long.parseLong(range.group(1));
        Long size = range.group(3).equals("*") ? null : Long.valueOf(range.group(3));
        if (start != delivered) {
            throw unavailable(dropped + "; asked for the rest from byte " + delivered + ", the server sent bytes from "
                    + start, cause);
        }
        if (total != null && size != null && !size.equals(total)) {
            throw unavailable(dropped + "; the file changed size from " + total + " to " + size + " bytes", cause);
        }
        String changed = changes(next);
        if (!changed.isEmpty()) {
            throw unavailable(dropped + "; the file changed (" + changed + ")", cause);
        }
        if (total == null) {
            total = size;
        }
        if (total != null && total > policy.maxBytes()) {
            throw new SourceTooLargeException(target.url(), policy.maxBytes());
        }
    }

    /** What the resumed response says differently about the file: its ETag and Last-Modified must stay the same. */
    private String changes(UrlResponse next) {
        List<String> changes = new ArrayList<>();
        if (!Objects.equals(etag, next.header("etag"))) {
            changes.add("ETag " + orNone(etag) + " became " + orNone(next.header("etag")));
        }
        if (!Objects.equals(lastModified, next.header("last-modified"))) {
            changes.add("Last-Modified " + orNone(lastModified) + " became " + orNone(next.header("last-modified")));
        }
        return String.join(", ", changes);
    }

    private static String orNone(String value) {
        return value == null ? "none" : value;
    }

    /**
     * A strong ETag, else Last-Modified, else null (a weak ETag cannot be used in If-Range): with it, a
     * server whose file changed sends it whole (200) instead of a range of the new version.
     */
    private String ifRange() {
        return etag != null && !etag.startsWith("W/") ? etag : lastModified;
    }

    private SourceUnavailableException unavailable(String message, IOException cause) {
        return new SourceUnavailableException(target.url(), message, cause);
    }

    @Override
    void release() {
        response.close();
    }
}
