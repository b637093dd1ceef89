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
 * A job reading an {@code s3://bucket/prefix/} of several objects from a real S3-compatible store
 * (moto on loopback), whose {@code sluice serve} process is killed with SIGKILL while it reads the
 * second object: the restarted server resumes the job at its checkpoint, reading that object again
 * from the store and passing over the rows already committed, and every row of every object is
 * created exactly once.
 */
class S3CrashAndResumeTest {
    private static final int OBJECTS = 4;
    private static final int ROWS_EACH = 60_000;
    private static final MotoServer store = MotoServer.start();

    @TempDir
    Path dir;

    @AfterAll
    static void stop() {
        store.close();
    }

    private static String people(int object) {
        StringBuilder csv = new StringBuilder("email,name,age\n");
        for (int i = 0; i < ROWS_EACH; i++) {
            csv.append("p").append(object).append('-').append(i).append("@example.org,Name ").append(i).append(',')
                    .append(i % 90).append('\n');
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
            store.put("crash", "daily/part-" + object + ".csv", people(object));
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
}
