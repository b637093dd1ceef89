package dev.sluice.http;

import dev.sluice.client.ImportJob;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.stream.Stream;

import static dev.sluice.http.ApiAssertions.assertError;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Retention: an ended job expires, and then it, its results, its log and its staged upload are gone. */
class ExpiryApiTest {
    @RegisterExtension
    static final RunningServer server = RunningServer.sqliteOrPostgres(
            ServerOptions.chunkRows(100).commitInterval(Duration.ofMillis(200)).retention(Duration.ofSeconds(1)));

    private static long stagedFiles() throws IOException {
        try (Stream<Path> files = Files.walk(server.dataDir().resolve("staging"))) {
            return files.filter(Files::isRegularFile).count();
        }
    }

    @Test
    void an_ended_job_is_purged_once_its_retention_has_passed_while_its_records_stay() throws IOException {
        server.createCollection("expiring", "id:integer", "id");
        ImportJob job = server.importCsv("expiring", "", "id\n1\nx\n");
        assertThat(job.expiresAt()).isEqualTo(job.completedAt().plus(Duration.ofSeconds(1)));
        assertThat(stagedFiles()).isEqualTo(1);

        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(100))
                .until(() -> server.get("/v1/imports/" + job.id()).status() == 404);

        assertError(server.get("/v1/imports/" + job.id()), 404, "import_not_found");
        assertError(server.get("/v1/imports/" + job.id() + "/results"), 404, "import_not_found");
        assertError(server.get("/v1/imports/" + job.id() + "/log"), 404, "import_not_found");
        assertThat(server.get("/v1/imports?collection=expiring").json().get("imports").size()).isZero();
        assertThat(stagedFiles()).isZero();
        assertThat(server.records("expiring")).hasSize(1);
    }
}
