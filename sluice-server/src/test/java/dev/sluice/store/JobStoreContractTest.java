package dev.sluice.store;

import dev.sluice.job.Options;
import dev.sluice.job.OptionSet;
import dev.sluice.job.SourceFormat;
import dev.sluice.job.ConflictPolicy;
import dev.sluice.error.SluiceException;
import dev.sluice.job.Tally;
import dev.sluice.job.ImportFile;
import dev.sluice.job.Job;
import dev.sluice.job.ImportOptions;
import dev.sluice.job.JobState;
import dev.sluice.job.ReadDialect;
import dev.sluice.job.RowOutcome;
import dev.sluice.job.RowReport;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * What every {@link JobStore} must do, whatever the database: creation, claims and leases,
 * requeueing, cancellation, ending, purging, deleting and listing. A subclass per database supplies
 * the {@link Database}. Time comes from a hand-moved clock, so stored times are asserted exactly.
 */
abstract class JobStoreContractTest extends JobDatabaseContract {
    private static final Duration LEASE = Duration.ofSeconds(30);
    private static final Duration RETENTION = Duration.ofHours(1);
    private static final ImportOptions OPTIONS = new ImportOptions(ConflictPolicy.UPDATE,
            ImportOptions.ErrorMode.ABORT, 5L, ImportOptions.Results.ALL, ImportOptions.JobType.IMPORT);

    private ResultStore results;

    @BeforeEach
    void setUp() {
        results = new ResultStore(db);
    }

    /** Job ids in creation order: the same UUIDv7 for the same n, later for a larger n. */
    private static String id(int n) {
        long millis = 1_700_000_000_000L + n * 1000L;
        return new UUID((millis << 16) | 0x7000L, 0x8000_0000_0000_0000L | n).toString();
    }

    private static NewJob.NewFile file(String jobId, String name, Long size) {
        return new NewJob.NewFile(jobId + "-" + name, name, SourceFormat.CSV, OptionSet.EMPTY.with(Options.DELIMITER, ';'), size, null,
                jobId + "/" + name);
    }

    /** Runs a queued job to {@code completed} the only way the table allows: claimed, then ended. */
    private void complete(String id) {
        assertThat(jobs.claimNext("node-a", LEASE, new ClaimFilter(Set.of(id), Set.of(), (job, files) -> null)))
                .contains(id);
        assertThat(jobs.finish(id, JobState.COMPLETED, null, false, RETENTION)).isTrue();
    }

    private Job create(String id, String collection, JobState state, NewJob.NewFile... files) {
        return jobs.create(new NewJob(id, collection, state, ImportOptions.DEFAULT, "{}", "{}", null, null, null,
                List.of(files)));
    }

    private Job create(String id, JobState state) {
        return create(id, "people", state, file(id, "a.csv", 100L));
    }

