package dev.sluice.store;

import dev.sluice.error.SluiceException;
import dev.sluice.job.Job;
import dev.sluice.job.JobState;
import dev.sluice.job.OptionSet;
import org.jdbi.v3.core.Handle;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * How jobs come in: created at most once per {@code Idempotency-Key}, given files while they are
 * {@code open}, and started. Each method is one write transaction, so the key check and the insert
 * cannot interleave with another request's. Thread-safe.
 *
 * @throws SluiceException.Conflict {@code idempotency_key_mismatch} when a live key names another
 *                                  request; {@code import_not_open} when files are added to, or a
 *                                  start is asked of, a job that is not open
 */
public final class JobIntake {
    /** How long an Idempotency-Key answers with its first job. */
    public static final Duration KEY_LIFETIME = Duration.ofHours(24);

    private static final String LIVE_KEY = "SELECT job_id, request_hash FROM _sluice_idempotency_keys"
            + " WHERE idempotency_key = ? AND expires_at > ?";
    // replaces a key whose 24 h have passed; a live key is left alone (and 0 rows change)
    private static final String CLAIM_KEY = "INSERT INTO _sluice_idempotency_keys (idempotency_key, request_hash,"
            + " job_id, expires_at) VALUES (?, ?, ?, ?) ON CONFLICT (idempotency_key) DO UPDATE SET"
            + " request_hash = excluded.request_hash, job_id = excluded.job_id, expires_at = excluded.expires_at"
            + " WHERE _sluice_idempotency_keys.expires_at <= ?";
    private static final String STATE = "SELECT state FROM _sluice_jobs WHERE id = ?";
    private static final String FILE_COUNT = "SELECT count(*) FROM _sluice_files WHERE job_id = ?";
    private static final String TOUCH = "UPDATE _sluice_jobs SET updated_at = ? WHERE id = ?";
    private static final JobTransitions.Move QUEUE = JobTransitions.move(JobState.QUEUED, "updated_at = ?,"
            + " current_operation = 'waiting for a worker'", JobState.OPEN);

    private static final String FILE_DEFAULTS = "SELECT file_defaults FROM _sluice_jobs WHERE id = ?";

    private final Database db;
    private final JobStore jobs;

    public JobIntake(JobStore jobs) {
        this.db = jobs.db;
        this.jobs = jobs;
    }

    /**
     * The format and dialect options the job was created with, for files added later.
     *
     * @throws SluiceException.NotFound {@code import_not_found}
     */
    public OptionSet fileDefaults(String jobId) {
        return OptionSet.fromJson(db.read(h -> h.createQuery(FILE_DEFAULTS).bind(0, jobId).mapTo(String.class)
                .findOne()).orElseThrow(() -> JobStore.notFound(jobId)));
    }

    /**
     * A created job, or the job an earlier request with the same key and the same content created.
     *
     * @param created the new job and its files as the creating transaction left them; null for a replay
     */
    public record Creation(Job job, boolean replayed, JobStore.Snapshot created) {
        public Creation(Job job, boolean replayed) {
            this(job, replayed, null);
        }
    }

    /**
     * Inserts the job, unless its idempotency key is live: then the key's job is answered when the
     * request hashes the same, and the request is refused when it does not.
     */
    public Creation create(NewJob job) {
        Instant now = jobs.clock().instant();
        JobStore.Snapshot[] created = {null};
        Optional<String> replayed = db.write(h -> {
            if (job.idempotencyKey() != null) {
                Optional<String> earlier = liveKeyJob(h, job, now);
                if (earlier.isPresent()) {
                    return earlier;
                }
                h.execute(CLAIM_KEY, job.idempotencyKey(), job.requestHash(), job.id(),
                        Times.text(now.plus(KEY_LIFETIME)), Times.text(now));
            }
            jobs.inserts.job(h, job);
            if (job.parentId() != null) {
                jobs.log(h, job.id(), "INFO", "a retry of " + job.parentId());
            }
            // read before a worker can take it: the answer shows the job and its files as created
            created[0] = jobs.snapshot(h, job.id()).orElseThrow();
            return Optional.empty();
        });
        return replayed.map(id -> new Creation(jobs.require(id), true))
                .orElseGet(() -> new Creation(created[0].job(), false, created[0]));
    }

    private static Optional<String> liveKeyJob(Handle h, NewJob job, Instant now) {
        Optional<Map<String, Object>> live = h.createQuery(LIVE_KEY).bind(0, job.idempotencyKey())
                .bind(1, Times.text(now)).mapToMap().findOne();
        if (live.isEmpty()) {
            return Optional.empty();
        }
        String jobId = (String) live.get().get("job_id");
        if (!job.requestHash().equals(live.get().get("request_hash"))) {
            throw new SluiceException.Conflict("idempotency_key_mismatch", "Idempotency-Key '" + job.idempotencyKey()
                    + "' was used within the last 24 h for a different request (job " + jobId + "); use a new key"
                    + " for a new request", Map.of("idempotency_key", job.idempotencyKey(), "id", jobId));
        }
        return Optional.of(jobId);
    }

    /** @throws SluiceException.Conflict {@code import_not_open} unless the job is open (files can be added) */
    public void requireOpen(String jobId) {
        db.read(h -> {
            requireOpen(h, jobId, "files can only be added to an open job");
            return null;
        });
    }

    /** Adds a file to an open job, after its other files. */
    public Job addFile(String jobId, NewJob.NewFile file) {
        db.write(h -> {
            requireOpen(h, jobId, "files can only be added to an open job");
            int ordinal = h.createQuery(FILE_COUNT).bind(0, jobId).mapTo(Integer.class).one();
            jobs.inserts.file(h, jobId, null, ordinal, file);
            h.execute(TOUCH, Times.text(jobs.clock().instant()), jobId);
            jobs.log(h, jobId, "INFO", "file " + (ordinal + 1) + " added: " + file.name()
                    + (file.sourceUrl() == null ? " (" + file.sizeBytes() + " bytes)" : " from " + file.sourceUrl()));
            return null;
        });
        return jobs.require(jobId);
    }

    /**
     * Queues an open job for a worker.
     *
     * @throws SluiceException.Invalid {@code invalid_request} when it has no files
     */
    public Job start(String jobId) {
        db.write(h -> {
            requireOpen(h, jobId, "only an open job can be started");
            int files = h.createQuery(FILE_COUNT).bind(0, jobId).mapTo(Integer.class).one();
            if (files == 0) {
                throw new SluiceException.Invalid("invalid_request", "import job " + jobId + " has no files yet;"
                        + " add one with POST /v1/imports/" + jobId + "/files before starting it",
                        Map.of("field", "files"));
            }
            QUEUE.apply(h, Times.text(jobs.clock().instant()), jobId);
            jobs.log(h, jobId, "INFO", "started with " + files + " file(s); queued");
            return null;
        });
        return jobs.require(jobId);
    }

    private static void requireOpen(Handle h, String jobId, String rule) {
        String state = h.createQuery(STATE).bind(0, jobId).mapTo(String.class).findOne()
                .orElseThrow(() -> JobStore.notFound(jobId));
        if (!JobState.OPEN.wireName().equals(state)) {
            throw new SluiceException.Conflict("import_not_open", "import job " + jobId + " is " + state + "; " + rule,
                    Map.of("id", jobId, "state", state));
        }
    }
}
