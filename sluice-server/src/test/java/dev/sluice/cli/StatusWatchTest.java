package dev.sluice.cli;

import dev.sluice.Config;
import dev.sluice.ConfigBuilder;
import dev.sluice.Service;
import dev.sluice.client.ImportJob;
import dev.sluice.client.NewImport;
import dev.sluice.client.SluiceClient;
import dev.sluice.engine.ClaimScope;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code sluice status ID --watch} on a server follows the job through its event stream, and polls
 * when the server refuses the stream (docs/cli.md). The server claims no job, so the job waits
 * queued until the test cancels it: the watch must see that end while it is watching.
 */
class StatusWatchTest {
    @TempDir
    Path dir;

    private Service start(ConfigBuilder config) {
        return Service.start(config.port(0).dataDir(dir.resolve("server")).workers(1).nodeId("watch-test").build(),
                ClaimScope.none());
    }

    /** A collection {@code people} made through the CLI, and a job of two rows submitted to it. */
    static ImportJob queuedJob(Path dir, String url) throws Exception {
        Path definition = Files.writeString(dir.resolve("people.json"), """
                {"name": "people", "fields": [{"name": "id", "type": "integer"}], "key": ["id"]}""");
        assertThat(CliRun.of("collections", "create", "--file", definition.toString(), "--server", url).exitCode()).isZero();
        return SluiceClient.create(url).createImport(NewImport.builder("people").build(),
                List.of(Files.writeString(dir.resolve("a.csv"), "id\n1\n2\n")));
    }

    /** The newest document {@code updates} gives once the job ends, or after 30 s. */
    static ImportJob followToEnd(JobUpdates updates, ImportJob job) throws InterruptedException {
        ImportJob seen = job;
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!seen.isTerminal() && System.nanoTime() < until) {
            seen = updates.next(Duration.ofMillis(250));
        }
        return seen;
    }

    @Test
    void the_watch_sees_the_job_end_through_its_event_stream() throws Exception {
        try (Service server = start(Config.builder())) {
            String url = "http://127.0.0.1:" + server.port();
            SluiceClient client = SluiceClient.create(url);
            ImportJob job = queuedJob(dir, url);
            JobUpdates updates = JobUpdates.streamed(client, job);
            client.cancel(job.id());
            assertThat(followToEnd(updates, job).state()).isEqualTo("cancelled");
            await().atMost(Duration.ofSeconds(10)).until(updates::sawEnd);
            assertThat(updates.fallback()).as("the stream was followed, not polled").isNull();
        }
    }

    @Test
    void status_watch_follows_a_queued_job_to_its_cancellation() throws Exception {
        try (Service server = start(Config.builder())) {
            String url = "http://127.0.0.1:" + server.port();
            ImportJob job = queuedJob(dir, url);
            CompletableFuture<CliRun> watch = CompletableFuture.supplyAsync(() -> CliRun.of("status", job.id(), "--watch",
                    "--server", url));
            Thread.sleep(1_000);
            assertThat(watch).as("still watching the queued job").isNotDone();
            SluiceClient.create(url).cancel(job.id());
            CliRun run = watch.get(30, TimeUnit.SECONDS);

            assertThat(run.exitCode()).as(run.err()).isEqualTo(1);
            assertThat(run.err()).contains("cancelled: 0 rows").doesNotContain("polling");
        }
    }

    @Test
    void status_watch_polls_when_the_server_refuses_the_stream() throws Exception {
        try (Service server = start(Config.builder().maxEventStreams(0))) {
            String url = "http://127.0.0.1:" + server.port();
            ImportJob job = queuedJob(dir, url);
            CompletableFuture<CliRun> watch = CompletableFuture.supplyAsync(() -> CliRun.of("status", job.id(), "--watch",
                    "--server", url));
            Thread.sleep(1_000);
            SluiceClient.create(url).cancel(job.id());
            CliRun run = watch.get(30, TimeUnit.SECONDS);

            assertThat(run.exitCode()).as(run.err()).isEqualTo(1);
            assertThat(run.err()).contains("following job by polling every 250 ms: the event stream answered 503"
                    + " too_many_streams").contains("cancelled: 0 rows");
        }
    }
}