    @Test
    void a_created_job_is_found_as_created_with_its_files_in_order() {
        String id = id(1);
        Job created = jobs.create(new NewJob(id, "people", JobState.QUEUED, OPTIONS, "{\"team\":\"data\"}",
                "{\"source_name\":\"crm\"}", id(0), "key-1", "hash-1",
                List.of(file(id, "a.csv", 1200L), file(id, "b.csv", 800L))));

        assertThat(jobs.find(id)).contains(created);
        assertThat(created.id()).isEqualTo(id);
        assertThat(created.collection()).isEqualTo("people");
        assertThat(created.state()).isEqualTo(JobState.QUEUED);
        assertThat(created.options()).isEqualTo(OPTIONS);
        assertThat(created.metadataJson()).isEqualTo("{\"team\":\"data\"}");
        assertThat(created.provenanceJson()).isEqualTo("{\"source_name\":\"crm\"}");
        assertThat(created.attempt()).isEqualTo(1);
        assertThat(created.parentId()).isEqualTo(id(0));
        assertThat(created.counts()).isEqualTo(Tally.ZERO);
        assertThat(created.bytesProcessed()).isZero();
        assertThat(created.bytesTotal()).isEqualTo(2000L);
        assertThat(created.currentOperation()).isEqualTo("waiting for a worker");
        assertThat(created.error()).isNull();
        assertThat(created.retryable()).isFalse();
        assertThat(created.errorSamples()).isEmpty();
        assertThat(created.cancelRequested()).isFalse();
        assertThat(created.leaseOwner()).isNull();
        assertThat(created.leaseExpiresAt()).isNull();
        assertThat(created.createdAt()).isEqualTo(TestClock.T0);
        assertThat(created.updatedAt()).isEqualTo(TestClock.T0);
        assertThat(created.startedAt()).isNull();
        assertThat(created.completedAt()).isNull();
        assertThat(created.failedAt()).isNull();
        assertThat(created.expiresAt()).isNull();

        List<ImportFile> files = jobs.files(id);
        assertThat(files).extracting(ImportFile::ordinal).containsExactly(0, 1);
        assertThat(files).extracting(ImportFile::name).containsExactly("a.csv", "b.csv");
        ImportFile b = files.get(1);
        assertThat(b.id()).isEqualTo(id + "-b.csv");
        assertThat(b.jobId()).isEqualTo(id);
        assertThat(b.format()).isEqualTo(SourceFormat.CSV);
        assertThat(b.dialect().toJson()).isEqualTo("{\"delimiter\":\";\"}");
        assertThat(b.sizeBytes()).isEqualTo(800L);
        assertThat(b.stagedPath()).isEqualTo(id + "/b.csv");
        assertThat(b.state()).isEqualTo(JobState.QUEUED);
        assertThat(b.counts()).isEqualTo(Tally.ZERO);
        assertThat(b.recordsRead()).isZero();
        assertThat(b.columns()).isEmpty();
        assertThat(jobs.logLines(id)).containsExactly(new JobStore.LogLine(TestClock.T0, "INFO",
                "created in state queued with 2 file(s) for collection people"));
    }

    @Test
    void bytes_total_is_unknown_while_any_file_size_is_unknown() {
        create(id(1), "people", JobState.QUEUED, file(id(1), "a.csv", 10L), file(id(1), "b.csv", null));

        assertThat(jobs.require(id(1)).bytesTotal()).isNull();
    }

    @Test
    void a_file_s_read_dialect_is_stored_once_so_a_resumed_run_reads_it_the_same_way() {
        create(id(1), "people", JobState.QUEUED, file(id(1), "a.tsv", 10L));
        String fileId = jobs.files(id(1)).get(0).id();
        ReadDialect first = new ReadDialect('\t', '"', false, List.of("column_1", "column_2"), "UTF-16LE", true);

        assertThat(jobs.files(id(1)).get(0).readDialect()).isNull();
        jobs.recordDialect(fileId, first);
        jobs.recordDialect(fileId, new ReadDialect(',', '"', true, List.of(), "UTF-8", true));

        assertThat(jobs.files(id(1)).get(0).readDialect()).isEqualTo(first);
    }

    @Test
    void an_unknown_job_is_not_found() {
        assertThat(jobs.find(id(9))).isEmpty();
        assertThat(jobs.files(id(9))).isEmpty();
        assertThatThrownBy(() -> jobs.require(id(9)))
                .isInstanceOfSatisfying(SluiceException.NotFound.class, e -> {
                    assertThat(e.code()).isEqualTo("import_not_found");
                    assertThat(e.details()).isEqualTo(Map.of("id", id(9)));
                })
                .hasMessage("import job '" + id(9) + "' does not exist");
    }

    @Test
    void claim_next_takes_the_oldest_queued_job_first_and_never_an_open_one() {
        create(id(1), JobState.QUEUED);
        create(id(2), JobState.OPEN);
        create(id(3), JobState.QUEUED);

        assertThat(jobs.claimNext("node-a", LEASE)).contains(id(1));
        clock.advance(Duration.ofSeconds(5));
        assertThat(jobs.claimNext("node-b", LEASE)).contains(id(3));
        assertThat(jobs.claimNext("node-a", LEASE)).isEmpty();

        Job first = jobs.require(id(1));
        assertThat(first.state()).isEqualTo(JobState.RUNNING);
        assertThat(first.leaseOwner()).isEqualTo("node-a");
        assertThat(first.leaseExpiresAt()).isEqualTo(TestClock.T0.plus(LEASE));
        assertThat(first.startedAt()).isEqualTo(TestClock.T0);
        assertThat(first.updatedAt()).isEqualTo(TestClock.T0);
        assertThat(first.currentOperation()).isEqualTo("starting");
        assertThat(jobs.require(id(3)).leaseOwner()).isEqualTo("node-b");
        assertThat(jobs.require(id(3)).startedAt()).isEqualTo(TestClock.T0.plusSeconds(5));
        assertThat(jobs.require(id(2)).state()).isEqualTo(JobState.OPEN);
        assertThat(jobs.logLines(id(1))).last()
                .isEqualTo(new JobStore.LogLine(TestClock.T0, "INFO", "claimed by node-a"));
    }

