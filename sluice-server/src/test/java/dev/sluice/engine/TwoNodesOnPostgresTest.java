package dev.sluice.engine;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.store.PostgresTestServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * docs/operations.md "PostgreSQL and several nodes": two {@code sluice serve} nodes share one PostgreSQL (and one data
 * directory, where uploads are staged). The node running a large import is killed with SIGKILL;
 * its lease expires, the other node's reaper requeues the job and that node finishes it from the
 * last committed checkpoint: every one of the 1M rows exactly once, counts exact, attempt 2.
 */
class TwoNodesOnPostgresTest {
    private static final int ROWS = 1_000_000;
    private static final PeopleCsv DATA = PeopleCsv.generate(ROWS);
    private static final PeopleCsv.Expected ALL = DATA.expect(ROWS);

    @TempDir
    Path dir;

    private static ServeProcess node(Path data, Path logs, String name, String url) throws Exception {
        return ServeProcess.start(data, logs, name, "--database-url", url, "--node-id", name,
                "--lease-timeout", "2s");
    }

    @Test
    void the_other_node_finishes_the_import_of_a_killed_node_with_every_row_counted_once() throws Exception {
        String url = PostgresTestServer.freshDatabaseUrl();
        Path data = dir.resolve("shared-data");
        Path csv = dir.resolve("people.csv");
        Files.write(csv, DATA.bytes);
        try (ServeProcess a = node(data, dir, "node-a", url); ServeProcess b = node(data, dir, "node-b", url)) {
            a.createPeople();
            String id = a.submitCsv(csv);
            a.awaitCommitted(id, ROWS / 5, ROWS); // part way: a checkpoint of many transactions to resume from
            boolean aRunsIt = a.getText("/v1/imports/" + id + "/log").contains("claimed by node-a");
            ServeProcess victim = aRunsIt ? a : b;
            ServeProcess survivor = aRunsIt ? b : a;

            assertThat(victim.kill()).as("exit status of SIGKILL").isEqualTo(137);
            JsonNode done = survivor.awaitEnd(id, Duration.ofSeconds(120));

            assertThat(done.get("state").asText()).as("%s", done).isEqualTo("completed_with_errors");
            assertThat(done.get("attempt").asInt()).isEqualTo(2);
            ALL.assertCounts(done.get("counts"));
            assertThat(survivor.getText("/v1/imports/" + id + "/log"))
                    .contains("the lease of " + (aRunsIt ? "node-a" : "node-b") + " expired; requeued")
                    .contains("claimed by " + (aRunsIt ? "node-b" : "node-a"));
            StoredOnPostgres.assertStoredExactlyOnce(url, id, ALL);
        }
    }
}
