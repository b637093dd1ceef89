package dev.sluice.store;

import dev.sluice.error.SluiceException;
import dev.sluice.job.ColumnReport;
import dev.sluice.job.ImportFile;
import dev.sluice.job.Job;
import dev.sluice.job.JobState;
import dev.sluice.job.Tally;
import dev.sluice.job.ReadDialect;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.transaction.TransactionIsolationLevel;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Jobs, their files, their checkpoints and their logs. Methods are domain verbs; each runs in its
 * own transaction unless it takes a {@link Handle}, in which case it joins the caller's (the chunk
 * commit). Every state change is guarded by the allowed moves of {@link JobState}. Thread-safe.
 */
public final class JobStore {
    static final String JOB_COLUMNS = "j.*, (SELECT CASE WHEN count(*) = count(f.size_bytes) THEN sum(f.size_bytes) END"
            + " FROM _sluice_files f WHERE f.job_id = j.id) AS bytes_total";
    private static final String SELECT_JOB = "SELECT " + JOB_COLUMNS + " FROM _sluice_jobs j WHERE j.id = ?";
    private static final String SELECT_FILES = "SELECT * FROM _sluice_files WHERE job_id = ? ORDER BY ordinal";
    static final String DELETE_VALIDATION_KEYS = "DELETE FROM _sluice_validation_keys WHERE job_id = ?";
    private static final String LOG = "INSERT INTO _sluice_job_log (job_id, at, level, message) VALUES (?, ?, ?, ?)";

    final Database db;
    private final InstantSource clock;
    final JobInserts inserts = new JobInserts(this);
    private final Claims claims = new Claims(this);
    private final JobPurge purge = new JobPurge(this);
    private final JobEnds ends = new JobEnds(this);
    private final JobCancels cancels = new JobCancels(this);
    private final FileProgress progress = new FileProgress(this);
    private final JobListing listing = new JobListing(this);
    final Outbox outbox = new Outbox(this);

    public JobStore(Database db, InstantSource clock) {
        this.db = db;
        this.clock = clock;
    }

    public InstantSource clock() {
        return clock;
    }

    /** Inserts a job and its first files in one transaction, and logs its creation. */
    public Job create(NewJob job) {
        db.write(h -> {
            inserts.job(h, job);
            return null;
        });
        return require(job.id());
    }

    public Optional<Job> find(String id) {
        return db.read(h -> h.createQuery(SELECT_JOB).bind(0, id).map((rs, ctx) -> JobRows.job(rs)).findOne());
    }

    /** @throws SluiceException.NotFound {@code import_not_found}; its message says when a purged job expired */
    public Job require(String id) {
        return find(id).orElseThrow(() -> db.read(h -> ExpiredJobs.notFound(id, ExpiredJobs.expiredAt(h, id))));
    }

    /** A job and its files as of one moment: read in one transaction, so they tell one story. */
    public record Snapshot(Job job, List<ImportFile> files) {
    }

    /** The job and its files, or empty when there is no such job (any more). */
    public Optional<Snapshot> snapshot(String id) {
        return db.read(h -> h.inTransaction(TransactionIsolationLevel.REPEATABLE_READ, t -> snapshot(t, id)));
    }

    /** As {@link #snapshot(String)}, in a transaction of the caller's. */
    Optional<Snapshot> snapshot(Handle h, String id) {
        return h.createQuery(SELECT_JOB).bind(0, id).map((rs, ctx) -> JobRows.job(rs)).findOne()
                .map(job -> new Snapshot(job, h.createQuery(SELECT_FILES).bind(0, id)
                        .map((rs, ctx) -> JobRows.file(rs)).list()));
    }

    public static SluiceException.NotFound notFound(String id) {
        return new SluiceException.NotFound("import_not_found", "import job '" + id + "' does not exist",
                Map.of("id", String.valueOf(id)));
    }

    public List<ImportFile> files(String jobId) {
        return db.read(h -> h.createQuery(SELECT_FILES).bind(0, jobId).map((rs, ctx) -> JobRows.file(rs)).list());
    }

    /**
     * Jobs newest first.
     *
     * @param beforeId the last id of the previous page, or null for the first page
     */
    public List<Job> list(JobState state, String collection, int limit, String beforeId) {
        return list(state, collection, null, limit, beforeId);
    }

    /**
     * As {@link #list(JobState, String, int, String)}, only of jobs of the collections {@code within}
     * (null for any; empty for none).
     */
    public List<Job> list(JobState state, String collection, java.util.Set<String> within, int limit, String beforeId) {
        return listing.list(state, collection, within, limit, beforeId);
    }

    /** As {@link #list(JobState, String, java.util.Set, int, String)}, each job with its files, read together. */
    public List<Snapshot> page(JobState state, String collection, java.util.Set<String> within, int limit,
                               String beforeId) {
        return listing.page(state, collection, within, limit, beforeId);
    }

    /** Claims the oldest queued job for {@code owner} under a lease; empty when none waits. */
    public Optional<String> claimNext(String owner, Duration lease) {
        return claimNext(owner, lease, ClaimFilter.ANY);
    }

    /**
     * Claims the oldest queued job that {@code filter} allows for {@code owner} under a lease; empty
     * when none waits. Jobs the filter refuses stay queued, untouched but for the log line it asks for.
     */
    public Optional<String> claimNext(String owner, Duration lease, ClaimFilter filter) {
        return claims.next(owner, lease, filter);
    }

    /** Marks a file running when it starts; a resumed file keeps its first start time. */
    public void startFile(String jobId, String fileId, String currentOperation) {
        progress.start(jobId, fileId, currentOperation);
    }