    @Test
    void a_claim_takes_only_the_ids_it_may_and_leaves_a_refused_job_queued_untouched_but_for_its_log_line() {
        create(id(1), JobState.QUEUED);
        create(id(2), JobState.QUEUED);
        create(id(3), JobState.QUEUED);
        Job before = jobs.require(id(1));
        List<String> checked = new ArrayList<>();
        ClaimFilter.Check refuseTheFirst = (jobId, files) -> {
            checked.add(jobId + ":" + files.get(0).name());
            return jobId.equals(id(1)) ? new ClaimFilter.Refusal("node-b cannot see a.csv") : null;
        };
        clock.advance(Duration.ofSeconds(5));

        assertThat(jobs.claimNext("node-a", LEASE, new ClaimFilter(Set.of(), Set.of(), refuseTheFirst))).isEmpty();
        assertThat(jobs.claimNext("node-a", LEASE, new ClaimFilter(Set.of(id(3)), Set.of(), refuseTheFirst)))
                .contains(id(3));
        assertThat(jobs.claimNext("node-b", LEASE, new ClaimFilter(null, Set.of(), refuseTheFirst))).contains(id(2));
        assertThat(jobs.claimNext("node-b", LEASE, new ClaimFilter(null, Set.of(id(1)), refuseTheFirst))).isEmpty();

        assertThat(checked).containsExactly(id(3) + ":a.csv", id(1) + ":a.csv", id(2) + ":a.csv");
        assertThat(jobs.require(id(1))).isEqualTo(before);
        assertThat(jobs.logLines(id(1))).last()
                .isEqualTo(new JobStore.LogLine(TestClock.T0.plusSeconds(5), "WARN", "node-b cannot see a.csv"));
        assertThat(jobs.require(id(3)).leaseOwner()).isEqualTo("node-a");
        assertThat(jobs.require(id(2)).leaseOwner()).isEqualTo("node-b");
    }

    @Test
    void a_queued_job_is_claimed_only_once() {
        create(id(1), JobState.QUEUED);

        Optional<String> first = jobs.claimNext("node-a", LEASE);
        Optional<String> second = jobs.claimNext("node-b", LEASE);

        assertThat(first).contains(id(1));
        assertThat(second).isEmpty();
        assertThat(jobs.require(id(1)).leaseOwner()).isEqualTo("node-a");
    }

    @Test
    void heartbeat_renews_the_lease_only_for_its_owner_and_only_while_running() {
        create(id(1), JobState.QUEUED);
        jobs.claimNext("node-a", LEASE);
        Instant later = clock.advance(Duration.ofSeconds(10));

        assertThat(new Leases(jobs).heartbeat(id(1), "node-b", LEASE)).isFalse();
        assertThat(jobs.require(id(1)).leaseExpiresAt()).isEqualTo(TestClock.T0.plus(LEASE));
        assertThat(new Leases(jobs).heartbeat(id(1), "node-a", LEASE)).isTrue();
        assertThat(jobs.require(id(1)).leaseExpiresAt()).isEqualTo(later.plus(LEASE));

        jobs.finish(id(1), JobState.COMPLETED, null, false, RETENTION);
        assertThat(new Leases(jobs).heartbeat(id(1), "node-a", LEASE)).isFalse();
        assertThat(jobs.require(id(1)).leaseExpiresAt()).isNull();
    }

