package dev.sluice.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.sluice.client.FileStatus;
import dev.sluice.client.ImportJob;
import dev.sluice.client.JobError;
import dev.sluice.client.Provenance;
import dev.sluice.client.RowResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import static dev.sluice.http.ApiAssertions.assertAddsUp;
import static dev.sluice.http.ApiAssertions.assertCounts;
import static dev.sluice.http.ApiAssertions.names;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The status document of a job, synchronous ({@code wait=true}) and asynchronous, and its log.
 * Chunks of 100 rows commit one by one here, so a running job can be watched as it moves.
 */
class ImportStatusApiTest {
    /** The members of the status document as docs/http-api.md "The status document" lists them. */
    private static final Set<String> DOCUMENT = Set.of("id", "collection", "state", "job_type", "options", "progress",
            "counts", "current_operation", "estimated_completion", "files", "error", "retryable", "error_samples",
            "attempt", "parent_id", "metadata", "provenance", "created_at", "started_at", "updated_at",
            "completed_at", "failed_at", "expires_at", "created_by", "links");
    private static final Set<String> OPTIONS = Set.of("on_conflict", "error_mode", "max_errors", "results", "atomic",
            "notify_url");
    private static final Set<String> PROGRESS = Set.of("percent", "rows_processed", "rows_total",
            "rows_total_estimate", "bytes_processed", "bytes_total", "rows_per_second");
    private static final Set<String> COUNTS = Set.of("processed", "succeeded", "created", "updated", "unchanged",
            "skipped", "failed");
    private static final Set<String> FILE = Set.of("id", "name", "format", "size_bytes", "source_url", "state",
            "progress", "counts", "started_at", "completed_at", "error", "columns", "unmapped_columns",
            "dialect");
    private static final Set<String> PROVENANCE = Set.of("source_name", "processor_name", "processor_version",
            "search_string", "searched_at", "notes", "expected_rows");
    private static final Set<String> LINKS = Set.of("self", "results", "failed_rows", "log");
    private static final Set<String> RESULT = Set.of("file", "line", "key", "outcome", "record_id", "error",
            "duplicate_of", "raw");

    private static final String PEOPLE = "email,name,age\na@x.org,Ada,36\nb@x.org,Bob,abc\nc@x.org,Cy,41\n";

    @RegisterExtension
    static final RunningServer server = RunningServer.sqliteOrPostgres(
            ServerOptions.chunkRows(100).commitInterval(Duration.ZERO));

    @Test
    void a_synchronous_import_answers_200_with_every_member_of_the_status_document_and_the_results() {
        server.createCollection("sync_people", "email:string, name:string, age:integer", "email");

        RunningServer.Answer a = server.post("/v1/collections/sync_people/import?wait=true", "text/csv", PEOPLE);

        assertThat(a.status()).as("%s", a).isEqualTo(200);
        JsonNode doc = a.json();
        Set<String> expected = new TreeSet<>(DOCUMENT);
        expected.add("results");
        assertThat(new TreeSet<>(names(doc))).isEqualTo(expected);
        assertThat(new TreeSet<>(names(doc.get("options")))).isEqualTo(new TreeSet<>(OPTIONS));
        assertThat(new TreeSet<>(names(doc.get("progress")))).isEqualTo(new TreeSet<>(PROGRESS));
        assertThat(new TreeSet<>(names(doc.get("counts")))).isEqualTo(new TreeSet<>(COUNTS));
        assertThat(doc.get("files").size()).isEqualTo(1);
        assertThat(new TreeSet<>(names(doc.get("files").get(0)))).isEqualTo(new TreeSet<>(FILE));
        assertThat(new TreeSet<>(names(doc.get("files").get(0).get("progress")))).isEqualTo(new TreeSet<>(PROGRESS));
        assertThat(new TreeSet<>(names(doc.get("files").get(0).get("counts")))).isEqualTo(new TreeSet<>(COUNTS));
        assertThat(new TreeSet<>(names(doc.get("provenance")))).isEqualTo(new TreeSet<>(PROVENANCE));
        assertThat(new TreeSet<>(names(doc.get("links")))).isEqualTo(new TreeSet<>(LINKS));
        assertThat(doc.get("results").size()).isEqualTo(1);
        assertThat(new TreeSet<>(names(doc.get("results").get(0)))).isEqualTo(new TreeSet<>(RESULT));
        assertThat(new TreeSet<>(names(doc.get("results").get(0).get("error"))))
                .containsExactly("code", "field", "message");
    }

