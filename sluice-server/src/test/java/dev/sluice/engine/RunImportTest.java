package dev.sluice.engine;

import dev.sluice.job.OptionSet;
import dev.sluice.job.SourceFormat;
import dev.sluice.job.ConflictPolicy;
import dev.sluice.error.SluiceException;
import dev.sluice.job.Tally;
import dev.sluice.job.Job;
import dev.sluice.job.ImportOptions;
import dev.sluice.job.JobState;
import dev.sluice.job.RowOutcome;
import dev.sluice.job.RowReport;
import dev.sluice.job.Uuid7;
import dev.sluice.source.Staging;
import dev.sluice.store.CollectionStore;
import dev.sluice.store.Database;
import dev.sluice.store.JobStore;
import dev.sluice.store.NewJob;
import dev.sluice.store.ResultStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The engine running real jobs in this JVM: where an error budget cuts a job off, that results do
 * not depend on how rows are grouped into chunks and transactions, and what cancelling leaves.
 *
 * <p>The budget tests use chunks of 10 rows and, unless a case says otherwise, a commit interval
 * of a minute, so all of a 100-row file's chunks go into one transaction ("group commit") and a
 * failing row in the middle of a chunk makes the engine roll back and redo that transaction up to
 * the row that exhausted the allowance.
 */
class RunImportTest {
    private static final Duration ONE_TRANSACTION = Duration.ofMinutes(1);
    private static final ImportOptions ABORT = new ImportOptions(ConflictPolicy.SKIP,
            ImportOptions.ErrorMode.ABORT, null, ImportOptions.Results.ERRORS, ImportOptions.JobType.IMPORT);

    @TempDir
    Path dir;