    @Test
    void requeue_orphans_puts_running_jobs_back_in_the_queue_one_attempt_later() {
        create(id(1), JobState.QUEUED);
        create(id(2), JobState.QUEUED);
        create(id(3), JobState.QUEUED);
        jobs.claimNext("node-a", LEASE);
        jobs.claimNext("node-a", LEASE);
        jobs.finish(id(2), JobState.COMPLETED, null, false, RETENTION);
        Instant restart = clock.advance(Duration.ofMinutes(1));

        List<String> requeued = new Leases(jobs).requeueOrphans();

        assertThat(requeued).containsExactly(id(1));
        Job orphan = jobs.require(id(1));
        assertThat(orphan.state()).isEqualTo(JobState.QUEUED);
        assertThat(orphan.attempt()).isEqualTo(2);
        assertThat(orphan.leaseOwner()).isNull();
        assertThat(orphan.leaseExpiresAt()).isNull();
        assertThat(orphan.currentOperation()).isEqualTo("waiting for a worker (resuming)");
        assertThat(orphan.updatedAt()).isEqualTo(restart);
        assertThat(orphan.startedAt()).as("the first start is kept").isEqualTo(TestClock.T0);
        assertThat(jobs.logLines(id(1))).last().isEqualTo(new JobStore.LogLine(restart, "WARN",
                "the process running this job stopped; requeued to resume from its last checkpoint"));
        assertThat(jobs.require(id(2)).state()).isEqualTo(JobState.COMPLETED);
        assertThat(jobs.require(id(2)).attempt()).isEqualTo(1);
        assertThat(jobs.require(id(3)).state()).isEqualTo(JobState.QUEUED);
        assertThat(jobs.require(id(3)).attempt()).isEqualTo(1);
        assertThat(new Leases(jobs).requeueOrphans()).as("nothing runs any more").isEmpty();

        clock.advance(Duration.ofSeconds(1));
        assertThat(jobs.claimNext("node-b", LEASE)).contains(id(1));
        assertThat(jobs.require(id(1)).startedAt()).isEqualTo(TestClock.T0);
        assertThat(jobs.require(id(1)).attempt()).isEqualTo(2);
    }

    @Test
    void a_cancel_requested_of_a_running_job_survives_its_requeue_after_a_crash() {
        create(id(1), JobState.QUEUED);
        jobs.claimNext("node-a", LEASE);
        jobs.requestCancel(id(1), RETENTION);

        new Leases(jobs).requeueOrphans();

        Job requeued = jobs.require(id(1));
        assertThat(requeued.state()).isEqualTo(JobState.QUEUED);
        assertThat(requeued.cancelRequested()).isTrue();
        assertThat(jobs.cancelRequested(id(1))).isTrue();
    }

    @Test
    void release_gives_a_running_job_back_to_the_queue_without_counting_an_attempt() {
        create(id(1), JobState.QUEUED);
        jobs.claimNext("node-a", LEASE);

        jobs.release(id(1), "node-b");
        assertThat(jobs.require(id(1)).state()).as("only the owner releases").isEqualTo(JobState.RUNNING);

        jobs.release(id(1), "node-a");
        Job released = jobs.require(id(1));
        assertThat(released.state()).isEqualTo(JobState.QUEUED);
        assertThat(released.attempt()).isEqualTo(1);
        assertThat(released.leaseOwner()).isNull();
        assertThat(released.currentOperation()).isEqualTo("waiting for a worker (resuming)");
        assertThat(jobs.logLines(id(1))).last().isEqualTo(new JobStore.LogLine(TestClock.T0, "INFO",
                "released by node-a at shutdown; will resume from the last checkpoint"));
    }

    @Test
    void cancelling_a_queued_job_cancels_it_at_once() {
        create(id(1), JobState.QUEUED);
        Instant now = clock.advance(Duration.ofSeconds(3));

        Job cancelled = jobs.requestCancel(id(1), RETENTION);

        assertThat(cancelled).isEqualTo(jobs.require(id(1)));
        assertThat(cancelled.state()).isEqualTo(JobState.CANCELLED);
        assertThat(cancelled.completedAt()).isEqualTo(now);
        assertThat(cancelled.failedAt()).isNull();
        assertThat(cancelled.expiresAt()).isEqualTo(now.plus(RETENTION));
        assertThat(jobs.files(id(1))).extracting(ImportFile::state).containsExactly(JobState.CANCELLED);
        assertThat(jobs.claimNext("node-a", LEASE)).isEmpty();
    }

    @Test
    void cancelling_an_open_job_cancels_it_at_once() {
        create(id(1), JobState.OPEN);

        assertThat(jobs.requestCancel(id(1), RETENTION).state()).isEqualTo(JobState.CANCELLED);
    }