    @Test
    void the_final_document_of_a_synchronous_import_has_counts_that_add_up_full_progress_and_located_errors() {
        server.createCollection("final_doc", "email:string, name:string, age:integer", "email");
        Instant before = Instant.now();
        int size = PEOPLE.getBytes(StandardCharsets.UTF_8).length;

        RunningServer.Answer a = server.post("/v1/collections/final_doc/import?wait=true", "text/csv", PEOPLE);

        assertThat(a.status()).as("%s", a).isEqualTo(200);
        ImportJob job = a.as(ImportJob.class);
        assertThat(a.header("Location")).isEqualTo("/v1/imports/" + job.id());
        assertThat(job.collection()).isEqualTo("final_doc");
        assertThat(job.state()).isEqualTo("completed_with_errors");
        assertThat(job.jobType()).isEqualTo("import");
        assertThat(job.options()).isEqualTo(new ImportJob.Options("skip", "continue", null, "errors", false, null));
        assertCounts(job.counts(), 2, 0, 0, 0, 1);
        assertThat(job.progress().percent()).isEqualTo(100.0);
        assertThat(job.progress().rowsProcessed()).isEqualTo(3);
        assertThat(job.progress().rowsTotal()).isEqualTo(3);
        assertThat(job.progress().rowsTotalEstimate()).isEqualTo(3);
        assertThat(job.progress().bytesProcessed()).isEqualTo(size);
        assertThat(job.progress().bytesTotal()).isEqualTo(size);
        assertThat(job.estimatedCompletion()).isNull();
        assertThat(job.error()).isNull();
        assertThat(job.retryable()).isFalse();
        assertThat(job.errorSamples()).containsExactly("upload.csv line 3: age: 'abc' is not an integer");
        assertThat(job.attempt()).isEqualTo(1);
        assertThat(job.parentId()).isNull();
        assertThat(job.metadata().isObject()).isTrue();
        assertThat(job.metadata().isEmpty()).isTrue();
        assertThat(job.provenance()).isEqualTo(Provenance.NONE);

        FileStatus file = job.files().get(0);
        assertThat(file.name()).isEqualTo("upload.csv");
        assertThat(file.format()).isEqualTo("csv");
        assertThat(file.sizeBytes()).isEqualTo(size);
        assertThat(file.sourceUrl()).isNull();
        assertThat(file.state()).isEqualTo("completed_with_errors");
        assertThat(file.error()).isNull();
        assertThat(file.counts()).isEqualTo(job.counts());
        assertThat(file.progress().percent()).isEqualTo(100.0);
        assertThat(file.progress().rowsProcessed()).isEqualTo(3);
        assertThat(file.progress().bytesProcessed()).isEqualTo(size);
        assertThat(file.startedAt()).isBetween(job.startedAt(), job.completedAt());
        assertThat(file.completedAt()).isBetween(file.startedAt(), job.completedAt());

        assertThat(job.createdAt()).isBetween(before.minusMillis(1), job.startedAt());
        assertThat(job.startedAt()).isBeforeOrEqualTo(job.completedAt());
        assertThat(job.updatedAt()).isEqualTo(job.completedAt());
        assertThat(job.failedAt()).isNull();
        assertThat(job.expiresAt()).isEqualTo(job.completedAt().plus(Duration.ofDays(7)));

        String self = "/v1/imports/" + job.id();
        assertThat(job.links()).isEqualTo(new ImportJob.Links(self, self + "/results",
                self + "/results?outcome=failed&format=csv", self + "/log"));
        assertThat(job.results()).containsExactly(new RowResult("upload.csv", 3, TextNode.valueOf("b@x.org"), "failed",
                null, new RowResult.RowError("invalid_value", "age", "'abc' is not an integer"), null));
    }

    @Test
    void every_link_of_the_document_answers_200() {
        server.createCollection("linked", "email:string, name:string, age:integer", "email");
        ImportJob job = server.importCsv("linked", "", PEOPLE);

        assertThat(server.get(job.links().self()).status()).isEqualTo(200);
        assertThat(server.get(job.links().results()).status()).isEqualTo(200);
        assertThat(server.get(job.links().failedRows()).status()).isEqualTo(200);
        assertThat(server.get(job.links().log()).status()).isEqualTo(200);
    }

