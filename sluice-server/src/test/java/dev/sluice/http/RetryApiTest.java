package dev.sluice.http;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.client.FileStatus;
import dev.sluice.client.ImportJob;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;

import static dev.sluice.http.ApiAssertions.assertCounts;
import static dev.sluice.http.ApiAssertions.assertError;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code POST /v1/imports/{id}/retry}: a child job of an ended one. Without a body it re-reads the
 * parent's own data and imports only the rows that failed, or after a retryable failure the rest of
 * the job as well; with a body (the fixed failed-rows CSV) it imports that file, its results named
 * by the original lines. The child is a job of its own: {@code parent_id} names the parent and its
 * {@code attempt} counts its own runs from 1.
 */
class RetryApiTest {
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

    private static RunningServer.Answer retry(String id, String query) {
        return server.post("/v1/imports/" + id + "/retry" + query, null, new byte[0]);
    }

    private static ImportJob child(RunningServer.Answer a, ImportJob parent) {
        assertThat(a.status()).as("%s", a).isIn(200, 202);
        ImportJob child = a.as(ImportJob.class);
        assertThat(child.parentId()).isEqualTo(parent.id());
        assertThat(child.attempt()).isEqualTo(1);
        assertThat(child.id()).isNotEqualTo(parent.id());
        return server.awaitEnd(child.id());
    }

    /** {@code rows} people with ids 1..rows; the ids in {@code bad} have an age that is not a number. */
    private static String people(int rows, Set<Integer> bad) {
        StringBuilder csv = new StringBuilder("id,name,age\n");
        for (int i = 1; i <= rows; i++) {
            csv.append(i).append(",person ").append(i).append(',').append(bad.contains(i) ? "old" : "30").append('\n');
        }
        return csv.toString();
    }

    /** Creates an open job of {@code collection}, adds {@code csv} as people.csv; answers its id. */
    private static String openJobWithFile(String collection, String csv) {
        RunningServer.Answer created = server.postJson("/v1/imports", "{\"collection\": \"" + collection
                + "\", \"open\": true}");
        assertThat(created.status()).as("%s", created).isEqualTo(202);
        String id = created.as(ImportJob.class).id();
        RunningServer.Answer added = server.post("/v1/imports/" + id + "/files?name=people.csv", "text/csv",
                csv.getBytes(StandardCharsets.UTF_8));
        assertThat(added.status()).as("%s", added).isEqualTo(200);
        return id;
    }

    /** The one staged file of a job, in the data directory. */
    private static Path stagedFile(String id) throws IOException {
        try (Stream<Path> files = Files.list(server.dataDir().resolve("staging").resolve(id))) {
            List<Path> all = files.toList();
            assertThat(all).as("staged files of %s", id).hasSize(1);
            return all.get(0);
        }
    }

    @Test
    void a_job_whose_staged_file_is_gone_fails_retryable_naming_the_file_and_its_retry_runs_once_the_file_is_back()
            throws Exception {
        server.createCollection("gone", "id:integer, name:string, age:integer", "id");
        String id = openJobWithFile("gone", people(30, Set.of()));
        Path staged = stagedFile(id);
        Path aside = server.dataDir().resolve("aside-" + id);
        Files.move(staged, aside);

        assertThat(server.post("/v1/imports/" + id + "/start", null, new byte[0]).status()).isEqualTo(202);

        if (server.onPostgres()) {
            // several nodes may share the database: this one cannot tell a removed file from one staged
            // on storage it does not see, so it leaves the job queued for a node that can (docs/operations.md)
            await().atMost(Duration.ofSeconds(30)).until(() -> new String(server.get("/v1/imports/" + id + "/log")
                    .body(), StandardCharsets.UTF_8), log -> log.contains("cannot see the staged file people.csv"));
            assertThat(server.job(id).state()).isEqualTo("queued");
            Files.move(aside, staged);
            return;
        }
        ImportJob failed = server.awaitEnd(id);
        assertThat(failed.state()).isEqualTo("failed");
        assertThat(failed.error().code()).isEqualTo("source_unavailable");
        assertThat(failed.retryable()).isTrue();
        assertThat(failed.error().message()).startsWith("people.csv: its staged upload is missing")
                .doesNotContain(server.dataDir().toString()).doesNotContain(id);

        JsonNode stillGone = assertError(retry(id, ""), 409, "source_unavailable");
        assertThat(stillGone.get("message").asText()).startsWith("people.csv: its staged upload is missing");

        Files.move(aside, staged);
        ImportJob child = child(retry(id, ""), failed);
        assertThat(child.state()).isEqualTo("completed");
        assertCounts(child.counts(), 30, 0, 0, 0, 0);
    }

