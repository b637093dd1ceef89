package dev.sluice.source;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class UrlSourcesResumeTest {
    private static final long SIZE = 1_000_000;
    private static final String ETAG = "ETag: \"v1\"";
    private static final String LAST_MODIFIED = "Last-Modified: Tue, 03 Mar 2026 10:00:00 GMT";
    private static final UrlPolicy LOCAL = new UrlPolicy(Set.of("127.0.0.1"), 1L << 30, Duration.ofSeconds(2),
            Duration.ofSeconds(10), 5, 5);

    private final UrlSources sources = new UrlSources(LOCAL);

    /**
     * Serves the generated file of {@code size} bytes, honouring {@code Range: bytes=N-}, and ends the
     * connection (orderly) once the file's byte {@code dropAt} would be next.
     */
    private static void file(RawServer.Request request, Socket socket, long size, long dropAt, String... headers)
            throws IOException {
        long from = rangeStart(request);
        List<String> head = new ArrayList<>(List.of("Content-Length: " + (size - from)));
        if (from > 0) {
            head.add("Content-Range: bytes " + from + "-" + (size - 1) + "/" + size);
        }
        head.addAll(List.of(headers));
        RawServer.head(socket, from > 0 ? "206 Partial Content" : "200 OK", head.toArray(String[]::new));
        Generated.write(socket.getOutputStream(), from, Math.min(size, dropAt));
    }

    private static long rangeStart(RawServer.Request request) {
        String range = request.header("range");
        return range == null ? 0 : Long.parseLong(range.substring("bytes=".length(), range.length() - 1));
    }

    @Test
    void a_dropped_connection_is_resumed_with_a_range_and_the_bytes_are_exact() throws Exception {
        try (RawServer server = new RawServer((request, socket, index) ->
                file(request, socket, SIZE, index == 0 ? 300_000 : SIZE, "Accept-Ranges: bytes", ETAG, LAST_MODIFIED))) {

            Generated.Read read = Generated.readThrough(sources.open(server.url("/people.csv")));

            assertThat(read).isEqualTo(new Generated.Read(Generated.sha256(SIZE), SIZE));
            assertThat(server.requests()).hasSize(2);
            assertThat(server.requests().get(0).header("range")).isNull();
            assertThat(server.requests().get(1).headers()).containsEntry("range", "bytes=300000-")
                    .containsEntry("if-range", "\"v1\"");
        }
    }

    @Test
    void a_server_that_does_not_advertise_ranges_but_answers_206_correctly_is_resumed() throws Exception {
        try (RawServer server = new RawServer((request, socket, index) ->
                file(request, socket, SIZE, index == 0 ? 123_457 : SIZE, LAST_MODIFIED))) {

            assertThat(Generated.readThrough(sources.open(server.url("/people.csv"))).sha256())
                    .isEqualTo(Generated.sha256(SIZE));
            assertThat(server.requests().get(1).headers()).containsEntry("range", "bytes=123457-")
                    .containsEntry("if-range", "Tue, 03 Mar 2026 10:00:00 GMT");
        }
    }

    @Test
    void a_connection_that_drops_again_and_again_is_resumed_up_to_the_limit() throws Exception {
        long size = 800_000;
        try (RawServer server = new RawServer((request, socket, index) ->
                file(request, socket, size, rangeStart(request) + 150_000, ETAG))) {

            assertThat(Generated.readThrough(sources.open(server.url("/people.csv"))).sha256())
                    .isEqualTo(Generated.sha256(size));
            assertThat(server.requests()).hasSize(6);
        }
    }

    @Test
    void a_connection_that_drops_more_often_than_the_limit_fails_as_unavailable() throws Exception {
        try (RawServer server = new RawServer((request, socket, index) ->
                file(request, socket, SIZE, rangeStart(request) + 150_000, ETAG))) {
            String url = server.url("/people.csv");

            SourceUnavailableException e = catchThrowableOfType(SourceUnavailableException.class,
                    () -> Generated.readThrough(sources.open(url)));

            assertThat(e).hasMessage("the download of " + url + " broke after 900000 bytes (the connection closed after"
                    + " 150000 of 250000 bytes); gave up after 5 resumes");
            assertThat(e.retryable()).isTrue();
            assertThat(server.requests()).hasSize(6);
        }
    }

    @Test
    void a_reset_connection_without_a_declared_length_is_resumed() throws Exception {
        try (RawServer server = new RawServer((request, socket, index) -> {
            if (index == 0) {
                RawServer.head(socket, "200 OK", ETAG);
                Generated.write(socket.getOutputStream(), 0, 250_000);
                RawServer.reset(socket);
                return;
            }
            file(request, socket, SIZE, SIZE, ETAG);
        })) {
            assertThat(Generated.readThrough(sources.open(server.url("/people.csv"))))
                    .isEqualTo(new Generated.Read(Generated.sha256(SIZE), SIZE));
            assertThat(server.requests()).hasSize(2);
        }
    }

    @Test
    void a_chunked_body_cut_inside_a_chunk_is_resumed() throws Exception {
        try (RawServer server = new RawServer((request, socket, index) -> {
            if (index == 0) {
                RawServer.head(socket, "200 OK", "Transfer-Encoding: chunked", ETAG);
                OutputStream out = socket.getOutputStream();
                for (long at = 0; at < 200_000; at += 65_536) {
                    out.write((Long.toHexString(65_536) + "\r\n").getBytes(StandardCharsets.US_ASCII));
                    Generated.write(out, at, at + (at + 65_536 > 200_000 ? 1_000 : 65_536));
                    if (at + 65_536 > 200_000) {
                        return;
                    }
                    out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
                }
            }
            file(request, socket, SIZE, SIZE, ETAG);
        })) {
            assertThat(Generated.readThrough(sources.open(server.url("/people.csv"))))
                    .isEqualTo(new Generated.Read(Generated.sha256(SIZE), SIZE));
            assertThat(server.requests().get(1).header("range")).isEqualTo("bytes=197608-");
        }
    }

    @Test
    void a_stalled_connection_is_given_up_after_the_read_timeout_and_resumed() throws Exception {
        UrlSources impatient = new UrlSources(new UrlPolicy(Set.of("127.0.0.1"), 1L << 30, Duration.ofSeconds(2),
                Duration.ofMillis(300), 5, 5));
        try (RawServer server = new RawServer((request, socket, index) -> {
            file(request, socket, SIZE, index == 0 ? 100_000 : SIZE, ETAG);
            if (index == 0) {
                Thread.sleep(3_000);
            }
        })) {
            long start = System.nanoTime();

            assertThat(Generated.readThrough(impatient.open(server.url("/people.csv"))).sha256())
                    .isEqualTo(Generated.sha256(SIZE));
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(2_500));
        }
    }

    @Test
    void a_server_that_ignores_the_range_fails_as_unavailable() throws Exception {
        try (RawServer server = new RawServer((request, socket, index) -> {
            RawServer.head(socket, "200 OK", "Content-Length: " + SIZE, ETAG);
            Generated.write(socket.getOutputStream(), 0, index == 0 ? 300_000 : SIZE);
        })) {
            String url = server.url("/people.csv");

            SourceUnavailableException e = catchThrowableOfType(SourceUnavailableException.class,
                    () -> Generated.readThrough(sources.open(url)));

            assertThat(e).hasMessage("the download of " + url + " broke after 300000 bytes (the connection closed after"
                    + " 300000 of 1000000 bytes); asked for the rest, the server sent the whole file again (it ignores"
                    + " ranges, or the file changed)");
        }
    }

    @Test
    void a_file_whose_etag_changed_before_the_resume_fails_as_unavailable() throws Exception {
        try (RawServer server = new RawServer((request, socket, index) ->
                file(request, socket, SIZE, index == 0 ? 300_000 : SIZE, index == 0 ? ETAG : "ETag: \"v2\""))) {
            String url = server.url("/people.csv");

            SourceUnavailableException e = catchThrowableOfType(SourceUnavailableException.class,
                    () -> Generated.readThrough(sources.open(url)));

            assertThat(e).hasMessageEndingWith("; the file changed (ETag \"v1\" became \"v2\")");
            assertThat(e.code()).isEqualTo("source_unavailable");
        }
    }

    @Test
    void a_file_whose_size_changed_before_the_resume_fails_as_unavailable() throws Exception {
        try (RawServer server = new RawServer((request, socket, index) ->
                file(request, socket, index == 0 ? SIZE : SIZE + 10, index == 0 ? 300_000 : SIZE + 10, ETAG))) {
            SourceUnavailableException e = catchThrowableOfType(SourceUnavailableException.class,
                    () -> Generated.readThrough(sources.open(server.url("/people.csv"))));

            assertThat(e).hasMessageEndingWith("; the file changed size from 1000000 to 1000010 bytes");
        }
    }

    @Test
    void a_206_that_starts_at_the_wrong_byte_fails_as_unavailable() throws Exception {
        try (RawServer server = new RawServer((request, socket, index) -> {
            if (index == 0) {
                file(request, socket, SIZE, 300_000, ETAG);
                return;
            }
            RawServer.head(socket, "206 Partial Content", "Content-Range: bytes 0-999999/1000000",
                    "Content-Length: 1000000", ETAG);
            Generated.write(socket.getOutputStream(), 0, SIZE);
        })) {
            SourceUnavailableException e = catchThrowableOfType(SourceUnavailableException.class,
                    () -> Generated.readThrough(sources.open(server.url("/people.csv"))));

            assertThat(e).hasMessageEndingWith("; asked for the rest from byte 300000, the server sent bytes from 0");
        }
    }

    @Test
    void a_server_that_refuses_ranges_is_not_asked_and_the_drop_fails_as_unavailable() throws Exception {
        try (RawServer server = new RawServer((request, socket, index) ->
                file(request, socket, SIZE, 300_000, "Accept-Ranges: none", ETAG))) {
            String url = server.url("/people.csv");

            SourceUnavailableException e = catchThrowableOfType(SourceUnavailableException.class,
                    () -> Generated.readThrough(sources.open(url)));

            assertThat(e).hasMessage("the download of " + url + " broke after 300000 bytes (the connection closed after"
                    + " 300000 of 1000000 bytes) and the server does not accept ranges to resume it");
            assertThat(server.requests()).hasSize(1);
        }
    }

    @Test
    void a_file_without_etag_or_last_modified_is_not_resumed() throws Exception {
        try (RawServer server = new RawServer((request, socket, index) ->
                file(request, socket, SIZE, 300_000, "Accept-Ranges: bytes"))) {
            InputStream in = sources.open(server.url("/people.csv"));

            SourceUnavailableException e = catchThrowableOfType(SourceUnavailableException.class,
                    () -> in.readNBytes(Integer.MAX_VALUE));

            assertThat(e).hasMessageEndingWith(" and the server sent neither ETag nor Last-Modified, so a resumed"
                    + " download could mix two versions of the file");
            assertThat(catchThrowable(in::read)).as("a failed download stays failed").isSameAs(e);
            assertThat(server.requests()).hasSize(1);
        }
    }

    @Test
    void resuming_is_off_when_max_resumes_is_zero() throws Exception {
        UrlSources never = new UrlSources(new UrlPolicy(Set.of("127.0.0.1"), 1L << 30, Duration.ofSeconds(2),
                Duration.ofSeconds(10), 5, 0));
        try (RawServer server = new RawServer((request, socket, index) ->
                file(request, socket, SIZE, 300_000, "Accept-Ranges: bytes", ETAG))) {
            InputStream in = never.open(server.url("/people.csv"));

            assertThat(catchThrowableOfType(SourceUnavailableException.class, () -> Generated.readThrough(in)))
                    .hasMessageEndingWith("; gave up after 0 resumes");
            assertThat(server.requests()).hasSize(1);
        }
    }
}