    @Test
    void cancelling_a_running_job_flags_it_and_leaves_it_running_until_it_stops_between_chunks() {
        create(id(1), JobState.QUEUED);
        jobs.claimNext("node-a", LEASE);
        assertThat(jobs.cancelRequested(id(1))).isFalse();

        Job flagged = jobs.requestCancel(id(1), RETENTION);

        assertThat(flagged.state()).isEqualTo(JobState.RUNNING);
        assertThat(flagged.cancelRequested()).isTrue();
        assertThat(flagged.currentOperation()).isEqualTo("cancelling");
        assertThat(flagged.completedAt()).isNull();
        assertThat(flagged.expiresAt()).isNull();
        assertThat(jobs.cancelRequested(id(1))).isTrue();
        assertThat(jobs.logLines(id(1))).last().isEqualTo(new JobStore.LogLine(TestClock.T0, "INFO",
                "cancellation requested; stopping after the current chunk"));
    }

    @Test
    void cancelling_an_ended_job_is_a_conflict_named_import_finished() {
        create(id(1), JobState.QUEUED);
        complete(id(1));

        assertThatThrownBy(() -> jobs.requestCancel(id(1), RETENTION))
                .isInstanceOfSatisfying(SluiceException.Conflict.class, e -> {
                    assertThat(e.code()).isEqualTo("import_finished");
                    assertThat(e.details()).isEqualTo(Map.of("id", id(1), "state", "completed"));
                })
                .hasMessage("import job " + id(1) + " has already ended in state completed");
        assertThat(jobs.require(id(1)).state()).isEqualTo(JobState.COMPLETED);
    }

    @Test
    void cancelling_an_unknown_job_is_not_found() {
        assertThatThrownBy(() -> jobs.requestCancel(id(9), RETENTION))
                .isInstanceOfSatisfying(SluiceException.NotFound.class,
                        e -> assertThat(e.code()).isEqualTo("import_not_found"));
    }

    @Test
    void finish_ends_the_job_and_sets_when_it_expires() {
        create(id(1), JobState.QUEUED);
        jobs.claimNext("node-a", LEASE);
        Instant end = clock.advance(Duration.ofMinutes(2));

        boolean ended = jobs.finish(id(1), JobState.COMPLETED_WITH_ERRORS, null, false, RETENTION);

        assertThat(ended).isTrue();
        Job job = jobs.require(id(1));
        assertThat(job.state()).isEqualTo(JobState.COMPLETED_WITH_ERRORS);
        assertThat(job.completedAt()).isEqualTo(end);
        assertThat(job.failedAt()).isNull();
        assertThat(job.expiresAt()).isEqualTo(end.plus(RETENTION));
        assertThat(job.updatedAt()).isEqualTo(end);
        assertThat(job.leaseOwner()).isNull();
        assertThat(job.leaseExpiresAt()).isNull();
        assertThat(job.percent()).isEqualTo(100.0);
        assertThat(job.error()).isNull();
        assertThat(jobs.logLines(id(1))).last()
                .isEqualTo(new JobStore.LogLine(end, "INFO", "ended completed_with_errors"));
    }

    @Test
    void a_failed_job_records_when_it_failed_and_why() {
        create(id(1), JobState.QUEUED);
        jobs.claimNext("node-a", LEASE);
        Instant end = clock.advance(Duration.ofMinutes(2));
        Job.JobError error = new Job.JobError("source_unavailable", "the URL answered 503");

        jobs.finish(id(1), JobState.FAILED, error, true, RETENTION);

        Job job = jobs.require(id(1));
        assertThat(job.state()).isEqualTo(JobState.FAILED);
        assertThat(job.error()).isEqualTo(error);
        assertThat(job.retryable()).isTrue();
        assertThat(job.failedAt()).isEqualTo(end);
        assertThat(job.completedAt()).isNull();
        assertThat(job.expiresAt()).isEqualTo(end.plus(RETENTION));
        assertThat(jobs.files(id(1))).extracting(ImportFile::state).containsExactly(JobState.FAILED);
        assertThat(jobs.logLines(id(1))).last().isEqualTo(new JobStore.LogLine(end, "ERROR",
                "ended failed: source_unavailable: the URL answered 503"));
    }

