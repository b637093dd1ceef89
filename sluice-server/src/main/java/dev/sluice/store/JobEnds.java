package dev.sluice.store;

import dev.sluice.job.Job;
import dev.sluice.job.JobState;
import org.jdbi.v3.core.Handle;

import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.function.Consumer;

/**
 * How a job stops running: ended in a terminal state (its files with it), or given back to the
 * queue by its owner. Both are moves of {@link JobTransitions}; each is one write transaction.
 * Thread-safe.
 */
final class JobEnds {
    private static final JobTransitions.Move RELEASE = new JobTransitions.Move(EnumSet.of(JobState.RUNNING),
            JobState.QUEUED, Leases.REQUEUED, "id = ? AND lease_owner = ?");
    private static final Map<JobState, JobTransitions.Move> ENDS = ends();

    private final JobStore jobs;

    JobEnds(JobStore jobs) {
        this.jobs = jobs;
    }

    /** As {@link JobStore#finish}: true when this call ended the job. */
    boolean finish(String id, JobState state, Job.JobError error, boolean retryable, Duration retention,
                   Consumer<Handle> alsoOnEnd) {
        Instant now = jobs.clock().instant();
        String when = Times.text(now);
        return jobs.db.write(h -> {
            // first, so that the job's row is locked (by the move) only at the end of a long apply
            alsoOnEnd.accept(h);
            String message = error == null ? null : jobs.db.dialect().ownText(error.message());
            int changed = ENDS.get(state).apply(h, error == null ? null : error.code(), message, retryable ? 1 : 0, state.wireName(), when, state.wireName(), when, state.wireName(),
                    Times.text(now.plus(retention)), when, state.wireName(), id);
            if (changed == 1) {
                // a validate-only job's scratch keys are of no use once it has ended
                h.execute(JobStore.DELETE_VALIDATION_KEYS, id);
                h.execute("UPDATE _sluice_files SET state = ?, completed_at = coalesce(completed_at, ?)"
                        + " WHERE job_id = ? AND state IN ('queued', 'running')",
                        state == JobState.CANCELLED ? "cancelled" : state == JobState.FAILED ? "failed" : "completed",
                        when, id);
                dropAtomicStaging(h, id);
                jobs.log(h, id, error == null ? "INFO" : "ERROR", "ended " + state.wireName()
                        + (error == null ? "" : ": " + error.code() + ": " + error.message()));
                jobs.outbox.record(h, id, "job." + state.wireName());
            } else {
                h.rollback();
            }
            return changed == 1;
        });
    }

    /**
     * An atomic job's staged rows go when it ends, however it ends (its own end applied or dropped them
     * already; a job failed for its lease or its crashes has not).
     */
    private void dropAtomicStaging(Handle h, String id) {
        String staging = Identifiers.atomicStaging(id);
        if (jobs.db.dialect().tableExists(h, staging)) {
            h.execute("DROP TABLE " + jobs.db.dialect().table(staging));
        }
    }

    /** As {@link JobStore#release(String, String, String)}. */
    void release(String id, String owner, String why) {
        jobs.db.write(h -> {
            int changed = RELEASE.apply(h, Times.text(jobs.clock().instant()), id, owner);
            if (changed == 1) {
                jobs.log(h, id, "INFO", "released by " + owner + " " + why + "; will resume from the last checkpoint");
            }
            return null;
        });
    }

    private static Map<JobState, JobTransitions.Move> ends() {
        Map<JobState, JobTransitions.Move> ends = new EnumMap<>(JobState.class);
        for (JobState to : JobState.values()) {
            if (to.isTerminal()) {
                ends.put(to, JobTransitions.end(to, "error_code = ?, error_message = ?, retryable = ?,"
                        + " completed_at = CASE WHEN ? = 'failed' THEN NULL ELSE ? END,"
                        + " failed_at = CASE WHEN ? = 'failed' THEN ? ELSE NULL END,"
                        + " percent = CASE WHEN ? IN ('completed', 'completed_with_errors') THEN 100 ELSE percent END,"
                        + " expires_at = ?, updated_at = ?, lease_owner = NULL, lease_expires_at = NULL,"
                        + " rows_per_second = NULL, estimated_completion = NULL, current_operation = ?"));
            }
        }
        return ends;
    }
}
