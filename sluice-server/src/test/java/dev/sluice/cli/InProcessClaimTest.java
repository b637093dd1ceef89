package dev.sluice.cli;

import dev.sluice.job.OptionSet;
import dev.sluice.job.SourceFormat;
import dev.sluice.job.ImportOptions;
import dev.sluice.job.JobState;
import dev.sluice.job.Uuid7;
import dev.sluice.store.Database;
import dev.sluice.store.JobStore;
import dev.sluice.store.NewJob;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * docs/cli.md "In-process or through a server": the Sluice a command starts in-process runs only
 * the job the command creates or follows; a listing leaves a job that waits in the queue alone.
 */
class InProcessClaimTest {
    @TempDir
    Path dir;

    private String data() {
        return dir.resolve("data").toString();
    }

    /** A job queued on the data directory by someone else (a stopped service), its upload staged. */
    private String queuedJob() throws Exception {
        Path schema = dir.resolve("people.json");
        Files.writeString(schema, "{\"name\": \"people\", \"fields\": [{\"name\": \"email\", \"type\": \"string\"}],"
                + " \"key\": [\"email\"]}");
        assertThat(CliRun.of("collections", "create", "--file", schema.toString(), "--data-dir", data()).exitCode())
                .isZero();
        String id = Uuid7.next(InstantSource.system()).toString();
        Path staged = dir.resolve("data").resolve("staging").resolve(id).resolve("f1");
        Files.createDirectories(staged.getParent());
        Files.writeString(staged, "email\nada@example.com\nalan@example.com\n", StandardCharsets.UTF_8);
        try (Database db = Database.openSqlite(dir.resolve("data"))) {
            new JobStore(db, InstantSource.system()).create(new NewJob(id, "people", JobState.QUEUED,
                    ImportOptions.DEFAULT, "{}", "{}", null, null, null,
                    List.of(new NewJob.NewFile("f1", "people.csv", SourceFormat.CSV, OptionSet.EMPTY, Files.size(staged), null,
                            id + "/f1"))));
        }
        return id;
    }

    private String stateOf(String id) {
        try (Database db = Database.openSqlite(dir.resolve("data"))) {
            return new JobStore(db, InstantSource.system()).require(id).state().wireName();
        }
    }

    @Test
    void listing_and_reading_a_job_in_process_run_no_job_and_watching_it_runs_it_to_its_end() throws Exception {
        String id = queuedJob();

        CliRun jobs = CliRun.of("jobs", "--data-dir", data());
        CliRun status = CliRun.of("status", id, "--data-dir", data());

        assertThat(jobs.exitCode()).as("%s", jobs).isZero();
        assertThat(jobs.out()).containsPattern(id + "\\s+queued\\s+people");
        assertThat(status.exitCode()).as("%s", status).isZero();
        assertThat(stateOf(id)).isEqualTo("queued");

        CliRun watch = CliRun.of("status", id, "--watch", "--data-dir", data());

        assertThat(watch.exitCode()).as("%s", watch).isZero();
        assertThat(watch.err()).contains("completed: 2 rows");
        assertThat(stateOf(id)).isEqualTo("completed");
    }
}