    @Test
    void file_name_names_the_file_in_the_document_and_in_every_located_message() {
        server.createCollection("named_file", "email:string, name:string, age:integer", "email");

        ImportJob job = server.importCsv("named_file", "file_name=people.csv", PEOPLE);

        assertThat(job.files().get(0).name()).isEqualTo("people.csv");
        assertThat(job.errorSamples()).containsExactly("people.csv line 3: age: 'abc' is not an integer");
        assertThat(job.results().get(0).file()).isEqualTo("people.csv");
    }

    @Test
    void reading_a_finished_job_gives_the_synchronous_answer_without_its_results() {
        server.createCollection("reread", "email:string, name:string, age:integer", "email");
        RunningServer.Answer sync = server.post("/v1/collections/reread/import?wait=true", "text/csv", PEOPLE);
        String id = sync.json().get("id").asText();

        RunningServer.Answer later = server.get("/v1/imports/" + id);

        assertThat(later.status()).isEqualTo(200);
        ObjectNode expected = (ObjectNode) sync.json();
        expected.remove("results");
        assertThat(later.json()).isEqualTo(expected);
        assertThat(new TreeSet<>(names(later.json()))).isEqualTo(new TreeSet<>(DOCUMENT));
    }

    @Test
    void a_clean_import_completes_with_every_row_created_and_no_samples() {
        server.createCollection("clean", "email:string, name:string, age:integer", "email");

        ImportJob job = server.importCsv("clean", "", "email,name,age\na@x.org,Ada,36\nb@x.org,Bob,40\n");

        assertThat(job.state()).isEqualTo("completed");
        assertCounts(job.counts(), 2, 0, 0, 0, 0);
        assertThat(job.errorSamples()).isEmpty();
        assertThat(job.results()).isEmpty();
        assertThat(job.files().get(0).state()).isEqualTo("completed");
        assertThat(server.records("clean")).hasSize(2);
    }

    @Test
    void without_wait_the_answer_is_202_with_a_location_and_the_queued_job() {
        server.createCollection("async_people", "email:string, name:string, age:integer", "email");

        RunningServer.Answer a = server.post("/v1/collections/async_people/import", "text/csv", PEOPLE);

        assertThat(a.status()).as("%s", a).isEqualTo(202);
        ImportJob queued = a.as(ImportJob.class);
        assertThat(a.header("Location")).isEqualTo("/v1/imports/" + queued.id());
        assertThat(queued.state()).isEqualTo("queued");
        assertCounts(queued.counts(), 0, 0, 0, 0, 0);
        assertThat(queued.progress().percent()).isEqualTo(0.0);
        assertThat(queued.startedAt()).isNull();
        assertThat(queued.completedAt()).isNull();
        assertThat(queued.expiresAt()).isNull();
        assertThat(queued.results()).isNull();

        ImportJob done = server.awaitEnd(queued.id());

        assertThat(done.state()).isEqualTo("completed_with_errors");
        assertCounts(done.counts(), 2, 0, 0, 0, 1);
    }

    @Test
    void while_a_job_runs_its_percent_never_goes_down_and_its_counts_always_add_up() {
        server.createCollection("watched", "id:integer, name:string, age:integer", "id");
        int rows = 40_000;
        StringBuilder csv = new StringBuilder("id,name,age\n");
        for (int i = 1; i <= rows; i++) {
            csv.append(i).append(",name ").append(i).append(',').append(i % 97 == 0 ? "x" : String.valueOf(i % 90))
                    .append('\n');
        }
        long failures = rows / 97;
        ImportJob queued = server.submit("watched", "", "text/csv", csv.toString().getBytes(StandardCharsets.UTF_8));

        List<ImportJob> samples = new ArrayList<>();
        ImportJob job = queued;
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!job.isTerminal() && System.nanoTime() < deadline) {
            job = server.job(queued.id());
            samples.add(job);
        }