    @Test
    void finish_never_overwrites_a_terminal_state() {
        create(id(1), JobState.QUEUED);
        jobs.claimNext("node-a", LEASE);
        Job.JobError error = new Job.JobError("aborted_on_error", "stopped at the first failed row");
        jobs.finish(id(1), JobState.FAILED, error, false, RETENTION);
        Job failed = jobs.require(id(1));
        clock.advance(Duration.ofMinutes(5));

        boolean again = jobs.finish(id(1), JobState.COMPLETED, null, false, Duration.ofDays(30));
        boolean cancelled = jobs.finish(id(1), JobState.CANCELLED, null, false, Duration.ofDays(30));

        assertThat(again).isFalse();
        assertThat(cancelled).isFalse();
        assertThat(jobs.require(id(1))).isEqualTo(failed);
    }

    @Test
    void finish_refuses_a_state_that_is_not_terminal() {
        create(id(1), JobState.QUEUED);

        assertThatThrownBy(() -> jobs.finish(id(1), JobState.RUNNING, null, false, RETENTION))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("finish needs a terminal state, got running");
    }

    @Test
    void a_chunk_adds_its_counts_checkpoint_and_error_samples_to_its_file_and_job_inside_the_transaction() {
        create(id(1), "people", JobState.QUEUED, file(id(1), "a.csv", 1000L));
        jobs.claimNext("node-a", LEASE);
        String fileId = id(1) + "-a.csv";
        List<String> seven = samples("a", 7);
        List<String> six = samples("b", 6);

        db.write(h -> {
            jobs.addChunk(h, new ChunkProgress(id(1), fileId, new Tally(5, 1, 2, 3, 7), 400, 18, 19, 40.0, 40.0,
                    1000.0, TestClock.T0.plusSeconds(60), "writing a.csv (file 1 of 1)", seven));
            return null;
        });
        Instant second = clock.advance(Duration.ofSeconds(1));
        db.write(h -> {
            jobs.addChunk(h, new ChunkProgress(id(1), fileId, new Tally(10, 0, 0, 1, 6), 300, 35, 36, 70.0, 70.0,
                    2000.0, null, "writing a.csv (file 1 of 1) again", six));
            return null;
        });
        assertThatThrownBy(() -> db.write(h -> {
            jobs.addChunk(h, new ChunkProgress(id(1), fileId, new Tally(100, 0, 0, 0, 0), 300, 135, 136, 90.0, 90.0,
                    2000.0, null, "rolled back", List.of("rolled back")));
            throw new IllegalStateException("the chunk's transaction fails");
        })).hasMessage("the chunk's transaction fails");

        Job job = jobs.require(id(1));
        assertThat(job.counts()).isEqualTo(new Tally(15, 1, 2, 4, 13));
        assertThat(job.bytesProcessed()).isEqualTo(700);
        assertThat(job.percent()).isEqualTo(70.0);
        assertThat(job.rowsPerSecond()).isEqualTo(2000.0);
        assertThat(job.estimatedCompletion()).isNull();
        assertThat(job.currentOperation()).isEqualTo("writing a.csv (file 1 of 1) again");
        assertThat(job.updatedAt()).isEqualTo(second);
        List<String> kept = new ArrayList<>(seven);
        kept.addAll(six.subList(0, 3));
        assertThat(job.errorSamples()).as("the first 10 of the job").containsExactlyElementsOf(kept);
        ImportFile f = jobs.files(id(1)).get(0);
        assertThat(f.counts()).isEqualTo(new Tally(15, 1, 2, 4, 13));
        assertThat(f.bytesProcessed()).isEqualTo(700);
        assertThat(f.recordsRead()).isEqualTo(35);
        assertThat(f.lastLine()).isEqualTo(36);
        assertThat(f.percent()).isEqualTo(70.0);
    }

    private static List<String> samples(String prefix, int n) {
        List<String> out = new ArrayList<>();
        for (int i = 1; i <= n; i++) {
            out.add("a.csv line " + i + ": " + prefix + i);
        }
        return out;
    }

