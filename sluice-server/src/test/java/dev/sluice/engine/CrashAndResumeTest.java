package dev.sluice.engine;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.job.Tally;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * docs/concepts.md "How a job runs" and docs/operations.md "Stopping and resuming": a crash loses
 * nothing and duplicates nothing; the next owner resumes at the checkpoint. Real processes:
 * {@code sluice serve} runs in its own JVM, is killed with SIGKILL (or stopped with SIGTERM) part
 * way through a large import, and a new process on the same data
 * directory finishes the job. The outcome is compared with what the generated data dictates,
 * both at the moment of the interruption and at the end.
 */
class CrashAndResumeTest {
    private static final int ROWS = 300_000;
    private static final PeopleCsv DATA = PeopleCsv.generate(ROWS);
    private static final PeopleCsv.Expected ALL = DATA.expect(ROWS);

    @TempDir
    Path dir;

    @Test
    void the_generated_data_has_created_skipped_and_failed_rows_as_computed_by_hand() {
        assertThat(ALL.created()).isEqualTo(291_737);
        assertThat(ALL.skipped()).isEqualTo(7_643);
        assertThat(ALL.failed()).isEqualTo(620);
        assertThat(ALL.processed()).isEqualTo(ROWS);
    }

    private Path writeCsv() throws IOException {
        Path csv = dir.resolve("people.csv");
        Files.write(csv, DATA.bytes);
        return csv;
    }

    @Test
    void a_server_killed_mid_import_resumes_the_job_from_its_checkpoint_and_counts_every_row_exactly_once()
            throws Exception {
        Path data = dir.resolve("data");
        Path csv = writeCsv();
        String id;
        try (ServeProcess first = ServeProcess.start(data, dir, "first")) {
            id = first.importPeoplePartway(csv, ROWS);

            assertThat(first.kill()).as("exit status of SIGKILL").isEqualTo(137);
        }

        StoredImport crashed = StoredImport.read(data, id);
        assertThat(crashed.state()).isEqualTo("running");
        assertThat(crashed.attempt()).isEqualTo(1);
        assertThat(crashed.recordsRead()).isBetween(1L, ROWS - 1L);
        crashed.assertIsExactlyACleanImportOfItsCommittedRows(DATA);

        try (ServeProcess second = ServeProcess.start(data, dir, "second")) {
            JsonNode done = second.awaitEnd(id, Duration.ofSeconds(90));

            assertEndedWithEveryRowCountedOnce(done, 2);
            assertThat(second.getText("/v1/imports/" + id + "/log"))
                    .contains("the process running this job stopped; requeued to resume from its last checkpoint")
                    .contains("(attempt 2) after " + crashed.recordsRead() + " committed rows");
            assertThat(second.get("/v1/collections/people").get("record_count").asLong()).isEqualTo(ALL.created());
            assertThat(second.terminate(Duration.ofSeconds(20))).isEqualTo(143);
        }
        assertStoredExactlyOnce(StoredImport.read(data, id), 2);
    }

    @Test
    void a_server_stopped_gracefully_mid_import_gives_the_job_back_to_the_queue_and_resumes_it_to_the_same_counts()
            throws Exception {
        Path data = dir.resolve("data");
        Path csv = writeCsv();
        String id;
        try (ServeProcess first = ServeProcess.start(data, dir, "first")) {
            id = first.importPeoplePartway(csv, ROWS);

            long stopping = System.nanoTime();
            assertThat(first.terminate(Duration.ofSeconds(10))).as("exit status of SIGTERM").isEqualTo(143);
            assertThat(Duration.ofNanos(System.nanoTime() - stopping)).isLessThan(Duration.ofSeconds(5));
        }

        StoredImport released = StoredImport.read(data, id);
        assertThat(released.state()).as("released, not left running").isEqualTo("queued");
        assertThat(released.leaseOwner()).isNull();
        assertThat(released.attempt()).as("a graceful release is not a failed attempt").isEqualTo(1);
        assertThat(released.recordsRead()).isBetween(1L, ROWS - 1L);
        released.assertIsExactlyACleanImportOfItsCommittedRows(DATA);

        try (ServeProcess second = ServeProcess.start(data, dir, "second")) {
            JsonNode done = second.awaitEnd(id, Duration.ofSeconds(90));

            assertEndedWithEveryRowCountedOnce(done, 1);
            assertThat(second.getText("/v1/imports/" + id + "/log"))
                    .contains("at shutdown; will resume from the last checkpoint")
                    .contains("(attempt 1) after " + released.recordsRead() + " committed rows")
                    .doesNotContain("requeued to resume");
            assertThat(second.terminate(Duration.ofSeconds(20))).isEqualTo(143);
        }
        assertStoredExactlyOnce(StoredImport.read(data, id), 1);
    }

    private static void assertEndedWithEveryRowCountedOnce(JsonNode job, int attempt) {
        assertThat(job.get("state").asText()).as("%s", job).isEqualTo("completed_with_errors");
        assertThat(job.get("attempt").asInt()).isEqualTo(attempt);
        assertThat(job.get("error").isNull()).isTrue();
        List<String> samples = new ArrayList<>();
        job.get("error_samples").forEach(sample -> samples.add(sample.asText()));
        assertThat(samples).as("the first 10 failures, each once").containsExactlyElementsOf(DATA.errorSamples("people.csv"));
        ALL.assertCounts(job.get("counts"));
        JsonNode file = job.get("files").get(0);
        assertThat(file.get("state").asText()).isEqualTo("completed_with_errors");
        ALL.assertCounts(file.get("counts"));
        assertThat(job.get("progress").get("percent").asDouble()).isEqualTo(100.0);
        assertThat(job.get("progress").get("rows_processed").asLong()).isEqualTo(ROWS);
        assertThat(job.get("progress").get("rows_total").asLong()).isEqualTo(ROWS);
    }

    private static void assertStoredExactlyOnce(StoredImport stored, int attempt) {
        assertThat(stored.state()).isEqualTo("completed_with_errors");
        assertThat(stored.attempt()).isEqualTo(attempt);
        assertThat(stored.recordsRead()).isEqualTo(ROWS);
        assertThat(stored.counts()).isEqualTo(new Tally(ALL.created(), 0, 0, ALL.skipped(), ALL.failed()));
        assertThat(stored.fileState()).isEqualTo("completed_with_errors");
        assertThat(stored.fileBytesProcessed()).as("bytes are counted once too").isEqualTo(stored.fileSizeBytes());
        assertThat(stored.fileSizeBytes()).isEqualTo(DATA.bytes.length);
        stored.assertIsExactlyACleanImportOfItsCommittedRows(DATA);
    }
}
