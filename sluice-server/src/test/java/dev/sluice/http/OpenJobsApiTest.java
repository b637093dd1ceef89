package dev.sluice.http;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.client.FileStatus;
import dev.sluice.client.ImportJob;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Set;
import java.util.zip.GZIPOutputStream;

import static dev.sluice.http.ApiAssertions.assertCounts;
import static dev.sluice.http.ApiAssertions.assertError;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Open jobs: created with {@code open: true}, given files one request at a time (raw bodies or
 * URLs), then started. Files run in the order they were added, each with its own state and counts.
 */
class OpenJobsApiTest {
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

    private static ImportJob open(String collection, String more) {
        RunningServer.Answer a = server.postJson("/v1/imports", "{\"collection\": \"" + collection + "\", \"open\": true"
                + more + "}");
        assertThat(a.status()).as("%s", a).isEqualTo(202);
        return a.as(ImportJob.class);
    }

    private static RunningServer.Answer add(String id, String query, String contentType, byte[] body) {
        return server.post("/v1/imports/" + id + "/files" + query, contentType, body);
    }

    private static ImportJob added(RunningServer.Answer a) {
        assertThat(a.status()).as("%s", a).isEqualTo(200);
        return a.as(ImportJob.class);
    }

    private static RunningServer.Answer start(String id, String query) {
        return server.post("/v1/imports/" + id + "/start" + query, null, new byte[0]);
    }

