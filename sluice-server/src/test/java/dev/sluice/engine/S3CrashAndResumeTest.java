package dev.sluice.engine;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.source.MotoServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Jobs reading {@code s3://} objects from a real S3-compatible store (moto on loopback), whose
 * {@code sluice serve} process is killed with SIGKILL mid-job. A prefix of several objects: the
 * restarted server resumes the job at its checkpoint, reading the object again from the store and
 * passing over the rows already committed, and every row of every object is created exactly once.
 * An object overwritten while the server was down: the restarted server reads it only in the version
 * the job was submitted with ({@code If-Match} on its ETag, docs/http-api.md "S3 sources"), so the file
 * fails with a located {@code unreadable_source} and no row of the new version is written.
 */
class S3CrashAndResumeTest {
    private static final int OBJECTS = 4;
    private static final int ROWS_EACH = 60_000;
    private static final int ROWS = 200_000;
    private static final MotoServer store = MotoServer.start();

    @TempDir
    Path dir;

    @AfterAll
    static void stop() {
        store.close();
    }

    /** {@code rows} people whose emails start with {@code prefix}: prefix0@example.org, prefix1@... */
    private static String people(String prefix, int rows) {
        StringBuilder csv = new StringBuilder("email,name,age\n");
        for (int i = 0; i < rows; i++) {
            csv.append(prefix).append(i).append("@example.org,Name ").append(i).append(',').append(i % 90).append('\n');
        }
        return csv.toString();
    }

    private ServeProcess serve(Path data, String name) throws Exception {
        return ServeProcess.start(data, dir, name, "--s3-endpoint", store.endpoint().toString(), "--s3-path-style",
                "--s3-region", "us-east-1");
    }

    @Test
    void a_server_killed_mid_prefix_resumes_at_its_checkpoint_and_creates_every_row_exactly_once() throws Exception {
        store.createBucket("crash");
        for (int object = OBJECTS; object >= 1; object--) {
            store.put("crash", "daily/part-" + object + ".csv", people("p" + object + "-", ROWS_EACH));
        }
        long total = (long) OBJECTS * ROWS_EACH;
        Path data = dir.resolve("data");
        String id;
        try (ServeProcess first = serve(data, "first")) {
            first.createPeople();
            id = first.submitJson("{\"collection\": \"people\", \"sources\": [{\"url\": \"s3://crash/daily/\"}]}");
            JsonNode seen = first.awaitCommitted(id, ROWS_EACH + 1, total);
            assertThat(seen.get("files").get(0).get("state").asText()).isEqualTo("completed");

            assertThat(first.kill()).as("exit status of SIGKILL").isEqualTo(137);
        }

        try (ServeProcess second = serve(data, "second")) {
            JsonNode done = second.awaitEnd(id, Duration.ofSeconds(120));

            assertThat(done.get("state").asText()).as("%s", done).isEqualTo("completed");
            assertThat(done.get("attempt").asInt()).isEqualTo(2);
            JsonNode counts = done.get("counts");
            assertThat(counts.get("processed").asLong()).isEqualTo(total);
            assertThat(counts.get("created").asLong()).isEqualTo(total);
            assertThat(counts.get("skipped").asLong()).as("no row was read twice").isZero();
            assertThat(done.get("files")).hasSize(OBJECTS);
            for (int i = 0; i < OBJECTS; i++) {
                JsonNode file = done.get("files").get(i);
                assertThat(file.get("name").asText()).isEqualTo("part-" + (i + 1) + ".csv");
                assertThat(file.get("state").asText()).isEqualTo("completed");
                assertThat(file.get("counts").get("created").asLong()).isEqualTo(ROWS_EACH);
            }
            assertThat(second.get("/v1/collections/people").get("record_count").asLong()).isEqualTo(total);
        }
    }

    @Test
    void an_object_overwritten_while_its_server_was_down_fails_its_file_and_mixes_no_version() throws Exception {
        store.createBucket("changing");
        store.put("changing", "people.csv", people("old-", ROWS));
        Path data = dir.resolve("data");
        String id;
        try (ServeProcess first = serve(data, "first")) {
            first.createPeople();
            id = first.submitJson("{\"collection\": \"people\", \"sources\": [{\"url\": \"s3://changing/people.csv\"}]}");
            first.awaitPartlyCommitted(id, ROWS);
            assertThat(first.kill()).as("exit status of SIGKILL").isEqualTo(137);
        }
        store.put("changing", "people.csv", people("new-", ROWS));

        try (ServeProcess second = serve(data, "second")) {
            JsonNode done = second.awaitEnd(id, Duration.ofSeconds(120));

            assertThat(done.get("state").asText()).as("%s", done).isEqualTo("failed");
            assertThat(done.get("attempt").asInt()).isEqualTo(2);
            JsonNode file = done.get("files").get(0);
            assertThat(file.get("state").asText()).isEqualTo("failed");
            assertThat(file.get("error").get("code").asText()).isEqualTo("unreadable_source");
            assertThat(file.get("error").get("message").asText()).startsWith("people.csv")
                    .contains("s3://changing/people.csv", "the object changed since the job first read it");
            long created = file.get("counts").get("created").asLong();
            assertThat(created).isPositive().isLessThan(ROWS);
            assertThat(second.get("/v1/collections/people").get("record_count").asLong()).isEqualTo(created);
            for (long row : new long[]{created, ROWS - 1}) {
                assertThat(second.get("/v1/collections/people/records?key=new-" + row + "%40example.org")
                        .get("records")).as("row %d of the new version", row).isEmpty();
            }
            assertThat(second.get("/v1/collections/people/records?key=old-0%40example.org").get("records")).hasSize(1);
        }
    }
}
