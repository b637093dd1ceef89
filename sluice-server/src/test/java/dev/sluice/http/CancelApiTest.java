package dev.sluice.http;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.client.ImportJob;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import static dev.sluice.http.ApiAssertions.assertAddsUp;
import static dev.sluice.http.ApiAssertions.assertCounts;
import static dev.sluice.http.ApiAssertions.assertError;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Cancelling, deleting and dropping while jobs run. Big imports (200,000 rows, chunks of 1,000)
 * keep a worker busy long enough to be stopped part way; transactions commit every 20 ms, so a
 * cancellation (checked between them) lands long before the end of the file.
 */
class CancelApiTest {
    private static final int BIG = 200_000;
    private static final byte[] BIG_CSV = bigCsv();

    @RegisterExtension
    static final RunningServer server = RunningServer.sqliteOrPostgres(
            ServerOptions.chunkRows(1_000).commitInterval(Duration.ofMillis(20)));

    private static byte[] bigCsv() {
        StringBuilder csv = new StringBuilder(BIG * 30).append("id,name,age\n");
        for (int i = 1; i <= BIG; i++) {
            csv.append(i).append(",person ").append(i).append(',').append(i % 100).append('\n');
        }
        return csv.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static ImportJob submitBig(String collection) {
        server.createCollection(collection, "id:integer, name:string, age:integer", "id");
        return server.submit(collection, "", "text/csv", BIG_CSV);
    }

    private static ImportJob awaitRunning(String id) {
        return await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(2))
                .until(() -> server.job(id), j -> !j.state().equals("queued"));
    }

    private static RunningServer.Answer cancel(String id) {
        return server.post("/v1/imports/" + id + "/cancel", null, new byte[0]);
    }

    @Test
    void cancelling_a_running_import_stops_it_part_way_and_the_committed_rows_stay_counted_exactly() {
        ImportJob submitted = submitBig("cancelled");
        ImportJob running = awaitRunning(submitted.id());
        assertThat(running.state()).as("the job must still be running to be cancelled").isEqualTo("running");

        RunningServer.Answer a = cancel(submitted.id());

        ImportJob answered = a.as(ImportJob.class);
        if (a.status() == 202) {
            assertThat(answered.state()).isEqualTo("running");
            assertThat(answered.currentOperation()).isEqualTo("cancelling");
        } else {
            assertThat(a.status()).as("%s", a).isEqualTo(200);
            assertThat(answered.state()).isEqualTo("cancelled");
        }
        ImportJob job = server.awaitEnd(submitted.id());
        assertThat(job.state()).isEqualTo("cancelled");
        assertThat(job.error()).isNull();
        assertThat(job.completedAt()).isNotNull();
        assertThat(job.expiresAt()).isEqualTo(job.completedAt().plus(Duration.ofDays(7)));
        assertThat(job.files().get(0).state()).isEqualTo("cancelled");
        long processed = job.counts().processed();
        assertThat(processed).isLessThan(BIG);
        assertCounts(job.counts(), processed, 0, 0, 0, 0);
        assertThat(job.progress().percent()).isLessThan(100.0);
        JsonNode collection = server.get("/v1/collections/cancelled").json();
        assertThat(collection.get("record_count").asLong()).isEqualTo(processed);
        // rows commit in file order: the records are exactly ids 1 to processed
        assertThat(server.record("cancelled", String.valueOf(processed + 1))).isNull();
        if (processed > 0) {
            assertThat(server.record("cancelled", String.valueOf(processed))).isNotNull();
        }
        List<String> log = server.get("/v1/imports/" + job.id() + "/log").text().lines().toList();
        assertThat(log).anyMatch(l -> l.endsWith(" INFO cancellation requested; stopping after the current chunk"));
        assertThat(log).anyMatch(l -> l.endsWith(" INFO cancelled; " + processed + " rows committed before it stay"));
        assertThat(log.get(log.size() - 1)).endsWith(" INFO ended cancelled");
        assertThat(server.job(job.id())).isEqualTo(job);
    }