        assertThat(job.state()).isEqualTo("completed_with_errors");
        assertCounts(job.counts(), rows - failures, 0, 0, 0, failures);
        List<ImportJob> running = samples.stream().filter(s -> s.state().equals("running")).toList();
        assertThat(running).as("samples taken while the job ran").hasSizeGreaterThanOrEqualTo(3);
        assertThat(running.stream().filter(s -> s.counts().processed() > 0 && s.counts().processed() < rows).count())
                .as("samples taken part way").isGreaterThanOrEqualTo(2);
        double lastPercent = 0;
        long lastProcessed = 0;
        for (ImportJob s : samples) {
            assertAddsUp(s.counts());
            assertAddsUp(s.files().get(0).counts());
            assertThat(s.progress().percent()).as("percent after %s", lastPercent).isGreaterThanOrEqualTo(lastPercent);
            assertThat(s.counts().processed()).isGreaterThanOrEqualTo(lastProcessed);
            assertThat(s.progress().rowsProcessed()).isEqualTo(s.counts().processed());
            if (!s.isTerminal()) {
                assertThat(s.progress().percent()).isLessThan(100.0);
            }
            lastPercent = s.progress().percent();
            lastProcessed = s.counts().processed();
        }
        assertThat(job.progress().percent()).isEqualTo(100.0);
    }

    @Test
    void the_log_is_text_lines_with_timestamps_from_creation_to_the_end() {
        server.createCollection("logged", "email:string, name:string, age:integer", "email");
        ImportJob job = server.importCsv("logged", "", PEOPLE);

        RunningServer.Answer a = server.get("/v1/imports/" + job.id() + "/log");

        assertThat(a.status()).isEqualTo(200);
        assertThat(a.header("Content-Type")).startsWith("text/plain");
        List<String> lines = a.text().lines().toList();
        assertThat(lines).allMatch(
                l -> l.matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z (INFO|WARN|ERROR) .+"));
        List<String> messages = lines.stream().map(l -> l.split(" ", 3)[2]).toList();
        assertThat(messages.get(0)).isEqualTo("created in state queued with 1 file(s) for collection logged");
        assertThat(messages).contains("claimed by test-node", "started on test-node (attempt 1)");
        assertThat(messages).anyMatch(m -> m.startsWith("upload.csv: 3 rows (2 created, 0 updated, 0 unchanged,"
                + " 0 skipped, 1 failed) in "));
        assertThat(messages.get(messages.size() - 1)).isEqualTo("ended completed_with_errors");
        List<Instant> times = lines.stream().map(l -> Instant.parse(l.split(" ", 2)[0])).toList();
        assertThat(times).isSorted();
        assertThat(times.get(0)).isBetween(job.createdAt(), job.startedAt());
        assertThat(times.get(times.size() - 1)).isBetween(job.completedAt(), job.completedAt().plusSeconds(1));
    }

    @Test
    void the_log_as_json_carries_the_same_events() {
        server.createCollection("logged_json", "email:string, name:string, age:integer", "email");
        ImportJob job = server.importCsv("logged_json", "", PEOPLE);

        RunningServer.Answer a = server.get("/v1/imports/" + job.id() + "/log?format=json");

        assertThat(a.status()).isEqualTo(200);
        JsonNode log = a.json().get("log");
        assertThat(names(log.get(0))).containsExactlyInAnyOrder("at", "level", "message");
        assertThat(log.get(0).get("message").asText())
                .isEqualTo("created in state queued with 1 file(s) for collection logged_json");
        assertThat(log.get(log.size() - 1).get("message").asText()).isEqualTo("ended completed_with_errors");
        assertThat(server.get("/v1/imports/" + job.id() + "/log").text().lines().count()).isEqualTo(log.size());
    }

    @Test
    void a_job_that_fails_reports_when_it_failed_and_expires_seven_days_later() {
        server.createCollection("failing", "email:string, name:string, age:integer", "email");

        ImportJob job = server.importCsv("failing", "error_mode=abort", PEOPLE);

        assertThat(job.state()).isEqualTo("failed");
        assertThat(job.error()).isEqualTo(new JobError("aborted_on_error", "stopped at the first failed row"
                + " (error_mode=abort); 2 rows were processed and their effects committed"));
        assertThat(job.completedAt()).isNull();
        assertThat(job.failedAt()).isNotNull();
        assertThat(job.expiresAt()).isEqualTo(job.failedAt().plus(Duration.ofDays(7)));
        assertThat(job.updatedAt()).isEqualTo(job.failedAt());
    }
}
