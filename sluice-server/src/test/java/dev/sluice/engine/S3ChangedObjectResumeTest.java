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
 * A job reading one {@code s3://} object from a real S3-compatible store (moto on loopback), whose
 * {@code sluice serve} process is killed with SIGKILL mid-object; the object is then overwritten with
 * other rows. The restarted server reads the object only in the version the job was submitted with
 * ({@code If-Match} on its ETag, docs/http-api.md "S3 sources"), so the file fails with a located
 * {@code unreadable_source} and no row of the new version is written.
 */
class S3ChangedObjectResumeTest {
    private static final int ROWS = 200_000;
    private static final MotoServer store = MotoServer.start();

    @TempDir
    Path dir;

    @AfterAll
    static void stop() {
        store.close();
    }

    private static String people(String prefix) {
        StringBuilder csv = new StringBuilder("email,name,age\n");
        for (int i = 0; i < ROWS; i++) {
            csv.append(prefix).append(i).append("@example.org,Name ").append(i).append(',').append(i % 90).append('\n');
        }
        return csv.toString();
    }

    private ServeProcess serve(Path data, String name) throws Exception {
        return ServeProcess.start(data, dir, name, "--s3-endpoint", store.endpoint().toString(), "--s3-path-style",
                "--s3-region", "us-east-1");
    }

    @Test
    void an_object_overwritten_while_its_server_was_down_fails_its_file_and_mixes_no_version() throws Exception {
        store.createBucket("changing");
        store.put("changing", "people.csv", people("old-"));
        Path data = dir.resolve("data");
        String id;
        try (ServeProcess first = serve(data, "first")) {
            first.createPeople();
            id = first.submitJson("{\"collection\": \"people\", \"sources\": [{\"url\": \"s3://changing/people.csv\"}]}");
            first.awaitPartlyCommitted(id, ROWS);
            assertThat(first.kill()).as("exit status of SIGKILL").isEqualTo(137);
        }
        store.put("changing", "people.csv", people("new-"));

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
