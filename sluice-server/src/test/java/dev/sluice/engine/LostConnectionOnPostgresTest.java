package dev.sluice.engine;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.store.PostgresTestServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 3 item 5, "the connection cut" variant of a PostgreSQL restart: while a real
 * {@code sluice serve} imports a large file in small chunks, every one of its connections is
 * terminated by the server ({@code pg_terminate_backend}), several times. The chunk transactions
 * that broke are retried; the job still completes exactly once, and the status of the job keeps
 * answering throughout: a read that meets a cut connection is answered on a fresh one.
 */
class LostConnectionOnPostgresTest {
    private static final int ROWS = 300_000;
    private static final PeopleCsv DATA = PeopleCsv.generate(ROWS);
    private static final PeopleCsv.Expected ALL = DATA.expect(ROWS);
    private static final int CUTS = 5;
    private static final Duration MAX_UNANSWERED = Duration.ofSeconds(2);

    @TempDir
    Path dir;

    @Test
    void connections_cut_mid_import_are_retried_and_every_row_is_counted_once() throws Exception {
        String url = PostgresTestServer.freshDatabaseUrl();
        Path csv = dir.resolve("people.csv");
        Files.write(csv, DATA.bytes);
        try (ServeProcess node = ServeProcess.start(dir.resolve("data"), dir, "node", "--database-url", url,
                "--node-id", "node-1")) {
            String id = node.importPeoplePartway(csv, ROWS);

            // poll the status as a dashboard would, all through the cuts
            AtomicBoolean polling = new AtomicBoolean(true);
            AtomicLong longestUnanswered = new AtomicLong();
            List<Integer> failures = new CopyOnWriteArrayList<>();
            Thread poller = new Thread(() -> {
                long lastAnswer = System.nanoTime();
                while (polling.get()) {
                    try {
                        int status = node.statusOf("/v1/imports/" + id);
                        long now = System.nanoTime();
                        if (status == 200) {
                            lastAnswer = now;
                        } else {
                            failures.add(status);
                        }
                        longestUnanswered.accumulateAndGet(now - lastAnswer, Math::max);
                        Thread.sleep(20);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }, "status-poller");
            poller.start();

            int cutWhileRunning = 0;
            try (Connection admin = DriverManager.getConnection(url)) {
                for (int i = 0; i < CUTS; i++) {
                    String state = node.get("/v1/imports/" + id).get("state").asText();
                    int cut = terminateOthers(admin);
                    if (state.equals("running") && cut > 0) {
                        cutWhileRunning++;
                    }
                    Thread.sleep(700);
                }
            }
            JsonNode done = node.awaitEnd(id, Duration.ofSeconds(180));
            polling.set(false);
            poller.join(10_000);

            assertThat(cutWhileRunning).as("cuts made while the job ran (the file is too small for this machine?)")
                    .isGreaterThanOrEqualTo(2);
            assertThat(Duration.ofNanos(longestUnanswered.get())).as("longest time the status went unanswered;"
                    + " failed polls: %s", failures).isLessThan(MAX_UNANSWERED);
            assertThat(failures).as("status reads that failed: a read that meets a cut connection is retried").isEmpty();
            assertThat(done.get("state").asText()).as("%s\n%s", done, node.logTail())
                    .isEqualTo("completed_with_errors");
            ALL.assertCounts(done.get("counts"));
            assertThat(node.logTail() + node.getText("/v1/imports/" + id + "/log"))
                    .as("the cuts reached the import").containsPattern("lost database connection|database is back");
            StoredOnPostgres.assertStoredExactlyOnce(url, id, ALL);
        }
    }

    /** Terminates every other connection to this database: the server's own connections. Answers how many. */
    private static int terminateOthers(Connection admin) throws Exception {
        try (Statement st = admin.createStatement(); ResultSet rs = st.executeQuery(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
                        + " WHERE datname = current_database() AND pid <> pg_backend_pid()")) {
            int n = 0;
            while (rs.next()) {
                n += rs.getBoolean(1) ? 1 : 0;
            }
            return n;
        }
    }
}
