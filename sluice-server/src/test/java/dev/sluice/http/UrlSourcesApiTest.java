package dev.sluice.http;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.client.FileStatus;
import dev.sluice.client.ImportJob;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.CountDownLatch;

import static dev.sluice.http.ApiAssertions.assertCounts;
import static dev.sluice.http.ApiAssertions.assertError;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * URL sources: files fetched from a small HTTP server this test runs on 127.0.0.1, which the
 * service lets through with {@code --allow-url-hosts 127.0.0.1}. Every other internal address is
 * refused when the job is created; a server that cannot answer fails the file with
 * {@code source_unavailable} (retryable); one that refuses it, with {@code unreadable_source}. A
 * source of unknown size reports no percent while its rows, bytes and rate still move.
 */
class UrlSourcesApiTest {
    @RegisterExtension
    static final RunningServer server = RunningServer.sqliteOrPostgres(
            ServerOptions.chunkRows(10).commitInterval(Duration.ofMillis(50)).allowUrlHosts(Set.of("127.0.0.1")));
    static UrlServer files;

    @BeforeAll
    static void start() {
        files = UrlServer.start();
    }

    @AfterAll
    static void stop() {
        server.close();
        files.close();
    }

    private static byte[] people(int rows) {
        StringBuilder csv = new StringBuilder("id,name\n");
        for (int i = 1; i <= rows; i++) {
            csv.append(i).append(",person ").append(i).append('\n');
        }
        return csv.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static RunningServer.Answer fromUrl(String collection, String sources) {
        return server.postJson("/v1/imports", "{\"collection\": \"" + collection + "\", \"sources\": " + sources + "}");
    }

    private static ImportJob ended(RunningServer.Answer a) {
        assertThat(a.status()).as("%s", a).isEqualTo(202);
        return server.awaitEnd(a.as(ImportJob.class).id());
    }

    @Test
    void a_url_is_fetched_when_its_turn_comes_with_its_size_name_and_url_reported() {
        server.createCollection("fetched", "id:integer, name:string", "id");
        byte[] csv = people(250);
        files.file("/data/people.csv", "text/csv", csv, true);

        RunningServer.Answer a = fromUrl("fetched", "[{\"url\": \"" + files.url("/data/people.csv") + "\"}]");

        assertThat(a.status()).as("%s", a).isEqualTo(202);
        FileStatus queued = a.as(ImportJob.class).files().get(0);
        assertThat(queued.name()).isEqualTo("people.csv");
        assertThat(queued.sourceUrl()).isEqualTo(files.url("/data/people.csv"));
        assertThat(queued.sizeBytes()).isEqualTo(csv.length);
        ImportJob job = server.awaitEnd(a.as(ImportJob.class).id());
        assertThat(job.state()).isEqualTo("completed");
        assertCounts(job.counts(), 250, 0, 0, 0, 0);
        assertThat(job.progress().percent()).isEqualTo(100.0);
        assertThat(job.progress().bytesTotal()).isEqualTo(csv.length);
        assertThat(job.progress().bytesProcessed()).isEqualTo(csv.length);
        assertThat(server.records("fetched")).hasSize(250);
        assertThat(files.gets("/data/people.csv")).isEqualTo(1);
    }

    @Test
    void the_name_and_format_of_a_url_come_from_the_request_else_the_path_else_the_content_type() {
        server.createCollection("named", "id:integer, name:string", "id");
        files.file("/export", "application/x-ndjson; charset=utf-8", "{\"id\": 1}\n".getBytes(StandardCharsets.UTF_8),
                true);
        files.file("/dump.txt", "text/plain", "id,name\n2,b\n".getBytes(StandardCharsets.UTF_8), true);
        files.file("/rows", "text/plain", "[{\"id\": 3}]".getBytes(StandardCharsets.UTF_8), true);

        ImportJob job = ended(fromUrl("named", "[{\"url\": \"" + files.url("/export") + "\"},"
                + " {\"url\": \"" + files.url("/dump.txt") + "\", \"name\": \"dump.csv\"},"
                + " {\"url\": \"" + files.url("/rows") + "\", \"format\": \"json\"}]"));

        assertThat(job.files()).extracting(f -> f.name() + " " + f.format())
                .containsExactly("export jsonl", "dump.csv csv", "rows json");
        assertCounts(job.counts(), 3, 0, 0, 0, 0);
    }

    /** The name comes percent-decoded from the path; a NUL in it must not stop the job being stored. */
    @Test
    void a_url_whose_path_holds_an_escaped_nul_is_imported_under_a_storable_name() {
        server.createCollection("nul_url", "id:integer, name:string", "id");
        files.file("/nul\u0000.csv", "text/csv", people(3), true);

        ImportJob job = ended(fromUrl("nul_url", "[{\"url\": \"" + files.url("/nul%00.csv") + "\"}]"));

        assertCounts(job.counts(), 3, 0, 0, 0, 0);
        assertThat(job.files().get(0).name()).isEqualTo(server.onPostgres() ? "nul\\u0000.csv" : "nul\u0000.csv");
    }

    @Test
    void a_url_whose_host_is_internal_and_not_allowed_is_refused_with_source_forbidden_and_creates_nothing() {
        server.createCollection("forbidden", "id:integer", "id");
        files.file("/secret.csv", "text/csv", "id\n1\n".getBytes(StandardCharsets.UTF_8), true);
        String[] forbidden = {
                "http://localhost:" + files.port() + "/secret.csv",
                "http://10.1.2.3/data.csv",
                "http://169.254.169.254/latest/meta-data",
                "http://[::1]/data.csv",
                "file:///etc/passwd",
        };
        for (String url : forbidden) {
            JsonNode error = assertError(fromUrl("forbidden", "[{\"url\": \"" + url + "\", \"name\": \"x.csv\"}]"), 400,
                    "source_forbidden");
            assertThat(error.get("message").asText()).as(url).contains("not allowed");
        }
        assertError(fromUrl("forbidden", "[{\"url\": \"not a url\", \"name\": \"x.csv\"}]"), 400, "invalid_source");
        assertThat(server.get("/v1/imports?collection=forbidden").json().get("imports").size()).isZero();
        assertThat(files.gets("/secret.csv")).isZero();
    }

    @Test
    void a_url_the_server_refuses_when_asked_is_refused_with_invalid_source() {
        server.createCollection("missing", "id:integer", "id");
        files.status("/missing.csv", 404);

        JsonNode error = assertError(fromUrl("missing", "[{\"url\": \"" + files.url("/missing.csv") + "\"}]"), 400,
                "invalid_source");

        assertThat(error.get("details").get("url").asText()).isEqualTo(files.url("/missing.csv"));
    }

    @Test
    void a_server_that_cannot_answer_fails_the_file_with_source_unavailable_which_is_retryable() {
        server.createCollection("unavailable", "id:integer", "id");
        files.status("/busy.csv", 503);

        ImportJob job = ended(fromUrl("unavailable", "[{\"url\": \"" + files.url("/busy.csv") + "\"}]"));

        assertThat(job.state()).isEqualTo("failed");
        assertThat(job.error().code()).isEqualTo("source_unavailable");
        assertThat(job.error().message()).startsWith("busy.csv: ");
        assertThat(job.retryable()).isTrue();
        assertThat(job.files().get(0).state()).isEqualTo("failed");
        assertThat(job.files().get(0).error().code()).isEqualTo("source_unavailable");
        assertThat(job.files().get(0).sizeBytes()).as("unknown: the server never said").isNull();
    }

    @Test
    void a_file_the_server_refuses_at_fetch_time_fails_with_unreadable_source_not_retryable() {
        server.createCollection("gone", "id:integer", "id");
        files.goneOnGet("/gone.csv", "text/csv", 410);

        ImportJob job = ended(fromUrl("gone", "[{\"url\": \"" + files.url("/gone.csv") + "\"}]"));

        assertThat(job.state()).isEqualTo("failed");
        assertThat(job.error().code()).isEqualTo("unreadable_source");
        assertThat(job.error().message()).contains("410");
        assertThat(job.retryable()).isFalse();
    }

    @Test
    void a_dropped_connection_is_resumed_with_a_range_request_and_every_row_counts_once() {
        server.createCollection("resumed", "id:integer, name:string", "id");
        byte[] csv = people(2_000);
        files.dropping("/resumable.csv", "text/csv", csv, csv.length / 3, 1, true);

        ImportJob job = ended(fromUrl("resumed", "[{\"url\": \"" + files.url("/resumable.csv") + "\"}]"));

        assertThat(job.state()).as("%s", job.error()).isEqualTo("completed");
        assertCounts(job.counts(), 2_000, 0, 0, 0, 0);
        assertThat(job.progress().bytesProcessed()).isEqualTo(csv.length);
        assertThat(server.records("resumed")).hasSize(2_000);
    }

    @Test
    void a_dropped_connection_that_cannot_be_resumed_fails_the_file_with_source_unavailable_after_its_committed_rows() {
        server.createCollection("dropped", "id:integer, name:string", "id");
        byte[] csv = people(2_000);
        files.dropping("/dropping.csv", "text/csv", csv, csv.length / 2, 100, false);

        ImportJob job = ended(fromUrl("dropped", "[{\"url\": \"" + files.url("/dropping.csv") + "\"}]"));

        assertThat(job.state()).isEqualTo("failed");
        assertThat(job.error().code()).isEqualTo("source_unavailable");
        assertThat(job.error().message()).startsWith("dropping.csv line ");
        assertThat(job.retryable()).isTrue();
        assertThat(job.counts().processed()).isBetween(1L, 1_999L);
        assertThat(server.records("dropped")).hasSize((int) job.counts().created());
    }

    @Test
    void a_source_of_unknown_size_has_no_percent_while_rows_bytes_rate_and_operation_move() {
        server.createCollection("unsized", "id:integer, name:string", "id");
        byte[] csv = people(3_000);
        CountDownLatch rest = new CountDownLatch(1);
        files.gated("/unsized.csv", "text/csv", csv, csv.length / 2, rest, false);
        RunningServer.Answer a = fromUrl("unsized", "[{\"url\": \"" + files.url("/unsized.csv") + "\"}]");
        String id = a.as(ImportJob.class).id();
        try {
            ImportJob running = await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(20))
                    .until(() -> server.job(id), j -> j.counts().processed() > 0 && j.progress().rowsPerSecond() != null);

            assertThat(running.state()).isEqualTo("running");
            assertThat(running.progress().percent()).isNull();
            assertThat(running.progress().bytesTotal()).isNull();
            assertThat(running.progress().bytesProcessed()).isPositive();
            assertThat(running.progress().rowsProcessed()).isPositive();
            assertThat(running.progress().rowsTotalEstimate()).isNull();
            assertThat(running.estimatedCompletion()).isNull();
            assertThat(running.currentOperation()).isEqualTo("writing unsized.csv (file 1 of 1)");
            assertThat(running.files().get(0).progress().percent()).isNull();
            assertThat(running.files().get(0).sizeBytes()).isNull();
        } finally {
            rest.countDown();
        }
        ImportJob job = server.awaitEnd(id);
        assertCounts(job.counts(), 3_000, 0, 0, 0, 0);
        assertThat(job.progress().percent()).isEqualTo(100.0);
        assertThat(job.progress().bytesProcessed()).isEqualTo(csv.length);
    }

