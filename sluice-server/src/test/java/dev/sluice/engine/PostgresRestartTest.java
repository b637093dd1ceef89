package dev.sluice.engine;

import com.fasterxml.jackson.databind.JsonNode;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 3 item 5, PostgreSQL itself restarted: a real {@code sluice serve} imports a large file into
 * its own embedded PostgreSQL, which is shut down part way (every connection goes, new ones are
 * refused), left down for a few seconds, and started again on the same data and port. The chunk
 * transaction that broke, and those tried while the server was down, are retried with backoff;
 * the job completes exactly once, in the same attempt. While the database is down, a status read
 * answers 503 {@code database_unavailable} within the pool's connection timeout.
 */
class PostgresRestartTest {
    private static final int ROWS = 300_000;
    private static final PeopleCsv DATA = PeopleCsv.generate(ROWS);
    private static final PeopleCsv.Expected ALL = DATA.expect(ROWS);
    private static final Duration DOWN = Duration.ofSeconds(3);

    @TempDir
    Path dir;

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    private static EmbeddedPostgres startPostgres(Path data, int port) throws IOException {
        return EmbeddedPostgres.builder().setDataDirectory(data).setCleanDataDirectory(false).setPort(port).start();
    }

    @Test
    void an_import_survives_a_postgres_restart_and_every_row_is_counted_once() throws Exception {
        Path pgData = dir.resolve("pg");
        int port = freePort();
        EmbeddedPostgres pg = startPostgres(pgData, port);
        String url = pg.getJdbcUrl("postgres", "postgres");
        Path csv = dir.resolve("people.csv");
        Files.write(csv, DATA.bytes);
        try (ServeProcess node = ServeProcess.start(dir.resolve("data"), dir, "node", "--database-url", url,
                "--node-id", "node-1")) {
            String id = node.importPeoplePartway(csv, ROWS);

            pg.close(); // pg_ctl stop -m fast: open transactions roll back, connections are cut
            Thread.sleep(DOWN.toMillis());
            long asked = System.nanoTime();
            assertThat(node.statusOf("/v1/imports/" + id)).as("a status read while the database is down")
                    .isEqualTo(503);
            assertThat(Duration.ofNanos(System.nanoTime() - asked)).isLessThan(Duration.ofSeconds(10));
            pg = startPostgres(pgData, port);

            JsonNode done = node.awaitEnd(id, Duration.ofSeconds(180));
            assertThat(done.get("state").asText()).as("%s\n%s", done, node.logTail())
                    .isEqualTo("completed_with_errors");
            assertThat(done.get("attempt").asInt()).as("the same attempt carried on").isEqualTo(1);
            ALL.assertCounts(done.get("counts"));
            assertThat(node.logTail()).as("the restart reached the import")
                    .containsPattern("lost database connection|database is back");
            StoredOnPostgres.assertStoredExactlyOnce(url, id, ALL);
        } finally {
            pg.close();
        }
    }
}
