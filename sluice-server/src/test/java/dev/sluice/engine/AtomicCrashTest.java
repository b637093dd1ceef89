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

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An atomic job ({@code atomic=true}, docs/concepts.md, "Atomic imports") killed with SIGKILL in a
 * real {@code sluice serve}, while it reads or inside its apply, on each database: the collection is
 * untouched after the kill (a killed apply's transaction is gone whole), and the next run resumes
 * from the checkpoint and applies, so the collection ends with every row exactly once and the counts
 * add up. (Two kills in a row fail the job on SQLite, by the engine's rule for jobs that bring their
 * process down, so each kill has its own test.) The apply is slowed by the test hook
 * {@link AtomicApply#PAUSE_PROPERTY} so that the kill lands inside it.
 */
class AtomicCrashTest {
    /** On SQLite, enough rows that the reading is still under way when the test looks. */
    private static final int ROWS = 300_000;
    /**
     * PostgreSQL reads an atomic job more slowly (each row's outcome is predicted by a key lookup, as
     * in a validate-only job), so fewer rows there; but not too few: 30,000 rows were once read in
     * 1.4 s, before the test's polling saw a chunk committed, and the kill never landed mid-load.
     */
    private static final int PG_ROWS = 100_000;
    private static final List<String> SLOW_APPLY = List.of("-D" + AtomicApply.PAUSE_PROPERTY + "=500");

    @TempDir
    Path dir;

    /** Where the test reads what the database holds: the people table and the staging tables. */
    private record Stored(String url, String people, String stagingTables) {
        long records() throws Exception {
            return one("SELECT count(*) FROM " + people);
        }

        long distinctKeys() throws Exception {
            return one("SELECT count(DISTINCT email) FROM " + people);
        }

        long staging() throws Exception {
            return one("SELECT count(*) FROM " + stagingTables);
        }

        private long one(String sql) throws Exception {
            try (Connection c = DriverManager.getConnection(url); Statement st = c.createStatement();
                 ResultSet rs = st.executeQuery(sql)) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    @Test
    void on_sqlite_a_kill_mid_load_leaves_the_table_untouched_and_the_next_run_applies_every_row_once()
            throws Exception {
        Path data = dir.resolve("data");
        killThenFinish(data, sqlite(data), ROWS, false);
    }

    @Test
    void on_sqlite_a_kill_mid_apply_rolls_it_back_whole_and_the_next_run_applies_every_row_once()
            throws Exception {
        Path data = dir.resolve("data");
        killThenFinish(data, sqlite(data), ROWS, true);
    }

    @Test
    void on_postgres_a_kill_mid_load_leaves_the_table_untouched_and_the_next_node_applies_every_row_once()
            throws Exception {
        String url = PostgresTestServer.freshDatabaseUrl();
        killThenFinish(dir.resolve("data"), postgres(url), PG_ROWS, false, "--database-url", url,
                "--lease-timeout", "10s");
    }

    @Test
    void on_postgres_a_kill_mid_apply_rolls_it_back_whole_and_the_next_node_applies_every_row_once()
            throws Exception {
        String url = PostgresTestServer.freshDatabaseUrl();
        killThenFinish(dir.resolve("data"), postgres(url), PG_ROWS, true, "--database-url", url,
                "--lease-timeout", "10s");
    }

    private static Stored sqlite(Path data) {
        return new Stored("jdbc:sqlite:" + data.resolve("sluice.db").toAbsolutePath(), "people",
                "sqlite_master WHERE name LIKE '_sluice_atomic_%'");
    }

    private static Stored postgres(String url) {
        return new Stored(url, "public.people", "pg_catalog.pg_tables WHERE tablename LIKE '_sluice_atomic_%'");
    }

    /**
     * Kills the first process while the job reads or, with {@code inApply}, inside its apply (slowed by
     * the test hook); checks that nothing reached the collection; lets a second process finish the job.
     */
    private void killThenFinish(Path data, Stored stored, int rows, boolean inApply, String... database)
            throws Exception {
        PeopleCsv people = PeopleCsv.generate(rows);
        PeopleCsv.Expected all = people.expect(rows);
        Path csv = dir.resolve("people.csv");
        Files.write(csv, people.bytes);
        String id;
        try (ServeProcess first = ServeProcess.start(data, dir, "first", SLOW_APPLY, node("first", database))) {
            first.createPeople();
            id = first.submitCsv(csv, "atomic=true");
            if (inApply) {
                assertThat(awaitApply(first, id).get("current_operation").asText()).startsWith("applying ");
                Thread.sleep(1500);
                JsonNode applying = first.get("/v1/imports/" + id);
                assertThat(applying.get("state").asText()).as("still inside the apply: %s", applying)
                        .isEqualTo("running");
            } else {
                first.awaitPartlyCommitted(id, rows);
            }
            assertThat(first.kill()).isEqualTo(137);
        }
        assertThat(stored.records()).as("nothing reached the collection").isZero();
        assertThat(stored.staging()).as("the staged rows wait in their table").isEqualTo(1);

        try (ServeProcess second = ServeProcess.start(data, dir, "second", List.of(), node("second", database))) {
            JsonNode done = second.awaitEnd(id, Duration.ofSeconds(180));
            assertThat(done.get("state").asText()).as("%s\n%s", done, second.logTail())
                    .isEqualTo("completed_with_errors");
            assertThat(done.get("attempt").asInt()).isEqualTo(2);
            all.assertCounts(done.get("counts"));
            all.assertCounts(done.get("files").get(0).get("counts"));
            assertThat(second.getText("/v1/imports/" + id + "/log"))
                    .containsOnlyOnce("staged rows to people in one transaction of");
        }
        assertThat(stored.records()).isEqualTo(all.created());
        assertThat(stored.distinctKeys()).isEqualTo(all.created());
        assertThat(stored.staging()).as("the staging table went with the apply").isZero();
    }

    private static String[] node(String name, String... database) {
        List<String> args = new java.util.ArrayList<>(List.of(database));
        args.addAll(List.of("--node-id", name));
        return args.toArray(String[]::new);
    }

    /** Polls until the job reports its apply; answers its status document. */
    private static JsonNode awaitApply(ServeProcess node, String id) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        JsonNode job = null;
        while (System.nanoTime() < deadline) {
            job = node.get("/v1/imports/" + id);
            String operation = job.get("current_operation").asText("");
            if (operation.startsWith("applying ")) {
                return job;
            }
            assertThat(job.get("state").asText()).as("the job ended before its apply could be interrupted: %s\n%s",
                    job, node.logTail()).isIn("queued", "running");
            Thread.sleep(50);
        }
        throw new AssertionError("the apply did not start within 120 s: " + job + "\n" + node.logTail());
    }
}
