package dev.sluice.engine;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.store.PostgresTestServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * docs/operations.md "PostgreSQL and several nodes", docs/cli.md "In-process or through a server":
 * processes that share one PostgreSQL but not the data directory where a job's upload is staged.
 * Node n1 (data directory A) queues a job and stops part way through it, leaving it queued. A
 * command run in-process on directory B must not touch it, and a node n2 serving on directory B
 * must leave it queued, saying why in its log; n1, back, completes it with every row once.
 */
class SharedQueueOnPostgresTest {
    private static final int ROWS = 100_000;
    private static final PeopleCsv DATA = PeopleCsv.generate(ROWS);
    private static final PeopleCsv.Expected ALL = DATA.expect(ROWS);
    private static final Pattern CANNOT_SEE = Pattern.compile("node n2 cannot see the staged file people\\.csv");

    @TempDir
    Path dir;

    private static ServeProcess node(String name, Path data, Path logs, String url) throws Exception {
        return ServeProcess.start(data, logs, name, "--database-url", url, "--node-id", name);
    }

    /** n1 on directory A takes the import part way and is stopped: the job is back in the queue. */
    private String jobLeftQueuedByN1(String url) throws Exception {
        Path csv = dir.resolve("people.csv");
        Files.write(csv, DATA.bytes);
        try (ServeProcess n1 = node("n1", dir.resolve("a"), dir, url)) {
            String id = n1.importPeoplePartway(csv, ROWS);
            assertThat(n1.terminate(Duration.ofSeconds(20))).as("exit status of SIGTERM").isEqualTo(143);
            return id;
        }
    }

    /** n1 comes back on directory A and completes the job: every row once, on its first attempt. */
    private void n1Completes(String url, String id) throws Exception {
        try (ServeProcess n1 = node("n1-again", dir.resolve("a"), dir, url)) {
            JsonNode done = n1.awaitEnd(id, Duration.ofSeconds(120));
            assertThat(done.get("state").asText()).as("%s", done).isEqualTo("completed_with_errors");
            assertThat(done.get("attempt").asInt()).isEqualTo(1);
            ALL.assertCounts(done.get("counts"));
        }
        StoredOnPostgres.assertStoredExactlyOnce(url, id, ALL);
    }

    @Test
    void a_listing_run_in_process_on_another_data_directory_leaves_the_queued_job_of_another_node_untouched()
            throws Exception {
        String url = PostgresTestServer.freshDatabaseUrl();
        String id = jobLeftQueuedByN1(url);
        String before = StoredOnPostgres.snapshot(url, id);
        assertThat(before).contains("queued");

        CliProcess jobs = CliProcess.run(dir, "jobs", "jobs", "--database-url", url,
                "--data-dir", dir.resolve("b").toString());

        assertThat(jobs.exitCode()).as("%s", jobs).isZero();
        assertThat(jobs.out()).containsPattern(Pattern.quote(id) + "\\s+queued\\s+people");
        assertThat(StoredOnPostgres.snapshot(url, id)).as("the job after the listing").isEqualTo(before);
        n1Completes(url, id);
    }

    @Test
    void a_node_that_cannot_see_the_staged_file_leaves_the_job_queued_and_says_so_once_in_its_log() throws Exception {
        String url = PostgresTestServer.freshDatabaseUrl();
        String id = jobLeftQueuedByN1(url);

        try (ServeProcess n2 = node("n2", dir.resolve("b"), dir, url)) {
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (!CANNOT_SEE.matcher(n2.getText("/v1/imports/" + id + "/log")).find()) {
                assertThat(System.nanoTime()).as("n2 looked at the job within 30 s\n%s", n2.logTail())
                        .isLessThan(deadline);
                Thread.sleep(100);
            }
            Thread.sleep(3_000); // n2's workers poll every second meanwhile: they must not take it up again

            JsonNode job = n2.get("/v1/imports/" + id);
            assertThat(job.get("state").asText()).as("%s", job).isEqualTo("queued");
            assertThat(job.get("error").isNull()).isTrue();
            assertThat(job.get("attempt").asInt()).isEqualTo(1);
            String log = n2.getText("/v1/imports/" + id + "/log");
            assertThat(count(CANNOT_SEE.matcher(log))).as("times said, in\n%s", log).isEqualTo(1);
            assertThat(log).contains("left queued for a node that can").doesNotContain("claimed by n2");

            n1Completes(url, id);
        }
    }

    private static int count(Matcher m) {
        int n = 0;
        while (m.find()) {
            n++;
        }
        return n;
    }
}
