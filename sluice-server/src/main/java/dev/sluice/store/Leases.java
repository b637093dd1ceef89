package dev.sluice.store;

import dev.sluice.job.Job;
import dev.sluice.job.JobState;
import org.jdbi.v3.core.Handle;

import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;

/**
 * The leases under which nodes run jobs: the owner renews its lease ({@link #heartbeat}), a chunk commits
 * only while its node still holds the lease ({@link #hold}), the reaper takes back jobs whose node stopped
 * renewing it ({@link #reapExpired}), and a process starting alone on its database takes back what its
 * dead predecessor ran ({@link #failRepeatedOrphans}, {@link #requeueOrphans}). Thread-safe.
 */
public final class Leases {
    /** What a job given back to the queue loses: its lease and its live progress; one parameter, the time. */
    static final String REQUEUED = "lease_owner = NULL, lease_expires_at = NULL, rows_per_second = NULL,"
            + " estimated_completion = NULL, current_operation = 'waiting for a worker (resuming)', updated_at = ?";
    /** {@link #REQUEUED}, one attempt later: a job taken back from a node that stopped running it. */
    private static final String RETAKEN = REQUEUED + ", attempt = attempt + 1";
    private static final JobTransitions.Move REQUEUE_ORPHANS = new JobTransitions.Move(EnumSet.of(JobState.RUNNING),
            JobState.QUEUED, RETAKEN, "");
    private static final String HEARTBEAT = "UPDATE _sluice_jobs SET lease_expires_at = ? WHERE id = ? AND lease_owner = ?"
            + " AND state = 'running'";
    // touching the row also locks it until the chunk commits, so the reaper cannot take the job mid-chunk
    private static final String HOLD = "UPDATE _sluice_jobs SET updated_at = updated_at WHERE id = ?"
            + " AND state = 'running' AND lease_owner = ?";
    private static final String EXPIRED = "SELECT id, lease_owner, attempt FROM _sluice_jobs WHERE state = 'running'"
            + " AND lease_expires_at < ? ORDER BY id";
    // the conditions again: the owner may have renewed the lease since the job was seen expired
    private static final JobTransitions.Move REQUEUE = new JobTransitions.Move(EnumSet.of(JobState.RUNNING),
            JobState.QUEUED, RETAKEN, "id = ? AND lease_expires_at < ?");

    // takes the lease from its dead owner first, so an owner that renews it late can no longer commit
    private static final String TAKE = "UPDATE _sluice_jobs SET lease_owner = ? WHERE id = ? AND state = 'running'"
            + " AND lease_expires_at < ?";
    private static final String REAPER = "sluice-reaper";
    private static final String REPEATED_ORPHANS = "SELECT id, attempt FROM _sluice_jobs WHERE state = 'running'"
            + " AND attempt >= ? ORDER BY id";

    private record Expired(String id, String owner, int attempt) {
    }

    /** The job-level error of a job whose last allowed attempt lost its lease; retryable. */
    public static final String LEASE_EXPIRED = "lease_expired";

    private final JobStore jobs;

    public Leases(JobStore jobs) {
        this.jobs = jobs;
    }

    /** Renews the lease; false when the job is no longer this owner's to run. */
    public boolean heartbeat(String id, String owner, Duration lease) {
        return jobs.db.write(h -> h.execute(HEARTBEAT, Times.text(jobs.clock().instant().plus(lease)), id, owner) == 1);
    }

    /**
     * Inside a chunk's transaction: true while {@code owner} still runs the job. False means another
     * node took it over (or it ended); the caller must roll back and stop.
     */
    public boolean hold(Handle h, String jobId, String owner) {
        return h.execute(HOLD, jobId, owner) == 1;
    }

    /**
     * At start-up, before the orphans are requeued: fails the running jobs whose process already died
     * under them on {@code attempts} attempts, with the retryable error {@code internal_error}. A job
     * that brings the process down (or stalls it until it is killed) must not take it down again on
     * every start; only the only process of this database may call it (its running jobs are orphans).
     *
     * @return the ids of the jobs failed
     */
    public List<String> failRepeatedOrphans(int attempts, Duration retention) {
        List<Expired> repeated = jobs.db.read(h -> h.createQuery(REPEATED_ORPHANS).bind(0, attempts)
                .map((rs, ctx) -> new Expired(rs.getString(1), null, rs.getInt(2))).list());
        List<String> failed = new ArrayList<>();
        for (Expired e : repeated) {
            Job.JobError error = new Job.JobError("internal_error", "the process stopped while running"
                    + " this job on " + e.attempt() + " attempts in a row; it is not resumed again, in case the job"
                    + " itself stops the process: retry the job to run it again");
            if (jobs.finish(e.id(), JobState.FAILED, error, true, retention)) {
                failed.add(e.id());
            }
        }
        return failed;
    }

    /**
     * Puts every running job back in the queue, one attempt later. Called at start-up by the only
     * process that may write this database (the data directory is locked), so any running job is an orphan
     * of a process that died.
     */
    public List<String> requeueOrphans() {
        return jobs.db.write(h -> {
            List<String> ids = REQUEUE_ORPHANS.applyReturning(h, "id", Times.text(jobs.clock().instant()));
            for (String id : ids) {
                jobs.log(h, id, "WARN", "the process running this job stopped; requeued to resume from its last checkpoint");
            }
            return ids;
        });
    }

    /**
     * Requeues running jobs whose lease expired, one attempt later; the next owner resumes them from
     * their last committed checkpoint. A job already at {@code maxAttempts} fails instead, with the
     * retryable error {@value #LEASE_EXPIRED}.
     *
     * @return the ids of the jobs taken back (requeued or failed)
     */
    public List<String> reapExpired(int maxAttempts, Duration retention) {
        String now = Times.text(jobs.clock().instant());
        List<Expired> expired = jobs.db.read(h -> h.createQuery(EXPIRED).bind(0, now)
                .map((rs, ctx) -> new Expired(rs.getString(1), rs.getString(2), rs.getInt(3))).list());
        List<String> reaped = new ArrayList<>();
        for (Expired e : expired) {
            if (e.attempt() < maxAttempts) {
                boolean requeued = jobs.db.write(h -> {
                    boolean changed = REQUEUE.apply(h, now, e.id(), now) == 1;
                    if (changed) {
                        jobs.log(h, e.id(), "WARN", "the lease of " + e.owner() + " expired; requeued to resume"
                                + " from the last checkpoint");
                    }
                    return changed;
                });
                if (requeued) {
                    reaped.add(e.id());
                }
                continue;
            }
            Job.JobError error = new Job.JobError(LEASE_EXPIRED, "the lease of " + e.owner()
                    + " expired on the last of " + maxAttempts + " allowed attempts; retry the job to run it again");
            boolean taken = jobs.db.write(h -> h.execute(TAKE, REAPER, e.id(), now) == 1);
            if (taken && jobs.finish(e.id(), JobState.FAILED, error, true, retention)) {
                reaped.add(e.id());
            }
        }
        return reaped;
    }
}
