package dev.sluice.cli;

import dev.sluice.Config;
import dev.sluice.Service;
import dev.sluice.client.ImportJob;
import dev.sluice.client.Json;
import dev.sluice.client.NewImport;
import dev.sluice.client.SluiceClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** The progress a command shows while a job runs, on a terminal and in a pipe (docs/cli.md#progress-and-the-summary). */
class ProgressViewTest {
    @TempDir
    Path dir;

    private static ImportJob running(Instant startedAt, Instant eta) throws Exception {
        return Json.mapper().readValue("""
                {"id": "01a2311c-a2be-72b7-af5b-14258e940cad", "collection": "people", "state": "running",
                 "progress": {"bytes_processed": 31457280, "bytes_total": 62914560, "percent": 50.0,
                              "rows_per_second": 100000.0},
                 "counts": {"processed": 1000000, "succeeded": 1000000, "created": 1000000, "updated": 0,
                            "unchanged": 0, "skipped": 0, "failed": 0},
                 "estimated_completion": "%s",
                 "files": [{"id": "f1", "name": "big.csv", "format": "csv", "state": "running"}],
                 "error_samples": [], "created_at": "%s", "started_at": "%s", "updated_at": "%s"}
                """.formatted(eta, startedAt, startedAt, Instant.now()), ImportJob.class);
    }

    @Test
    void in_a_pipe_the_line_says_the_time_left_not_a_clock_time() throws Exception {
        ImportJob job = running(Instant.now().minusSeconds(10), Instant.now().plusSeconds(65));

        String line = new ProgressView(System.err, false, ProgressView.label(job)).line(job);

        assertThat(line).startsWith("big.csv: running 50.0%, 1,000,000 rows (100,000 rows/s), 0:01:0")
                .endsWith(" left").doesNotContain("ETA").doesNotContain("Z");
    }

    @Test
    void a_watched_job_is_labelled_by_its_file_and_its_bar_counts_from_the_jobs_start() throws Exception {
        ImportJob job = running(Instant.now().minusSeconds(10), Instant.now().plusSeconds(10));
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();

        try (ProgressView view = new ProgressView(new PrintStream(bytes, true, StandardCharsets.UTF_8), true,
                ProgressView.label(job))) {
            view.show(job);
            Thread.sleep(600);
        }

        String drawn = bytes.toString(StandardCharsets.UTF_8);
        assertThat(ProgressView.label(job)).isEqualTo("big.csv");
        assertThat(drawn).contains("big.csv  50%").contains("(0:00:1").contains(" / 0:00:").containsPattern("(2\\.9|3\\.0) MB/s")
                .doesNotContain("0:00:00 / 0:00:00").doesNotContain("? MB/s");
    }

    @Test
    void answering_no_to_the_cancel_question_prints_nothing_after_the_job_is_left_running() throws Exception {
        try (Service server = Service.start(Config.builder().port(0).dataDir(dir.resolve("server")).workers(1)
                .chunkRows(100).commitInterval(Duration.ofMillis(100)).nodeId("watch-test").build())) {
            SluiceClient client = SluiceClient.create("http://127.0.0.1:" + server.port());
            client.createCollection(new dev.sluice.client.Collection("waiting", List.of(
                    new dev.sluice.client.Collection.Field("id", "integer", false, null)), List.of("id"), false,
                    null, null, null));
            // an open job waits for its files: it stays unended while it is watched
            ImportJob open = client.createImport(NewImport.builder("waiting").open(true).build());
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            JobWatch watch = new JobWatch(client, false, false, true, new PrintStream(bytes, true, StandardCharsets.UTF_8),
                    new BufferedReader(new StringReader("n\n")));
            Thread ctrlC = new Thread(() -> {
                sleep(800);
                watch.interrupt();
            });
            ctrlC.start();

            ImportJob left = watch.follow(open, "waiting", Instant.now());

            ctrlC.join();
            String err = bytes.toString(StandardCharsets.UTF_8);
            assertThat(left.state()).isEqualTo("open");
            assertThat(err).contains("Cancel job " + open.id() + " on the server?");
            assertThat(err.substring(err.indexOf("left job " + open.id()))).isEqualTo("left job " + open.id()
                    + " running on the server; follow it with 'sluice status " + open.id() + " --watch'"
                    + System.lineSeparator());
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