    private static byte[] gzip(String text) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(bytes)) {
            gz.write(text.getBytes(StandardCharsets.UTF_8));
        }
        return bytes.toByteArray();
    }

    @Test
    void an_open_job_takes_files_of_every_kind_until_started_then_runs_them_in_the_order_added() throws IOException {
        server.createCollection("assembled", "id:integer, name:string", "id");
        files.file("/assembled.csv", "text/csv", "id,name\n5,url\n1,url dup\n".getBytes(StandardCharsets.UTF_8), true);
        ImportJob job = open("assembled", ", \"results\": \"all\"");
        assertThat(job.state()).isEqualTo("open");
        assertThat(job.currentOperation()).isEqualTo("waiting for files");
        assertThat(job.files()).isEmpty();

        added(add(job.id(), "?name=first.csv", "text/csv", "id,name\n1,a\n2,b\n".getBytes(StandardCharsets.UTF_8)));
        added(add(job.id(), "?name=second.jsonl", "application/x-ndjson",
                "{\"id\": 3, \"name\": \"c\"}\n{\"id\": \"bad\"}\n".getBytes(StandardCharsets.UTF_8)));
        added(add(job.id(), "?name=third.json", "application/json", "[{\"id\": 4}]".getBytes(StandardCharsets.UTF_8)));
        added(add(job.id(), "", "application/json",
                ("{\"url\": \"" + files.url("/assembled.csv") + "\"}").getBytes(StandardCharsets.UTF_8)));
        ImportJob before = added(add(job.id(), "?name=fifth.csv.gz", "application/octet-stream", gzip("id,name\n6,f\n")));

        assertThat(before.state()).isEqualTo("open");
        assertThat(before.files()).extracting(f -> f.name() + " " + f.format() + " " + f.state()).containsExactly(
                "first.csv csv queued", "second.jsonl jsonl queued", "third.json json queued",
                "assembled.csv csv queued", "fifth.csv.gz csv queued");
        assertThat(before.files().get(3).sourceUrl()).isEqualTo(files.url("/assembled.csv"));
        RunningServer.Answer started = start(job.id(), "?wait=true");
        assertThat(started.status()).as("%s", started).isEqualTo(200);
        ImportJob done = started.as(ImportJob.class);
        assertThat(done.state()).isEqualTo("completed_with_errors");
        assertThat(done.files()).extracting(FileStatus::state).containsExactly("completed", "completed_with_errors",
                "completed", "completed", "completed");
        assertCounts(done.files().get(1).counts(), 1, 0, 0, 0, 1);
        assertCounts(done.files().get(3).counts(), 1, 0, 0, 1, 0);
        assertCounts(done.counts(), 6, 0, 0, 1, 1);
        assertThat(done.results()).extracting(r -> r.file() + ":" + r.line() + " " + r.outcome()).containsExactly(
                "first.csv:2 created", "first.csv:3 created", "second.jsonl:1 created", "second.jsonl:2 failed",
                "third.json:1 created", "assembled.csv:2 created", "assembled.csv:3 skipped", "fifth.csv.gz:2 created");
        assertThat(server.record("assembled", "1").get("name").asText()).isEqualTo("a");
    }

    @Test
    void files_added_later_read_with_the_format_and_dialect_the_job_was_created_with_unless_the_query_says_otherwise() {
        server.createCollection("defaults", "id:integer, name:string", "id");
        ImportJob job = open("defaults", ", \"format\": \"csv\", \"delimiter\": \";\", \"null_values\": [\"-\"]");

        added(add(job.id(), "", "application/octet-stream", "id;name\n1;-\n".getBytes(StandardCharsets.UTF_8)));
        added(add(job.id(), "?delimiter=%7C&name=piped.txt", null, "id|name\n2|b\n".getBytes(StandardCharsets.UTF_8)));
        ImportJob done = server.awaitEnd(start(job.id(), "").as(ImportJob.class).id());

        assertThat(done.files()).extracting(f -> f.name() + " " + f.format()).containsExactly("upload.csv csv",
                "piped.txt csv");
        assertCounts(done.counts(), 2, 0, 0, 0, 0);
        assertThat(server.record("defaults", "1").get("name").isNull()).isTrue();
        assertThat(server.record("defaults", "2").get("name").asText()).isEqualTo("b");
    }

    @Test
    void a_url_added_later_whose_name_and_type_say_nothing_reads_with_the_format_of_the_job() {
        server.createCollection("url_default", "id:integer", "id");
        files.file("/plain-export", "text/plain", "id\n7\n".getBytes(StandardCharsets.UTF_8), true);
        ImportJob job = open("url_default", ", \"format\": \"csv\"");

        ImportJob before = added(add(job.id(), "", "application/json",
                ("{\"url\": \"" + files.url("/plain-export") + "\"}").getBytes(StandardCharsets.UTF_8)));
        ImportJob done = server.awaitEnd(start(job.id(), "").as(ImportJob.class).id());

        assertThat(before.files()).extracting(f -> f.name() + " " + f.format()).containsExactly("plain-export csv");
        assertCounts(done.counts(), 1, 0, 0, 0, 0);
    }

    @Test
    void starting_answers_202_and_the_job_runs_like_any_other() {
        server.createCollection("started", "id:integer", "id");
        ImportJob job = open("started", "");
        added(add(job.id(), "?name=a.csv", "text/csv", "id\n1\n".getBytes(StandardCharsets.UTF_8)));

        RunningServer.Answer a = start(job.id(), "");

        assertThat(a.status()).as("%s", a).isEqualTo(202);
        assertThat(a.header("Location")).isEqualTo("/v1/imports/" + job.id());
        assertThat(a.as(ImportJob.class).state()).isIn("queued", "running", "completed");
        assertThat(server.awaitEnd(job.id()).state()).isEqualTo("completed");
    }

    @Test
    void files_sent_with_the_creating_request_come_before_files_added_later() {
        server.createCollection("first_files", "id:integer, name:string", "id");
        Multipart form = new Multipart().request("{\"collection\": \"first_files\", \"open\": true}")
                .file("sent.csv", "text/csv", "id,name\n1,sent\n");
        RunningServer.Answer a = server.post("/v1/imports", form.contentType(), form.bytes());
        assertThat(a.status()).as("%s", a).isEqualTo(202);
        ImportJob job = a.as(ImportJob.class);
        assertThat(job.state()).isEqualTo("open");

        added(add(job.id(), "?name=later.csv", "text/csv", "id,name\n1,later\n".getBytes(StandardCharsets.UTF_8)));
        ImportJob done = server.awaitEnd(start(job.id(), "").as(ImportJob.class).id());

        assertThat(done.files()).extracting(FileStatus::name).containsExactly("sent.csv", "later.csv");
        assertCounts(done.counts(), 1, 0, 0, 1, 0);
        assertThat(server.record("first_files", "1").get("name").asText()).isEqualTo("sent");
    }

    @Test
    void starting_a_job_without_files_is_400_and_it_stays_open() {
        server.createCollection("empty_open", "id:integer", "id");
        ImportJob job = open("empty_open", "");

        JsonNode error = assertError(start(job.id(), ""), 400, "invalid_request");

        assertThat(error.get("details").get("field").asText()).isEqualTo("files");
        assertThat(server.job(job.id()).state()).isEqualTo("open");
    }

    @Test
    void a_job_that_is_not_open_takes_no_files_and_cannot_be_started_again() {
        server.createCollection("closed", "id:integer", "id");
        ImportJob job = open("closed", "");
        added(add(job.id(), "?name=a.csv", "text/csv", "id\n1\n".getBytes(StandardCharsets.UTF_8)));
        start(job.id(), "?wait=true");

        JsonNode error = assertError(add(job.id(), "?name=b.csv", "text/csv", "id\n2\n".getBytes(StandardCharsets.UTF_8)),
                409, "import_not_open");
        assertThat(error.get("details").get("state").asText()).isEqualTo("completed");
        assertError(start(job.id(), ""), 409, "import_not_open");
        ImportJob queued = server.postJson("/v1/imports", "{\"collection\": \"closed\", \"records\": [{\"id\": 9}]}")
                .as(ImportJob.class);
        assertError(add(queued.id(), "?name=c.csv", "text/csv", "id\n3\n".getBytes(StandardCharsets.UTF_8)), 409,
                "import_not_open");
        assertThat(server.job(job.id()).files()).hasSize(1);
    }

    @Test
    void adding_to_or_starting_an_unknown_job_is_404() {
        assertError(add("01a20000-0000-7000-8000-000000000000", "?name=a.csv", "text/csv", new byte[]{'1'}), 404,
                "import_not_found");
        assertError(start("01a20000-0000-7000-8000-000000000000", ""), 404, "import_not_found");
    }

    @Test
    void an_added_file_is_checked_like_a_created_one() {
        server.createCollection("checked", "id:integer", "id");
        ImportJob job = open("checked", "");

        assertError(add(job.id(), "?name=notes.txt", "text/plain", "hi".getBytes(StandardCharsets.UTF_8)), 415,
                "unsupported_media_type");
        assertError(add(job.id(), "?nme=a.csv", "text/csv", "id\n1\n".getBytes(StandardCharsets.UTF_8)), 400,
                "invalid_option");
        assertError(add(job.id(), "?name=a.csv&delimiter=ab", "text/csv", "id\n1\n".getBytes(StandardCharsets.UTF_8)),
                400, "invalid_option");
        assertError(add(job.id(), "", "application/json",
                ("{\"url\": \"http://localhost:" + files.port() + "/x.csv\"}").getBytes(StandardCharsets.UTF_8)),
                400, "source_forbidden");
        JsonNode error = assertError(add(job.id(), "", "application/json",
                "{\"link\": \"http://example.org/x.csv\"}".getBytes(StandardCharsets.UTF_8)), 400, "invalid_request");
        assertThat(error.get("details").get("field").asText()).isEqualTo("link");
        assertThat(server.job(job.id()).files()).isEmpty();
    }

    @Test
    void an_open_job_can_be_cancelled_and_holds_its_collection_until_then() {
        server.createCollection("held", "id:integer", "id");
        ImportJob job = open("held", "");

        assertError(server.delete("/v1/collections/held"), 409, "collection_busy");
        RunningServer.Answer cancelled = server.post("/v1/imports/" + job.id() + "/cancel", null, new byte[0]);

        assertThat(cancelled.status()).isEqualTo(200);
        assertThat(cancelled.as(ImportJob.class).state()).isEqualTo("cancelled");
        assertThat(server.delete("/v1/collections/held").status()).isEqualTo(204);
    }
}