    /** Records how a file is read, decided when its reading first starts; a decision already stored stays. */
    public void recordDialect(String fileId, ReadDialect dialect) {
        progress.readDialect(fileId, dialect);
    }

    /** Records the columns a file was read with (its header), for the failed-rows file. */
    public void recordColumns(String fileId, List<String> columns) {
        progress.columns(fileId, columns);
    }

    /** Records what was decided about a file's source columns (docs/concepts.md, "Column mapping"). */
    public void recordColumnReport(String fileId, ColumnReport report) {
        progress.columnReport(fileId, report);
    }

    /**
     * Adds a committed chunk's counts, checkpoint and progress to its file and job. Runs inside the
     * caller's transaction, the one that writes the chunk's records and results.
     */
    public void addChunk(Handle h, ChunkProgress p) {
        progress.addChunk(h, p);
    }

    /** Ends a file: its state, and its error when it failed. */
    public void finishFile(String fileId, JobState state, Job.JobError error) {
        progress.finish(fileId, state, error);
    }

    /**
     * Moves a job to a terminal state, with its error when it failed, and sets when it expires.
     * A job already terminal is left alone (a worse status is never overwritten).
     *
     * @return true when this call ended the job
     */
    public boolean finish(String id, JobState state, Job.JobError error, boolean retryable, Duration retention) {
        return finish(id, state, error, retryable, retention, h -> {
        });
    }

    /**
     * As {@link #finish(String, JobState, Job.JobError, boolean, Duration)}, and runs {@code alsoOnEnd}
     * first in the same transaction (an atomic job's apply, or the drop of its staged rows): when it
     * throws, or the job had already ended, nothing it did stays.
     */
    public boolean finish(String id, JobState state, Job.JobError error, boolean retryable, Duration retention,
                          Consumer<Handle> alsoOnEnd) {
        if (!state.isTerminal()) {
            throw new IllegalArgumentException("finish needs a terminal state, got " + state.wireName());
        }
        cancels.ended(id);
        return ends.finish(id, state, error, retryable, retention, alsoOnEnd);
    }

    /** Says what a running job is doing now, in its own transaction. */
    public void reportOperation(String jobId, String currentOperation) {
        progress.operation(jobId, currentOperation);
    }

    /**
     * Adds {@code delta} (whose outcomes may be negative) to the counts of a job and of its file of
     * this ordinal, inside the caller's transaction: an atomic job's apply puts its counts right.
     */
    public void correctCounts(Handle h, String jobId, int fileOrdinal, Tally delta) {
        progress.correct(h, jobId, fileOrdinal, delta);
    }

    /** Gives a running job back to the queue (graceful shutdown); it resumes from its checkpoint. */
    public void release(String id, String owner) {
        release(id, owner, "at shutdown");
    }

    /**
     * Gives a running job back to the queue; it resumes from its checkpoint.
     *
     * @param why completes the log line "released by OWNER ...", e.g. {@code at shutdown}
     */
    public void release(String id, String owner, String why) {
        ends.release(id, owner, why);
    }

    /**
     * Asks a job to stop. A job that has not started is cancelled at once; a running one is
     * flagged and stops between chunks.
     *
     * @return the job after the request
     * @throws SluiceException.Conflict {@code import_finished} when the job has already ended
     */
    public Job requestCancel(String id, Duration retention) {
        return cancels.request(id, retention);
    }

    /** How many jobs the database holds in each state (states without jobs are left out). */
    public Map<JobState, Long> countByState() {
        Map<JobState, Long> counts = new EnumMap<>(JobState.class);
        db.read(h -> h.createQuery("SELECT state, count(*) FROM _sluice_jobs GROUP BY state")
                .map((rs, ctx) -> Map.entry(JobState.fromWireName(rs.getString(1)), rs.getLong(2))).list())
                .forEach(e -> counts.put(e.getKey(), e.getValue()));
        return counts;
    }

    /**
     * True from the moment a cancel is asked through this process (before its flag is written: on
     * SQLite a running chunk holds the writer) or once any node has flagged it. A chunk in progress
     * commits early on it; the job stops once {@link #cancelRequested} says so.
     */
    public boolean cancelPending(String id) {
        return cancels.pending(id);
    }

    /** True when the job's cancel request is written ({@code cancel_requested}), by any node. */
    public boolean cancelRequested(String id) {
        return cancels.requested(id);
    }

    public void log(String jobId, String level, String message) {
        db.write(h -> {
            log(h, jobId, level, message);
            return null;
        });
    }

    public void log(Handle h, String jobId, String level, String message) {
        h.execute(LOG, jobId, Times.text(clock.instant()), level, db.dialect().ownText(message));
        db.announce(h); // every state move writes a log line in its transaction, so this tells those too
    }

    /** The job's log, oldest first. */
    public List<LogLine> logLines(String jobId) {
        return db.read(h -> h.createQuery("SELECT at, level, message FROM _sluice_job_log WHERE job_id = ? ORDER BY seq")
                .bind(0, jobId)
                .map((rs, ctx) -> new LogLine(Times.parse(rs.getString(1)), rs.getString(2), rs.getString(3))).list());
    }

    /** One line of a job's log. */
    public record LogLine(Instant at, String level, String message) {
    }

    /**
     * Deletes jobs whose retention has passed, with their files' rows, results and log.
     *
     * @return the staged paths of the deleted files, for the caller to remove from disk
     */
    public List<String> purgeExpired(int limit) {
        return purge.expired(limit);
    }

    /**
     * Deletes an ended job at once.
     *
     * @return the staged paths of its files
     * @throws SluiceException.Conflict {@code import_running} while the job has not ended
     */
    public List<String> delete(String id) {
        return purge.delete(id);
    }
}
