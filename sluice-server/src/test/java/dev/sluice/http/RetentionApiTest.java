package dev.sluice.http;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.client.ImportJob;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

import static dev.sluice.http.ApiAssertions.assertError;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A short retention ({@code --retention 3s}) over jobs made by every job-creating route: each is
 * purged a few seconds after it ends, with its results, log, staged files (a retry child's links
 * to its parent's data included) and its idempotency key, while the records it wrote stay.
 */
class RetentionApiTest {
    @RegisterExtension
    static final RunningServer server = RunningServer.sqliteOrPostgres(
            ServerOptions.chunkRows(10).commitInterval(Duration.ofMillis(100)).retention(Duration.ofSeconds(3)));

    private static long stagedFiles() throws IOException {
        try (Stream<Path> files = Files.walk(server.dataDir().resolve("staging"))) {
            return files.filter(Files::isRegularFile).count();
        }
    }

    private static ImportJob ended(RunningServer.Answer a) {
        assertThat(a.status()).as("%s", a).isIn(200, 202);
        return server.awaitEnd(a.as(ImportJob.class).id());
    }

    @Test
    void jobs_of_every_route_are_purged_seconds_after_they_end_with_their_staged_files_and_keys() throws IOException {
        server.createCollection("fleeting", "id:integer, age:integer", "id");
        ImportJob inline = ended(server.post("/v1/imports", "application/json",
                "{\"collection\": \"fleeting\", \"records\": [{\"id\": 1, \"age\": 1}]}", "Idempotency-Key", "k-short"));
        Multipart form = new Multipart().request("{\"collection\": \"fleeting\"}")
                .file("ages.csv", "text/csv", "id,age\n2,2\n3,old\n");
        ImportJob multipart = ended(server.post("/v1/imports", form.contentType(), form.bytes()));
        ImportJob open = server.postJson("/v1/imports", "{\"collection\": \"fleeting\", \"open\": true}")
                .as(ImportJob.class);
        server.post("/v1/imports/" + open.id() + "/files?name=later.csv", "text/csv",
                "id,age\n4,4\n".getBytes(StandardCharsets.UTF_8));
        ImportJob started = ended(server.post("/v1/imports/" + open.id() + "/start", null, new byte[0]));
        ImportJob child = ended(server.post("/v1/imports/" + multipart.id() + "/retry", null, new byte[0]));
        List<ImportJob> all = List.of(inline, multipart, started, child);
        for (ImportJob job : all) {
            java.time.Instant end = job.completedAt() != null ? job.completedAt() : job.failedAt();
            assertThat(job.expiresAt()).as("%s", job.id()).isEqualTo(end.plus(Duration.ofSeconds(3)));
        }
        assertThat(stagedFiles()).isEqualTo(4);

        await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(100))
                .until(() -> all.stream().allMatch(j -> server.get("/v1/imports/" + j.id()).status() == 404));

        for (ImportJob job : all) {
            assertError(server.get("/v1/imports/" + job.id() + "/results"), 404, "import_not_found");
            assertError(server.get("/v1/imports/" + job.id() + "/log"), 404, "import_not_found");
        }
        assertThat(stagedFiles()).isZero();
        assertThat(server.records("fleeting")).hasSize(3);
        RunningServer.Answer reused = server.post("/v1/imports", "application/json",
                "{\"collection\": \"fleeting\", \"records\": [{\"id\": 5, \"age\": 5}]}", "Idempotency-Key", "k-short");
        assertThat(reused.status()).as("the key went with its job: %s", reused).isEqualTo(202);
        assertThat(reused.header("Idempotent-Replay")).isNull();
    }

    @Test
    void a_purged_job_answers_404_saying_it_expired_and_when_an_unknown_id_that_it_does_not_exist() {
        server.createCollection("expiring", "id:integer", "id");
        ImportJob job = server.importCsv("expiring", "", "id\n1\n");
        await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(100))
                .until(() -> server.get("/v1/imports/" + job.id()).status() == 404);

        RunningServer.Answer gone = server.get("/v1/imports/" + job.id());
        RunningServer.Answer never = server.get("/v1/imports/01a2311c-a2be-72b7-af5b-14258e940cad");

        assertError(gone, 404, "import_not_found");
        JsonNode error = gone.json().get("error");
        assertThat(error.get("message").asText()).startsWith("import job '" + job.id() + "' expired")
                .contains("deleted at " + error.get("details").get("expired_at").asText());
        assertThat(java.time.Instant.parse(error.get("details").get("expired_at").asText()))
                .isAfterOrEqualTo(job.expiresAt());
        assertThat(server.get("/v1/imports/" + job.id() + "/results").json().get("error").get("message").asText())
                .contains("expired");
        assertError(never, 404, "import_not_found");
        assertThat(never.json().get("error").get("message").asText()).contains("does not exist");
    }

    @Test
    void a_deleted_parent_leaves_its_retry_child_and_its_data_until_the_child_expires() {
        server.createCollection("parented", "id:integer, age:integer", "id");
        ImportJob parent = server.importCsv("parented", "", "id,age\n1,old\n");
        ImportJob child = ended(server.post("/v1/imports/" + parent.id() + "/retry", null, new byte[0]));
        Path parentData = server.dataDir().resolve("staging").resolve(parent.id());
        Path childData = server.dataDir().resolve("staging").resolve(child.id());
        assertThat(childData).isDirectoryContaining(Files::isRegularFile);

        assertThat(server.delete("/v1/imports/" + parent.id()).status()).isEqualTo(204);

        assertThat(parentData).doesNotExist();
        assertThat(childData).as("the child's own name for the data stays").isDirectoryContaining(Files::isRegularFile);
        await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(100))
                .until(() -> server.get("/v1/imports/" + child.id()).status() == 404);
        assertThat(childData).doesNotExist();
    }
}