    @Test
    void without_a_body_the_child_re_reads_only_the_failed_rows_and_may_change_the_options() {
        server.createCollection("rerun", "id:integer, name:string, age:integer", "id");
        server.importCsv("rerun", "", "id,name,age\n1,old one,1\n2,old two,2\n");
        ImportJob parent = server.importCsv("rerun", "on_conflict=fail", people(30, Set.of()));
        assertCounts(parent.counts(), 28, 0, 0, 0, 2);

        ImportJob child = child(retry(parent.id(), "?on_conflict=update&results=all&wait=true"), parent);

        assertThat(child.state()).isEqualTo("completed");
        assertThat(child.options().onConflict()).isEqualTo("update");
        assertThat(child.files()).extracting(FileStatus::name).containsExactly("upload.csv");
        assertCounts(child.counts(), 0, 2, 0, 0, 0);
        assertThat(server.results(child.id(), "")).extracting(ApiAssertions::lineAndOutcome)
                .containsExactly("2 updated", "3 updated");
        assertThat(server.record("rerun", "1").get("name").asText()).isEqualTo("person 1");
        assertThat(server.records("rerun")).hasSize(30);
        assertThat(server.get("/v1/imports/" + child.id() + "/log").text()).contains("a retry of " + parent.id());
    }

    @Test
    void rows_that_fail_again_keep_their_original_lines_and_the_rest_of_the_file_is_not_read_again() {
        server.createCollection("fail_again", "id:integer, name:string, age:integer", "id");
        ImportJob parent = server.importCsv("fail_again", "", people(40, Set.of(2, 6, 33)));

        ImportJob child = child(retry(parent.id(), ""), parent);

        assertThat(child.state()).isEqualTo("completed_with_errors");
        assertThat(child.options()).isEqualTo(parent.options());
        assertCounts(child.counts(), 0, 0, 0, 0, 3);
        assertThat(server.results(child.id(), "")).extracting(r -> r.get("line").asLong()).containsExactly(3L, 7L, 34L);
        assertThat(server.get(child.links().failedRows()).text()).isEqualTo("""
                id,name,age,_line,_error_code,_error_field,_error_message,_raw
                2,person 2,old,3,invalid_value,age,'old' is not an integer,
                6,person 6,old,7,invalid_value,age,'old' is not an integer,
                33,person 33,old,34,invalid_value,age,'old' is not an integer,
                """);
    }

    @Test
    void only_the_files_with_failed_rows_are_read_again() {
        server.createCollection("by_file", "id:integer, age:integer", "id");
        Multipart form = new Multipart().request("{\"collection\": \"by_file\"}")
                .file("clean.csv", "text/csv", "id,age\n1,30\n")
                .file("dirty.csv", "text/csv", "id,age\n2,x\n3,31\n");
        ImportJob parent = server.awaitEnd(server.post("/v1/imports", form.contentType(), form.bytes())
                .as(ImportJob.class).id());

        ImportJob child = child(retry(parent.id(), ""), parent);

        assertThat(child.files()).extracting(FileStatus::name).containsExactly("dirty.csv");
        assertThat(server.results(child.id(), "")).extracting(r -> r.get("file").asText() + ":" + r.get("line").asLong())
                .containsExactly("dirty.csv:2");
    }

    @Test
    void after_a_retryable_failure_the_child_resumes_the_rest_of_the_job_and_re_runs_the_rows_that_failed() {
        server.createCollection("resume_rest", "id:integer, name:string, age:integer", "id");
        byte[] csv = people(2_000, Set.of(2, 4)).getBytes(StandardCharsets.UTF_8);
        files.dropping("/rest.csv", "text/csv", csv, csv.length / 2, 1, false);
        ImportJob parent = server.awaitEnd(server.postJson("/v1/imports", "{\"collection\": \"resume_rest\","
                + " \"sources\": [{\"url\": \"" + files.url("/rest.csv") + "\"}]}").as(ImportJob.class).id());
        assertThat(parent.error().code()).isEqualTo("source_unavailable");
        assertThat(parent.retryable()).isTrue();
        long done = parent.counts().processed();
        assertThat(done).isBetween(5L, 1_999L);
        assertThat(parent.counts().failed()).isEqualTo(2);

        ImportJob child = child(retry(parent.id(), ""), parent);

        assertThat(child.state()).isEqualTo("completed_with_errors");
        assertThat(child.files().get(0).sourceUrl()).isEqualTo(files.url("/rest.csv"));
        assertCounts(child.counts(), 2_000 - done, 0, 0, 0, 2);
        assertThat(server.results(child.id(), "outcome=failed")).extracting(r -> r.get("line").asLong())
                .containsExactly(3L, 5L);
        assertThat(server.records("resume_rest")).hasSize(1_998);
    }

    @Test
    void after_a_retryable_failure_before_any_row_the_child_imports_the_whole_file() {
        server.createCollection("resume_all", "id:integer, name:string, age:integer", "id");
        AtomicBoolean up = new AtomicBoolean(false);
        files.switchable("/later.csv", "text/csv", people(50, Set.of()).getBytes(StandardCharsets.UTF_8), up);
        ImportJob parent = server.awaitEnd(server.postJson("/v1/imports", "{\"collection\": \"resume_all\","
                + " \"sources\": [{\"url\": \"" + files.url("/later.csv") + "\"}]}").as(ImportJob.class).id());
        assertThat(parent.error().code()).isEqualTo("source_unavailable");
        up.set(true);

        ImportJob child = child(retry(parent.id(), ""), parent);

        assertThat(child.state()).isEqualTo("completed");
        assertCounts(child.counts(), 50, 0, 0, 0, 0);
    }