    @Test
    void cancelling_a_finished_job_is_409_import_finished() {
        server.createCollection("finished", "id:integer", "id");
        ImportJob job = server.importCsv("finished", "", "id\n1\n");

        JsonNode error = assertError(cancel(job.id()), 409, "import_finished");

        assertThat(error.get("message").asText()).isEqualTo("import job " + job.id()
                + " has already ended in state completed");
        assertThat(error.get("details").get("id").asText()).isEqualTo(job.id());
        assertThat(error.get("details").get("state").asText()).isEqualTo("completed");
        assertThat(server.job(job.id()).state()).isEqualTo("completed");
    }

    @Test
    void cancelling_an_unknown_job_is_404_import_not_found() {
        assertError(cancel("01900000-0000-7000-8000-000000000000"), 404, "import_not_found");
    }

    @Test
    void a_collection_with_a_running_job_cannot_be_dropped_until_the_job_ends() {
        ImportJob submitted = submitBig("busy");
        awaitRunning(submitted.id());

        JsonNode error = assertError(server.delete("/v1/collections/busy"), 409, "collection_busy");

        assertThat(error.get("details").get("collection").asText()).isEqualTo("busy");
        assertThat(error.get("message").asText()).isEqualTo("collection 'busy' has 1 unfinished import job(s);"
                + " cancel them or let them finish first");
        cancel(submitted.id());
        server.awaitEnd(submitted.id());
        assertThat(server.delete("/v1/collections/busy").status()).isEqualTo(204);
    }

    @Test
    void a_running_job_cannot_be_deleted_but_an_ended_one_is_deleted_with_its_results() {
        ImportJob submitted = submitBig("deleted");
        awaitRunning(submitted.id());

        JsonNode error = assertError(server.delete("/v1/imports/" + submitted.id()), 409, "import_running");

        assertThat(error.get("details").get("id").asText()).isEqualTo(submitted.id());
        cancel(submitted.id());
        server.awaitEnd(submitted.id());
        assertThat(server.delete("/v1/imports/" + submitted.id()).status()).isEqualTo(204);
        assertError(server.get("/v1/imports/" + submitted.id()), 404, "import_not_found");
        assertError(server.get("/v1/imports/" + submitted.id() + "/results"), 404, "import_not_found");
        assertError(server.get("/v1/imports/" + submitted.id() + "/log"), 404, "import_not_found");
        assertError(server.delete("/v1/imports/" + submitted.id()), 404, "import_not_found");
    }

    @Test
    void a_queued_job_is_cancelled_at_once_and_never_runs() {
        server.createCollection("queue_a", "id:integer, name:string, age:integer", "id");
        server.createCollection("queue_b", "id:integer, name:string, age:integer", "id");
        server.createCollection("queue_c", "id:integer, name:string, age:integer", "id");
        ImportJob a = server.submit("queue_a", "", "text/csv", BIG_CSV);
        ImportJob b = server.submit("queue_b", "", "text/csv", BIG_CSV);
        ImportJob c = server.submit("queue_c", "", "text/csv", "id,name,age\n1,x,1\n".getBytes(StandardCharsets.UTF_8));
        ImportJob before = server.job(c.id());

        RunningServer.Answer answer = cancel(c.id());

        assertThat(before.state()).as("both workers are busy, so the third job waits").isEqualTo("queued");
        assertThat(answer.status()).as("%s", answer).isEqualTo(200);
        ImportJob cancelled = answer.as(ImportJob.class);
        assertThat(cancelled.state()).isEqualTo("cancelled");
        assertThat(cancelled.startedAt()).isNull();
        assertCounts(cancelled.counts(), 0, 0, 0, 0, 0);
        cancel(a.id());
        cancel(b.id());
        server.awaitEnd(a.id());
        server.awaitEnd(b.id());
        assertThat(server.job(c.id()).state()).isEqualTo("cancelled");
        assertThat(server.records("queue_c")).isEmpty();
        assertAddsUp(server.job(a.id()).counts());
    }
}
