package dev.sluice.http;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.client.ImportJob;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.stream.Stream;

import static dev.sluice.http.ApiAssertions.assertCounts;
import static dev.sluice.http.ApiAssertions.assertError;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code Idempotency-Key} on every job-creating POST: the same key with the same request within
 * 24 h answers the job the first request created ({@code Idempotent-Replay: true}) and creates
 * nothing; the same key with another request is {@code 409 idempotency_key_mismatch}; after 24 h
 * the key is free again. The service's clock is moved forward to let the day pass.
 */
class IdempotencyApiTest {
    private static final String KEY = "Idempotency-Key";

    static final ShiftedClock CLOCK = new ShiftedClock();
    @RegisterExtension
    static final RunningServer server = RunningServer.sqliteOrPostgres(
            ServerOptions.chunkRows(10).commitInterval(Duration.ofMillis(50)).clock(CLOCK));

    private static RunningServer.Answer oneShot(String collection, String query, String csv, String key) {
        return server.post("/v1/collections/" + collection + "/import" + query, "text/csv", csv, KEY, key);
    }

    private static RunningServer.Answer create(String json, String key) {
        return server.post("/v1/imports", "application/json", json, KEY, key);
    }

    private static int jobs(String collection) {
        return server.get("/v1/imports?collection=" + collection).json().get("imports").size();
    }

    private static long stagedFiles() throws IOException {
        try (Stream<Path> files = Files.walk(server.dataDir().resolve("staging"))) {
            return files.filter(Files::isRegularFile).filter(p -> !p.toString().contains(".multipart")).count();
        }
    }

    private static void assertReplayOf(RunningServer.Answer replay, RunningServer.Answer first, int status) {
        assertThat(replay.status()).as("%s", replay).isEqualTo(status);
        assertThat(replay.header("Idempotent-Replay")).isEqualTo("true");
        assertThat(replay.as(ImportJob.class).id()).isEqualTo(first.as(ImportJob.class).id());
        assertThat(replay.header("Location")).isEqualTo(first.header("Location"));
    }

    @Test
    void the_same_one_shot_import_sent_again_with_its_key_answers_the_first_job_and_creates_nothing() throws IOException {
        server.createCollection("once", "id:integer", "id");
        RunningServer.Answer first = oneShot("once", "?on_conflict=update", "id\n1\n2\n", "key-once-1");
        assertThat(first.status()).isEqualTo(202);
        assertThat(first.header("Idempotent-Replay")).isNull();
        server.awaitEnd(first.as(ImportJob.class).id());
        long staged = stagedFiles();

        RunningServer.Answer again = oneShot("once", "?on_conflict=update", "id\n1\n2\n", "key-once-1");

        assertReplayOf(again, first, 202);
        assertThat(jobs("once")).isEqualTo(1);
        assertThat(stagedFiles()).as("the replay's upload is not kept").isEqualTo(staged);
        RunningServer.Answer waited = oneShot("once", "?on_conflict=update&wait=true", "id\n1\n2\n", "key-once-1");
        assertReplayOf(waited, first, 200);
        assertCounts(waited.as(ImportJob.class).counts(), 2, 0, 0, 0, 0);
        assertThat(waited.as(ImportJob.class).results()).isNotNull();
    }

    @Test
    void the_same_key_with_another_body_or_other_options_is_409_idempotency_key_mismatch() {
        server.createCollection("mismatch", "id:integer", "id");
        RunningServer.Answer first = oneShot("mismatch", "", "id\n1\n", "key-mismatch");
        assertThat(first.status()).isEqualTo(202);

        JsonNode error = assertError(oneShot("mismatch", "", "id\n2\n", "key-mismatch"), 409, "idempotency_key_mismatch");
        assertThat(error.get("details").get("id").asText()).isEqualTo(first.as(ImportJob.class).id());
        assertThat(error.get("details").get("idempotency_key").asText()).isEqualTo("key-mismatch");
        assertError(oneShot("mismatch", "?on_conflict=fail", "id\n1\n", "key-mismatch"), 409, "idempotency_key_mismatch");
        assertError(create("{\"collection\": \"mismatch\", \"records\": [{\"id\": 1}]}", "key-mismatch"), 409,
                "idempotency_key_mismatch");
        assertThat(jobs("mismatch")).isEqualTo(1);
    }