    @Test
    void a_source_of_known_size_has_a_percent_and_an_estimated_completion_from_measured_throughput() {
        server.createCollection("sized", "id:integer, name:string", "id");
        byte[] csv = people(3_000);
        CountDownLatch rest = new CountDownLatch(1);
        files.gated("/sized.csv", "text/csv", csv, csv.length / 2, rest, true);
        String id = fromUrl("sized", "[{\"url\": \"" + files.url("/sized.csv") + "\"}]").as(ImportJob.class).id();
        try {
            ImportJob running = await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(20))
                    .until(() -> server.job(id), j -> j.estimatedCompletion() != null);

            assertThat(running.state()).isEqualTo("running");
            assertThat(running.progress().percent()).isBetween(1.0, 99.9);
            assertThat(running.progress().bytesTotal()).isEqualTo(csv.length);
            assertThat(running.progress().rowsTotalEstimate()).isGreaterThan(running.progress().rowsProcessed());
            assertThat(running.estimatedCompletion()).isAfter(running.updatedAt().minusSeconds(1));
        } finally {
            rest.countDown();
        }
        assertCounts(server.awaitEnd(id).counts(), 3_000, 0, 0, 0, 0);
    }

    @Test
    void urls_files_and_records_of_one_request_are_read_in_that_order() {
        server.createCollection("mixed", "id:integer, name:string", "id");
        files.file("/mixed.csv", "text/csv", "id,name\n1,url\n2,url\n".getBytes(StandardCharsets.UTF_8), true);
        Multipart form = new Multipart()
                .request("{\"collection\": \"mixed\", \"sources\": [{\"url\": \"" + files.url("/mixed.csv") + "\"}],"
                        + " \"records\": [{\"id\": 2, \"name\": \"record\"}, {\"id\": 3, \"name\": \"record\"}]}")
                .file("upload.csv", "text/csv", "id,name\n1,upload\n");

        ImportJob job = ended(server.post("/v1/imports", form.contentType(), form.bytes()));

        assertThat(job.files()).extracting(FileStatus::name).containsExactly("upload.csv", "mixed.csv", "records.jsonl");
        assertCounts(job.counts(), 3, 0, 0, 2, 0);
        assertThat(server.record("mixed", "1").get("name").asText()).isEqualTo("upload");
        assertThat(server.record("mixed", "2").get("name").asText()).isEqualTo("url");
        assertThat(server.record("mixed", "3").get("name").asText()).isEqualTo("record");
    }
}
