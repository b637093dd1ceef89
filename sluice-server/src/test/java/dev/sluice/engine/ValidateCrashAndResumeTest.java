package dev.sluice.engine;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.job.Tally;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A validate-only job keeps the engine's promise too: killed part way (SIGKILL, a real process),
 * it resumes from its checkpoint and counts every row exactly once, because the keys it has seen
 * live in a scratch table written in the same transaction as the counts and the checkpoint. And it
 * never writes a record.
 */
class ValidateCrashAndResumeTest {
    private static final int ROWS = 300_000;
    private static final PeopleCsv DATA = PeopleCsv.generate(ROWS);
    private static final PeopleCsv.Expected ALL = DATA.expect(ROWS);

    @TempDir
    Path dir;

    private static long scratchKeys(Path dataDir) throws SQLException {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dataDir.resolve("sluice.db").toAbsolutePath());
             Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT count(*) FROM _sluice_validation_keys")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    @Test
    void a_validation_killed_mid_way_resumes_from_its_checkpoint_counts_every_row_once_and_writes_nothing()
            throws Exception {
        Path data = dir.resolve("data");
        Path csv = dir.resolve("people.csv");
        Files.write(csv, DATA.bytes);
        String id;
        try (ServeProcess first = ServeProcess.start(data, dir, "first")) {
            first.createPeople();
            id = first.submitCsv(csv, "job_type=validate");
            first.awaitPartlyCommitted(id, ROWS);

            assertThat(first.kill()).isEqualTo(137);
        }

        StoredImport crashed = StoredImport.read(data, id);
        PeopleCsv.Expected committed = DATA.expect(Math.toIntExact(crashed.recordsRead()));
        assertThat(crashed.state()).isEqualTo("running");
        assertThat(crashed.recordsRead()).isBetween(1L, ROWS - 1L);
        assertThat(crashed.counts()).isEqualTo(new Tally(committed.created(), 0, 0, committed.skipped(),
                committed.failed()));
        assertThat(crashed.results()).isEqualTo(committed.results());
        assertThat(scratchKeys(data)).as("the keys of exactly the committed created rows").isEqualTo(committed.created());
        assertThat(crashed.recordCount()).isZero();

        try (ServeProcess second = ServeProcess.start(data, dir, "second")) {
            JsonNode done = second.awaitEnd(id, Duration.ofSeconds(90));

            assertThat(done.get("state").asText()).isEqualTo("completed_with_errors");
            assertThat(done.get("job_type").asText()).isEqualTo("validate");
            assertThat(done.get("attempt").asInt()).isEqualTo(2);
            assertThat(second.get("/v1/collections/people").get("record_count").asLong()).isZero();
            assertThat(second.terminate(Duration.ofSeconds(20))).isEqualTo(143);
        }
        StoredImport ended = StoredImport.read(data, id);
        assertThat(ended.counts()).isEqualTo(new Tally(ALL.created(), 0, 0, ALL.skipped(), ALL.failed()));
        assertThat(ended.recordsRead()).isEqualTo(ROWS);
        assertThat(ended.repeatedLines()).isEmpty();
        assertThat(ended.results()).isEqualTo(ALL.results());
        assertThat(ended.recordCount()).isZero();
        assertThat(scratchKeys(data)).as("the scratch keys are gone once the job ends").isZero();
    }
}