    @Test
    void a_json_request_sent_again_with_its_key_answers_the_first_job() {
        server.createCollection("json_once", "id:integer", "id");
        String request = "{\"collection\": \"json_once\", \"records\": [{\"id\": 1}], \"metadata\": {\"run\": 7}}";
        RunningServer.Answer first = create(request, "key-json");

        assertReplayOf(create(request, "key-json"), first, 202);
        assertError(create(request.replace("7", "8"), "key-json"), 409, "idempotency_key_mismatch");
        assertThat(jobs("json_once")).isEqualTo(1);
    }

    @Test
    void a_multipart_request_with_the_same_files_is_the_same_request_whatever_its_boundary() {
        server.createCollection("parts_once", "id:integer", "id");
        String request = "{\"collection\": \"parts_once\"}";
        Multipart form = new Multipart().request(request).file("a.csv", "text/csv", "id\n1\n");
        RunningServer.Answer first = server.post("/v1/imports", form.contentType(), form.bytes(), KEY, "key-parts");

        Multipart same = new Multipart().request(request).file("a.csv", "text/csv", "id\n1\n");
        assertReplayOf(server.post("/v1/imports", same.contentType(), same.bytes(), KEY, "key-parts"), first, 202);
        Multipart other = new Multipart().request(request).file("a.csv", "text/csv", "id\n2\n");
        assertError(server.post("/v1/imports", other.contentType(), other.bytes(), KEY, "key-parts"), 409,
                "idempotency_key_mismatch");
        assertThat(jobs("parts_once")).isEqualTo(1);
    }

    @Test
    void a_retry_sent_again_with_its_key_answers_the_first_child() {
        server.createCollection("retry_once", "id:integer, age:integer", "id");
        ImportJob parent = server.importCsv("retry_once", "", "id,age\n1,old\n2,30\n");
        String path = "/v1/imports/" + parent.id() + "/retry";

        RunningServer.Answer first = server.post(path, null, new byte[0], KEY, "key-retry");
        assertThat(first.status()).as("%s", first).isEqualTo(202);
        assertReplayOf(server.post(path, null, new byte[0], KEY, "key-retry"), first, 202);
        assertError(server.post(path, "text/csv", "id,age\n1,31\n", KEY, "key-retry"), 409, "idempotency_key_mismatch");
        assertThat(jobs("retry_once")).isEqualTo(2);
    }

    @Test
    void requests_without_a_key_are_never_replayed() {
        server.createCollection("no_key", "id:integer", "id");

        server.post("/v1/collections/no_key/import", "text/csv", "id\n1\n");
        server.post("/v1/collections/no_key/import", "text/csv", "id\n1\n");

        assertThat(jobs("no_key")).isEqualTo(2);
    }

    @Test
    void a_key_that_is_blank_or_too_long_is_400_invalid_option_naming_the_header() {
        server.createCollection("bad_key", "id:integer", "id");

        JsonNode error = assertError(oneShot("bad_key", "", "id\n1\n", " "), 400, "invalid_option");
        assertThat(error.get("details").get("option").asText()).isEqualTo(KEY);
        assertError(oneShot("bad_key", "", "id\n1\n", "k".repeat(256)), 400, "invalid_option");
        assertThat(jobs("bad_key")).isZero();
    }

    @Test
    void a_key_is_free_again_once_24_hours_have_passed() {
        server.createCollection("day_later", "id:integer", "id");
        RunningServer.Answer first = oneShot("day_later", "", "id\n1\n", "key-day");
        assertThat(oneShot("day_later", "", "id\n2\n", "key-day").status()).isEqualTo(409);

        CLOCK.advance(Duration.ofHours(24).plusMinutes(1));
        RunningServer.Answer later = oneShot("day_later", "", "id\n2\n", "key-day");

        assertThat(later.status()).as("%s", later).isEqualTo(202);
        assertThat(later.header("Idempotent-Replay")).isNull();
        assertThat(later.as(ImportJob.class).id()).isNotEqualTo(first.as(ImportJob.class).id());
        assertReplayOf(oneShot("day_later", "", "id\n2\n", "key-day"), later, 202);
        assertThat(jobs("day_later")).isEqualTo(2);
    }
}