    @Test
    void start_file_marks_it_running_and_a_resumed_file_keeps_its_first_start_time() {
        create(id(1), JobState.QUEUED);
        String fileId = id(1) + "-a.csv";

        jobs.startFile(id(1), fileId, "reading a.csv (file 1 of 1)");
        clock.advance(Duration.ofMinutes(1));
        jobs.startFile(id(1), fileId, "resuming a.csv (file 1 of 1)");

        ImportFile f = jobs.files(id(1)).get(0);
        assertThat(f.state()).isEqualTo(JobState.RUNNING);
        assertThat(f.startedAt()).isEqualTo(TestClock.T0);
        assertThat(jobs.require(id(1)).currentOperation()).isEqualTo("resuming a.csv (file 1 of 1)");
    }

    @Test
    void purge_deletes_jobs_whose_retention_has_passed_with_their_files_results_and_log() throws SQLException {
        create(id(1), "people", JobState.QUEUED, file(id(1), "a.csv", 10L), file(id(1), "b.csv", 20L));
        create(id(2), JobState.QUEUED);
        create(id(3), JobState.QUEUED);
        addResult(id(1));
        addResult(id(2));
        complete(id(1));
        clock.advance(Duration.ofMinutes(30));
        jobs.finish(id(2), JobState.CANCELLED, null, false, RETENTION);

        clock.advance(Duration.ofMinutes(30).minusMillis(1));
        assertThat(jobs.purgeExpired(100)).as("one millisecond before it expires").isEmpty();
        assertThat(jobs.find(id(1))).isPresent();

        clock.advance(Duration.ofMillis(1));
        List<String> staged = jobs.purgeExpired(100);

        assertThat(staged).containsExactlyInAnyOrder(id(1) + "/a.csv", id(1) + "/b.csv");
        assertThat(jobs.find(id(1))).isEmpty();
        assertThat(jobs.files(id(1))).isEmpty();
        assertThat(jobs.logLines(id(1))).isEmpty();
        assertThat(results.page(id(1), null, null, 0, 100)).isEmpty();
        assertThat(jobs.find(id(2))).isPresent();
        assertThat(results.page(id(2), null, null, 0, 100)).hasSize(1);
        assertThat(jobs.logLines(id(2))).isNotEmpty();
        assertThat(jobs.find(id(3))).as("a job that has not ended never expires").isPresent();

        clock.advance(Duration.ofMinutes(30));
        assertThat(jobs.purgeExpired(100)).containsExactly(id(2) + "/a.csv");
        assertThat(jobs.find(id(2))).isEmpty();
        assertThat(jobs.find(id(3))).isPresent();
    }

    @Test
    void purge_takes_at_most_its_limit_soonest_expired_first() {
        create(id(1), JobState.QUEUED);
        create(id(2), JobState.QUEUED);
        complete(id(2));
        clock.advance(Duration.ofSeconds(1));
        complete(id(1));
        clock.advance(Duration.ofDays(1));

        assertThat(jobs.purgeExpired(1)).containsExactly(id(2) + "/a.csv");
        assertThat(jobs.find(id(1))).isPresent();
        assertThat(jobs.purgeExpired(1)).containsExactly(id(1) + "/a.csv");
    }

    @Test
    void delete_refuses_a_job_that_has_not_ended() {
        create(id(1), JobState.QUEUED);
        create(id(2), JobState.QUEUED);
        jobs.claimNext("node-a", LEASE);

        assertThatThrownBy(() -> jobs.delete(id(1)))
                .isInstanceOfSatisfying(SluiceException.Conflict.class, e -> {
                    assertThat(e.code()).isEqualTo("import_running");
                    assertThat(e.details()).isEqualTo(Map.of("id", id(1), "state", "running"));
                })
                .hasMessage("import job " + id(1) + " is running; cancel it before deleting it");
        assertThatThrownBy(() -> jobs.delete(id(2)))
                .isInstanceOfSatisfying(SluiceException.Conflict.class,
                        e -> assertThat(e.code()).isEqualTo("import_running"))
                .hasMessage("import job " + id(2) + " is queued; cancel it before deleting it");
        assertThat(jobs.find(id(1))).isPresent();
        assertThat(jobs.find(id(2))).isPresent();
    }