    /** 100 people, {@code user<i>@x.com} on line i + 2; the rows in {@code bad} have the age {@code abc}. */
    private static byte[] hundredPeople(Set<Integer> bad) {
        StringBuilder sb = new StringBuilder("email,name,age\n");
        for (int i = 0; i < 100; i++) {
            sb.append("user").append(i).append("@x.com,Name ").append(i).append(',')
                    .append(bad.contains(i) ? "abc" : String.valueOf(i)).append('\n');
        }
        return sb.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** The names of the good rows among the first {@code n}, by email. */
    private static Map<String, String> goodRows(int n, Set<Integer> bad) {
        Map<String, String> out = new LinkedHashMap<>();
        for (int i = 0; i < n; i++) {
            if (!bad.contains(i)) {
                out.put("user" + i + "@x.com", "Name " + i);
            }
        }
        return out;
    }

    private static RowReport badAge(int i) {
        return new RowReport(0, i + 2, "user" + i + "@x.com",
                new RowOutcome.Failed("invalid_value", "age", "'abc' is not an integer"),
                "[\"user" + i + "@x.com\",\"Name " + i + "\",\"abc\"]");
    }

    @ParameterizedTest(name = "commit interval {0} ms")
    @ValueSource(longs = {60_000, 0})
    void abort_with_the_bad_row_in_the_middle_of_a_chunk_commits_exactly_the_rows_before_it_and_counts_them(
            long commitMillis) throws Exception {
        Set<Integer> bad = Set.of(34, 71);
        Job job;
        List<ResultStore.StoredResult> results;
        try (LocalEngine sluice = new LocalEngine(dir, 10, Duration.ofMillis(commitMillis))) {
            sluice.createPeople();
            job = sluice.awaitEnd(sluice.submit(ABORT, hundredPeople(bad)).id());
            results = sluice.results.page(job.id(), null, null, 0, 100);
        }

        assertThat(job.state()).isEqualTo(JobState.FAILED);
        assertThat(job.error()).isEqualTo(new Job.JobError("aborted_on_error",
                "stopped at the first failed row (error_mode=abort); 35 rows were processed and their effects committed"));
        assertThat(job.retryable()).isFalse();
        assertThat(job.failedAt()).isNotNull();
        assertThat(job.counts()).isEqualTo(new Tally(34, 0, 0, 0, 1));
        assertThat(job.errorSamples()).containsExactly("people.csv line 36: age: 'abc' is not an integer");
        assertThat(results).extracting(ResultStore.StoredResult::result).containsExactly(badAge(34));
        StoredImport stored = StoredImport.read(dir, job.id());
        assertThat(stored.recordsRead()).isEqualTo(35);
        assertThat(stored.fileState()).isEqualTo("failed");
        assertThat(stored.names()).isEqualTo(goodRows(34, bad));
        assertThat(stored.recordCount()).isEqualTo(34);
    }

    @Test
    void abort_with_the_bad_row_last_in_its_chunk_commits_that_whole_chunk() throws Exception {
        Set<Integer> bad = Set.of(39);
        Job job;
        try (LocalEngine sluice = new LocalEngine(dir, 10, ONE_TRANSACTION)) {
            sluice.createPeople();
            job = sluice.awaitEnd(sluice.submit(ABORT, hundredPeople(bad)).id());
        }

        assertThat(job.state()).isEqualTo(JobState.FAILED);
        assertThat(job.error().code()).isEqualTo("aborted_on_error");
        assertThat(job.counts()).isEqualTo(new Tally(39, 0, 0, 0, 1));
        StoredImport stored = StoredImport.read(dir, job.id());
        assertThat(stored.recordsRead()).isEqualTo(40);
        assertThat(stored.names()).isEqualTo(goodRows(39, bad));
        assertThat(stored.results()).isEqualTo(Map.of(41L, "failed:invalid_value"));
    }

    @Test
    void abort_on_the_very_first_row_commits_no_record_and_counts_that_one_row() throws Exception {
        Set<Integer> bad = Set.of(0);
        Job job;
        try (LocalEngine sluice = new LocalEngine(dir, 10, ONE_TRANSACTION)) {
            sluice.createPeople();
            job = sluice.awaitEnd(sluice.submit(ABORT, hundredPeople(bad)).id());
        }

        assertThat(job.state()).isEqualTo(JobState.FAILED);
        assertThat(job.error()).isEqualTo(new Job.JobError("aborted_on_error",
                "stopped at the first failed row (error_mode=abort); 1 rows were processed and their effects committed"));
        assertThat(job.counts()).isEqualTo(new Tally(0, 0, 0, 0, 1));
        StoredImport stored = StoredImport.read(dir, job.id());
        assertThat(stored.recordsRead()).isEqualTo(1);
        assertThat(stored.recordCount()).isZero();
        assertThat(stored.results()).isEqualTo(Map.of(2L, "failed:invalid_value"));
    }

    @Test
    void max_errors_cuts_the_job_at_the_row_that_exceeds_it_even_with_earlier_failures_in_earlier_chunks_of_the_transaction()
            throws Exception {
        Set<Integer> bad = Set.of(5, 27, 48, 80);
        ImportOptions twoErrors = new ImportOptions(ConflictPolicy.SKIP, ImportOptions.ErrorMode.CONTINUE,
                2L, ImportOptions.Results.ERRORS, ImportOptions.JobType.IMPORT);
        Job job;
        try (LocalEngine sluice = new LocalEngine(dir, 10, ONE_TRANSACTION)) {
            sluice.createPeople();
            job = sluice.awaitEnd(sluice.submit(twoErrors, hundredPeople(bad)).id());
        }

        assertThat(job.state()).isEqualTo(JobState.FAILED);
        assertThat(job.error()).isEqualTo(new Job.JobError("error_budget_exceeded",
                "3 rows failed, more than max_errors=2; 49 rows were processed and their effects committed"));
        assertThat(job.counts()).isEqualTo(new Tally(46, 0, 0, 0, 3));
        StoredImport stored = StoredImport.read(dir, job.id());
        assertThat(stored.recordsRead()).isEqualTo(49);
        assertThat(stored.names()).isEqualTo(goodRows(49, bad));
        assertThat(stored.results()).isEqualTo(Map.of(7L, "failed:invalid_value", 29L, "failed:invalid_value",
                50L, "failed:invalid_value"));
    }

    @Test
    void as_many_failed_rows_as_max_errors_allows_complete_the_job_with_errors() throws Exception {
        Set<Integer> bad = Set.of(5, 27, 48);
        ImportOptions threeErrors = new ImportOptions(ConflictPolicy.SKIP, ImportOptions.ErrorMode.CONTINUE,
                3L, ImportOptions.Results.ERRORS, ImportOptions.JobType.IMPORT);
        Job job;
        try (LocalEngine sluice = new LocalEngine(dir, 10, ONE_TRANSACTION)) {
            sluice.createPeople();
            job = sluice.awaitEnd(sluice.submit(threeErrors, hundredPeople(bad)).id());
        }

        assertThat(job.state()).isEqualTo(JobState.COMPLETED_WITH_ERRORS);
        assertThat(job.error()).isNull();
        assertThat(job.counts()).isEqualTo(new Tally(97, 0, 0, 0, 3));
        assertThat(StoredImport.read(dir, job.id()).names()).isEqualTo(goodRows(100, bad));
    }

    @ParameterizedTest(name = "{0} rows per chunk, commit interval {1} ms")
    @CsvSource({"7, 0", "1000, 20", "20000, 60000"})
    void outcomes_and_records_do_not_depend_on_chunk_size_or_commit_interval(int chunkRows, long commitMillis)
            throws Exception {
        PeopleCsv data = PeopleCsv.generate(20_000);
        Job job;
        try (LocalEngine sluice = new LocalEngine(dir, chunkRows, Duration.ofMillis(commitMillis))) {
            sluice.createPeople();
            job = sluice.awaitEnd(sluice.submit(ImportOptions.DEFAULT, data.bytes).id());
        }

        PeopleCsv.Expected expected = data.expect(20_000);
        assertThat(job.state()).isEqualTo(JobState.COMPLETED_WITH_ERRORS);
        assertThat(job.counts()).isEqualTo(new Tally(expected.created(), 0, 0, expected.skipped(), expected.failed()));
        StoredImport stored = StoredImport.read(dir, job.id());
        assertThat(stored.recordsRead()).isEqualTo(20_000);
        stored.assertIsExactlyACleanImportOfItsCommittedRows(data);
    }

    @Test
    void a_cancel_requested_while_the_jobs_process_was_dead_takes_effect_when_the_job_is_resumed() throws Exception {
        String id = Uuid7.next(InstantSource.system()).toString();
        try (Database db = Database.openSqlite(dir)) {
            JobStore jobs = new JobStore(db, InstantSource.system());
            new CollectionStore(db, InstantSource.system()).create(LocalEngine.people());
            Staging.StagedFile staged = new Staging(dir.resolve("staging"))
                    .stage(id, "f1", new ByteArrayInputStream(hundredPeople(Set.of())), Long.MAX_VALUE);
            jobs.create(new NewJob(id, "people", JobState.QUEUED, ImportOptions.DEFAULT, "{}", "{}", null, null, null,
                    List.of(new NewJob.NewFile("f1", "people.csv", SourceFormat.CSV, OptionSet.EMPTY, staged.size(), null, staged.path()))));
            jobs.claimNext("a-node-that-dies", Duration.ofSeconds(30));
            assertThat(jobs.requestCancel(id, LocalEngine.RETENTION).state()).isEqualTo(JobState.RUNNING);
        }

        Job job;
        List<String> log;
        try (LocalEngine sluice = new LocalEngine(dir, 10, ONE_TRANSACTION)) {
            job = sluice.awaitEnd(id);
            log = sluice.jobs.logLines(id).stream().map(l -> l.message()).toList();
        }

        assertThat(job.state()).isEqualTo(JobState.CANCELLED);
        assertThat(log).as("a job cancelled before its first chunk says so like any other")
                .contains("cancelled; 0 rows committed before it stay").endsWith("ended cancelled");
        assertThat(job.attempt()).isEqualTo(2);
        assertThat(job.counts()).isEqualTo(Tally.ZERO);
        StoredImport stored = StoredImport.read(dir, id);
        assertThat(stored.recordCount()).isZero();
        assertThat(stored.recordsRead()).isZero();
        assertThat(stored.fileState()).isEqualTo("cancelled");
    }

    @Test
    void a_cancelled_job_keeps_exactly_the_rows_it_committed_and_its_counts_equal_the_table() throws Exception {
        PeopleCsv data = PeopleCsv.generate(300_000);
        Job requested;
        Job job;
        String log;
        try (LocalEngine sluice = new LocalEngine(dir, 500, Duration.ZERO)) {
            sluice.createPeople();
            String id = sluice.submit(ImportOptions.DEFAULT, data.bytes).id();
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (sluice.jobs.require(id).counts().processed() == 0 && System.nanoTime() < deadline) {
                Thread.sleep(1);
            }

            requested = sluice.jobs.requestCancel(id, LocalEngine.RETENTION);
            job = sluice.awaitEnd(id);
            log = String.join("\n", sluice.jobs.logLines(id).stream().map(l -> l.message()).toList());
            assertThatThrownBy(() -> sluice.jobs.requestCancel(id, LocalEngine.RETENTION))
                    .isInstanceOfSatisfying(SluiceException.Conflict.class,
                            e -> assertThat(e.code()).isEqualTo("import_finished"));
        }

        assertThat(requested.state()).as("a running job is only flagged").isEqualTo(JobState.RUNNING);
        assertThat(requested.cancelRequested()).isTrue();
        assertThat(job.state()).isEqualTo(JobState.CANCELLED);
        assertThat(job.error()).isNull();
        assertThat(job.completedAt()).isNotNull();
        assertThat(job.expiresAt()).isEqualTo(job.completedAt().plus(LocalEngine.RETENTION));
        StoredImport stored = StoredImport.read(dir, job.id());
        assertThat(stored.state()).isEqualTo("cancelled");
        assertThat(stored.fileState()).isEqualTo("cancelled");
        assertThat(stored.recordsRead()).as("stopped part way").isBetween(1L, 299_999L);
        assertThat(job.counts()).isEqualTo(stored.counts());
        stored.assertIsExactlyACleanImportOfItsCommittedRows(data);
        assertThat(log).contains("cancellation requested; stopping after the current chunk")
                .contains("cancelled; " + stored.recordsRead() + " rows committed before it stay");
    }

    @Test
    void a_chunk_cut_by_the_error_allowance_is_written_again_as_the_reader_prepared_it_not_prepared_again()
            throws Exception {
        List<String> preparedOn = new CopyOnWriteArrayList<>();
        WatchedSink sink = new WatchedSink(rows -> preparedOn.add(Thread.currentThread().getName()));
        Job job;
        try (LocalEngine sluice = new LocalEngine(dir, 10, ONE_TRANSACTION, sink)) {
            sluice.createPeople();
            job = sluice.awaitEnd(sluice.submit(ABORT, hundredPeople(Set.of(34))).id());
        }

        assertThat(job.counts()).isEqualTo(new Tally(34, 0, 0, 0, 1));
        assertThat(StoredImport.read(dir, job.id()).recordCount()).isEqualTo(34);
        assertThat(preparedOn).isNotEmpty().allMatch(name -> name.startsWith("sluice-read-"));
    }
}