    @Test
    void with_a_body_the_child_imports_the_fixed_failed_rows_under_their_original_lines() {
        server.createCollection("fixed", "id:integer, name:string, age:integer", "id");
        ImportJob parent = server.importCsv("fixed", "", people(12, Set.of(4, 9)));
        String failedRows = server.get(parent.links().failedRows()).text();
        String fixedRows = failedRows.replace("4,person 4,old", "4,person 4,44");

        RunningServer.Answer a = server.post("/v1/imports/" + parent.id() + "/retry?strict=true&results=all&wait=true",
                "text/csv", fixedRows);

        ImportJob child = child(a, parent);
        assertThat(child.files()).extracting(f -> f.name() + " " + f.format()).containsExactly("upload.csv csv");
        assertCounts(child.counts(), 1, 0, 0, 0, 1);
        assertThat(a.status()).isEqualTo(200);
        assertThat(a.as(ImportJob.class).results()).extracting(r -> r.line() + " " + r.outcome()
                + (r.error() == null ? "" : " " + r.error().code())).containsExactly("5 created", "10 failed invalid_value");
        assertThat(server.record("fixed", "4").get("age").asLong()).isEqualTo(44);
        assertThat(server.get(child.links().failedRows()).text()).isEqualTo("""
                id,name,age,_file,_line,_error_code,_error_field,_error_message,_raw
                9,person 9,old,upload.csv,10,invalid_value,age,'old' is not an integer,
                """);
    }

    @Test
    void a_fixed_file_may_be_json_lines_whose_line_member_names_the_original_line() {
        server.createCollection("fixed_json", "id:integer, age:integer", "id");
        ImportJob parent = server.importCsv("fixed_json", "", "id,age\n1,x\n2,y\n");

        ImportJob child = child(server.post("/v1/imports/" + parent.id() + "/retry?results=all&file_name=fix.jsonl",
                "application/x-ndjson", "{\"id\": 1, \"age\": 1, \"_line\": 2, \"_error_code\": \"invalid_value\"}\n"
                        + "{\"id\": 2, \"age\": 2, \"_line\": \"3\"}\n"), parent);

        assertThat(child.files().get(0).name()).isEqualTo("fix.jsonl");
        assertThat(server.results(child.id(), "")).extracting(ApiAssertions::lineAndOutcome)
                .containsExactly("2 created", "3 created");
    }

    @Test
    void a_child_keeps_its_data_when_its_parent_is_deleted_and_can_be_retried_in_turn() {
        server.createCollection("lineage", "id:integer, age:integer", "id");
        ImportJob parent = server.importCsv("lineage", "", "id,age\n1,x\n2,30\n");
        ImportJob child = child(retry(parent.id(), ""), parent);
        assertThat(server.delete("/v1/imports/" + parent.id()).status()).isEqualTo(204);

        ImportJob grandchild = child(retry(child.id(), "?wait=true"), child);

        assertCounts(grandchild.counts(), 0, 0, 0, 0, 1);
        assertThat(server.results(grandchild.id(), "")).extracting(r -> r.get("line").asLong()).containsExactly(2L);
    }

    @Test
    void refusals_name_why() {
        server.createCollection("refused", "id:integer", "id");
        ImportJob open = server.postJson("/v1/imports", "{\"collection\": \"refused\", \"open\": true}")
                .as(ImportJob.class);
        JsonNode error = assertError(retry(open.id(), ""), 409, "import_running");
        assertThat(error.get("details").get("state").asText()).isEqualTo("open");
        assertError(retry("01a20000-0000-7000-8000-000000000000", ""), 404, "import_not_found");
        ImportJob clean = server.importCsv("refused", "", "id\n1\n");
        assertError(retry(clean.id(), ""), 409, "nothing_to_retry");
        assertThat(assertError(retry(clean.id(), "?delimiter=%3B"), 400, "invalid_option").get("details")
                .get("option").asText()).isEqualTo("delimiter");
        assertError(retry(clean.id(), "?on_conflict=upsert"), 400, "invalid_option");
        assertError(retry(clean.id(), "?outcome=failed"), 400, "invalid_option");
        assertError(server.post("/v1/imports/" + clean.id() + "/retry?file_name=notes.txt", "text/plain", "id\n1\n"),
                415, "unsupported_media_type");
        assertThat(server.get("/v1/imports?collection=refused").json().get("imports").size()).isEqualTo(2);
    }

    @Test
    void a_child_of_a_dropped_collection_is_404() {
        server.createCollection("dropped_target", "id:integer", "id");
        ImportJob parent = server.importCsv("dropped_target", "", "id\nx\n");
        assertThat(server.delete("/v1/collections/dropped_target").status()).isEqualTo(204);

        assertError(retry(parent.id(), ""), 404, "collection_not_found");
    }
}
