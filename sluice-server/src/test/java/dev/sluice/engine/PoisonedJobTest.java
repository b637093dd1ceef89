package dev.sluice.engine;

import dev.sluice.job.OptionSet;
import dev.sluice.job.SourceFormat;
import dev.sluice.job.ConflictPolicy;
import dev.sluice.collection.CollectionSchema;
import dev.sluice.format.ConvertedRow;
import dev.sluice.job.Job;
import dev.sluice.job.ImportOptions;
import dev.sluice.job.JobState;
import dev.sluice.job.Uuid7;
import dev.sluice.source.Staging;
import dev.sluice.store.CollectionStore;
import dev.sluice.store.Database;
import dev.sluice.store.JobStore;
import dev.sluice.store.Leases;
import dev.sluice.store.NewJob;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A job that brings down what runs it, {@code Error}s included, ends with {@code internal_error}
 * and frees its worker: the imports queued behind it on the one worker still run
 * (docs/operations.md, "A worker can never be held").
 */
class PoisonedJobTest {
    @TempDir
    Path dir;

    /** Throws, as the sink prepares a row named {@code stack} or {@code memory}, that Error. */
    private static void poison(List<ConvertedRow> rows) {
        for (ConvertedRow row : rows) {
            if ("stack".equals(row.values()[1])) {
                throw new StackOverflowError("a row too deep at line " + row.line());
            }
            if ("memory".equals(row.values()[1])) {
                throw new OutOfMemoryError("Java heap space");
            }
        }
    }

    private static byte[] csv(String... names) {
        StringBuilder sb = new StringBuilder("email,name,age\n");
        for (int i = 0; i < names.length; i++) {
            sb.append("p").append(i).append("@x.com,").append(names[i]).append(",").append(i).append('\n');
        }
        return sb.toString().getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void an_error_on_the_reader_thread_fails_that_job_and_the_jobs_behind_it_on_the_one_worker_still_run()
            throws Exception {
        try (LocalEngine engine = new LocalEngine(dir, 10, Duration.ofMillis(50), new WatchedSink(PoisonedJobTest::poison))) {
            engine.createPeople();
            Job stack = engine.submit(ImportOptions.DEFAULT, csv("Ada", "stack", "Bob"));
            Job memory = engine.submit(ImportOptions.DEFAULT, csv("memory"));
            Job good = engine.submit(ImportOptions.DEFAULT, csv("Ada", "Bob", "Cy"));

            Job stackEnded = engine.awaitEnd(stack.id());
            Job memoryEnded = engine.awaitEnd(memory.id());
            Job goodEnded = engine.awaitEnd(good.id());

            assertThat(stackEnded.state()).isEqualTo(JobState.FAILED);
            assertThat(stackEnded.error().code()).isEqualTo("internal_error");
            assertThat(stackEnded.error().message()).isEqualTo("the import stopped on an internal error: reading"
                    + " people.csv (near line 5) failed: java.lang.StackOverflowError: a row too deep at line 3");
            assertThat(stackEnded.retryable()).as("the same row would overflow again").isFalse();
            assertThat(memoryEnded.state()).isEqualTo(JobState.FAILED);
            assertThat(memoryEnded.error().message()).contains("OutOfMemoryError");
            assertThat(memoryEnded.retryable()).as("memory may be there next time").isTrue();
            assertThat(goodEnded.state()).isEqualTo(JobState.COMPLETED);
            assertThat(goodEnded.counts().processed()).isEqualTo(3);
        }
    }

    @Test
    void a_job_whose_process_died_under_it_twice_fails_at_the_next_start_instead_of_running_a_third_time()
            throws Exception {
        String twice = Uuid7.next(InstantSource.system()).toString();
        String once = Uuid7.next(InstantSource.system()).toString();
        try (Database db = Database.openSqlite(dir)) {
            JobStore jobs = new JobStore(db, InstantSource.system());
            new CollectionStore(db, InstantSource.system()).create(LocalEngine.people());
            Staging staging = new Staging(dir.resolve("staging"));
            for (String id : List.of(twice, once)) {
                Staging.StagedFile staged = staging.stage(id, "f1" + id, new ByteArrayInputStream(csv("Ada", "Bob")),
                        Long.MAX_VALUE);
                jobs.create(new NewJob(id, "people", JobState.QUEUED, ImportOptions.DEFAULT, "{}", "{}", null, null,
                        null, List.of(new NewJob.NewFile("f1" + id, "people.csv", SourceFormat.CSV, OptionSet.EMPTY, staged.size(), null,
                        staged.path()))));
            }
            jobs.claimNext("a-process-that-dies", Duration.ofSeconds(30));
            new Leases(jobs).requeueOrphans(); // the next process starts, and dies running it again
            jobs.claimNext("another-process-that-dies", Duration.ofSeconds(30));
            jobs.claimNext("another-process-that-dies", Duration.ofSeconds(30));
            assertThat(jobs.require(twice).attempt()).isEqualTo(2);
            assertThat(jobs.require(once).attempt()).isEqualTo(1);
        }

        try (LocalEngine engine = new LocalEngine(dir, 10, Duration.ofMillis(50))) {
            Job failed = engine.awaitEnd(twice);
            Job resumed = engine.awaitEnd(once);

            assertThat(failed.state()).isEqualTo(JobState.FAILED);
            assertThat(failed.error().code()).isEqualTo("internal_error");
            assertThat(failed.error().message()).isEqualTo("the process stopped while running this job on 2"
                    + " attempts in a row; it is not resumed again, in case the job itself stops the process: retry"
                    + " the job to run it again");
            assertThat(failed.retryable()).isTrue();
            assertThat(resumed.state()).isEqualTo(JobState.COMPLETED);
            assertThat(resumed.attempt()).isEqualTo(2);
        }
    }
}