    @Test
    void delete_removes_an_ended_job_with_its_files_results_and_log() throws SQLException {
        create(id(1), "people", JobState.QUEUED, file(id(1), "a.csv", 10L), file(id(1), "b.csv", 20L));
        create(id(2), JobState.QUEUED);
        addResult(id(1));
        addResult(id(2));
        jobs.finish(id(1), JobState.FAILED, new Job.JobError("internal_error", "boom"), false, RETENTION);

        List<String> staged = jobs.delete(id(1));

        assertThat(staged).containsExactlyInAnyOrder(id(1) + "/a.csv", id(1) + "/b.csv");
        assertThat(jobs.find(id(1))).isEmpty();
        assertThat(jobs.files(id(1))).isEmpty();
        assertThat(jobs.logLines(id(1))).isEmpty();
        assertThat(results.page(id(1), null, null, 0, 100)).isEmpty();
        assertThat(results.page(id(2), null, null, 0, 100)).hasSize(1);
        assertThatThrownBy(() -> jobs.delete(id(1)))
                .isInstanceOfSatisfying(SluiceException.NotFound.class,
                        e -> assertThat(e.code()).isEqualTo("import_not_found"));
    }

    @Test
    void list_answers_newest_first_filtered_by_state_and_collection_a_page_at_a_time() {
        create(id(1), "people", JobState.QUEUED);
        create(id(2), "animals", JobState.QUEUED);
        create(id(3), "people", JobState.QUEUED);
        create(id(4), "people", JobState.QUEUED);
        create(id(5), "people", JobState.OPEN);
        complete(id(3));

        assertThat(ids(jobs.list(null, null, 10, null))).containsExactly(id(5), id(4), id(3), id(2), id(1));
        assertThat(ids(jobs.list(JobState.QUEUED, null, 10, null))).containsExactly(id(4), id(2), id(1));
        assertThat(ids(jobs.list(null, "people", 10, null))).containsExactly(id(5), id(4), id(3), id(1));
        assertThat(ids(jobs.list(JobState.QUEUED, "people", 10, null))).containsExactly(id(4), id(1));
        assertThat(ids(jobs.list(JobState.RUNNING, null, 10, null))).isEmpty();
        assertThat(ids(jobs.list(null, null, 2, null))).containsExactly(id(5), id(4));
        assertThat(ids(jobs.list(null, null, 2, id(4)))).containsExactly(id(3), id(2));
        assertThat(ids(jobs.list(null, null, 2, id(2)))).containsExactly(id(1));
        assertThat(ids(jobs.list(null, "people", 2, id(4)))).containsExactly(id(3), id(1));
        assertThat(jobs.list(null, null, 10, null).get(0)).isEqualTo(jobs.require(id(5)));
    }

    @Test
    void a_page_holds_each_job_with_its_own_files_as_a_snapshot_reads_them() {
        create(id(1), "people", JobState.QUEUED, file(id(1), "a.csv", 10L), file(id(1), "b.csv", 20L));
        create(id(2), "animals", JobState.QUEUED);
        create(id(3), "people", JobState.OPEN);
        create(id(4), "people", JobState.QUEUED, file(id(4), "c.csv", 30L), file(id(4), "d.csv", 40L),
                file(id(4), "e.csv", 50L));

        List<JobStore.Snapshot> page = jobs.page(null, null, null, 10, null);

        assertThat(page).extracting(p -> p.job().id()).containsExactly(id(4), id(3), id(2), id(1));
        for (JobStore.Snapshot one : page) {
            assertThat(one).isEqualTo(jobs.snapshot(one.job().id()).orElseThrow());
        }
        assertThat(page.get(0).files()).extracting(ImportFile::name).containsExactly("c.csv", "d.csv", "e.csv");
        assertThat(page.get(1).files()).isEmpty();
        assertThat(jobs.page(null, "people", null, 1, id(4))).extracting(p -> p.job().id()).containsExactly(id(3));
        assertThat(jobs.page(null, null, java.util.Set.of(), 10, null)).isEmpty();
    }

    private static List<String> ids(List<Job> page) {
        return page.stream().map(Job::id).toList();
    }

    private void addResult(String jobId) throws SQLException {
        db.write(h -> {
            try {
                results.insert(h, jobId, List.of(new RowReport(0, 2, "k",
                        new RowOutcome.Failed("invalid_value", "age", "'x' is not an integer"), "[\"k\",\"x\"]")));
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
            return null;
        });
    }
}
