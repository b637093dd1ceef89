package dev.sluice.http;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import static dev.sluice.http.ApiAssertions.assertError;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The limits and browser settings of docs/operations.md#access on a server started with small ones:
 * each refusal is {@code 413 payload_too_large} naming the limit and its flag, and listed origins and
 * hosts are answered.
 */
class AccessLimitsApiTest {
    private static final String APP = "http://app.example";

    @RegisterExtension
    static final RunningServer server = RunningServer.sqliteOrPostgres(ServerOptions.chunkRows(100).with(b -> b
            .maxUploadBytes(4096).maxRequestBytes("1KB").maxFields(3).corsOrigins(APP).allowedHosts("sluice.internal")));

    @BeforeAll
    static void start() {
        server.createCollection("small", "id:integer, name:string", "id");
    }

    private static String csv(int bytes) {
        StringBuilder s = new StringBuilder("id,name\n");
        for (int i = 1; s.length() < bytes; i++) {
            s.append(i).append(",name").append(i).append('\n');
        }
        return s.toString();
    }

    @Test
    void an_upload_within_the_limit_is_taken() {
        assertThat(server.importCsv("small", "", csv(3000)).counts().failed()).isZero();
    }

    @Test
    void an_upload_over_the_limit_is_refused_by_its_content_length_naming_the_flag() {
        RunningServer.Answer a = server.post("/v1/collections/small/import?wait=true", "text/csv", csv(6000));

        var error = assertError(a, 413, "payload_too_large");
        assertThat(error.get("message").asText()).contains("4096 bytes").contains("--max-upload-bytes")
                .contains("SLUICE_MAX_UPLOAD_BYTES");
        assertThat(error.get("details").get("limit_bytes").asLong()).isEqualTo(4096);
    }

    @Test
    void an_upload_streamed_without_a_length_is_refused_once_past_the_limit_and_its_partial_file_removed()
            throws IOException {
        long before = stagedFiles();
        byte[] body = csv(10000).getBytes(java.nio.charset.StandardCharsets.UTF_8);
        RunningServer.Answer a = server.send(HttpRequest.newBuilder(uri("/v1/collections/small/import?wait=true"))
                .header("Content-Type", "text/csv")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body))));

        assertThat(assertError(a, 413, "payload_too_large").get("message").asText()).contains("--max-upload-bytes");
        assertThat(stagedFiles()).isEqualTo(before);
    }

    @Test
    void a_json_request_over_the_limit_is_413_naming_max_request_bytes() {
        String json = "{\"collection\": \"small\", \"records\": [" + "{\"id\": 1, \"name\": \"x\"},".repeat(60)
                + "{\"id\": 2}]}";

        var error = assertError(server.postJson("/v1/imports", json), 413, "payload_too_large");
        assertThat(error.get("message").asText()).contains("--max-request-bytes").contains("1024 bytes");
    }

    @Test
    void a_collection_with_more_fields_than_the_limit_is_413_naming_max_fields() {
        RunningServer.Answer a = server.postJson("/v1/collections", "{\"name\": \"wide\", \"fields\": ["
                + "{\"name\": \"a\", \"type\": \"string\"}, {\"name\": \"b\", \"type\": \"string\"},"
                + " {\"name\": \"c\", \"type\": \"string\"}, {\"name\": \"d\", \"type\": \"string\"}], \"key\": [\"a\"]}");

        var error = assertError(a, 413, "payload_too_large");
        assertThat(error.get("message").asText()).contains("4 fields").contains("limit of 3").contains("--max-fields");
        assertThat(server.get("/v1/collections/wide").status()).isEqualTo(404);
    }

    @Test
    void a_listed_origin_is_answered_with_cors_headers_and_its_preflight_too() {
        RunningServer.Answer read = server.send(HttpRequest.newBuilder(uri("/v1/collections")).header("Origin", APP).GET());
        String preflight = RawHttp.send(server.port(), "OPTIONS", "/v1/collections/small/import", "localhost",
                "Origin: " + APP, "Access-Control-Request-Method: POST",
                "Access-Control-Request-Headers: authorization, content-type");

        assertThat(read.status()).isEqualTo(200);
        assertThat(read.header("Access-Control-Allow-Origin")).isEqualTo(APP);
        assertThat(RawHttp.status(preflight)).isEqualTo(204);
        assertThat(preflight).containsIgnoringCase("Access-Control-Allow-Origin: " + APP)
                .containsIgnoringCase("Access-Control-Allow-Headers: Authorization, Content-Type");
    }

    @Test
    void a_host_listed_in_allowed_hosts_is_answered_and_another_is_not() {
        assertThat(RawHttp.status(RawHttp.send(server.port(), "GET", "/v1/collections", "sluice.internal:8080")))
                .isEqualTo(200);
        assertThat(RawHttp.status(RawHttp.send(server.port(), "GET", "/v1/collections", "other.internal")))
                .isEqualTo(421);
    }

    private static long stagedFiles() throws IOException {
        Path staging = server.dataDir().resolve("staging");
        if (!Files.exists(staging)) {
            return 0;
        }
        try (Stream<Path> files = Files.walk(staging)) {
            return files.filter(Files::isRegularFile).count();
        }
    }

    private static URI uri(String path) {
        return URI.create("http://127.0.0.1:" + server.port() + path);
    }
}
