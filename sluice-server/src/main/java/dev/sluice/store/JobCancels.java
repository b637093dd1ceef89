package dev.sluice.store;

import dev.sluice.error.SluiceException;
import dev.sluice.job.Job;
import dev.sluice.job.JobState;

import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * How a job is asked to stop: a job that has not started is cancelled at once, a running one is
 * flagged ({@code cancel_requested}) and stops between chunks. A request made through this process is
 * known here before its flag is written, since on SQLite a running chunk holds the writer. Thread-safe.
 */
final class JobCancels {
    private static final String FLAG = "UPDATE _sluice_jobs SET cancel_requested = 1, current_operation = 'cancelling',"
            + " updated_at = ? WHERE id = ? AND state = 'running'";
    private static final String FLAGGED = "SELECT cancel_requested FROM _sluice_jobs WHERE id = ?";

    private final JobStore jobs;
    /** Jobs asked to stop through this process, before (and while) the flag is written. */
    private final Set<String> pending = ConcurrentHashMap.newKeySet();

    JobCancels(JobStore jobs) {
        this.jobs = jobs;
    }

    /** As {@link JobStore#requestCancel}. */
    Job request(String id, Duration retention) {
        Job job = jobs.require(id);
        if (job.state().isTerminal()) {
            throw new SluiceException.Conflict("import_finished", "import job " + id + " has already ended in state "
                    + job.state().wireName(), Map.of("id", id, "state", job.state().wireName()));
        }
        if (job.state() == JobState.RUNNING) {
            // seen at once by a worker of this process, which may hold the writer (delaying the flag below)
            pending.add(id);
            if (!flag(id)) {
                // it left 'running' between the read and the update (ended, or released to the queue): look again
                return request(id, retention);
            }
        } else if (!jobs.finish(id, JobState.CANCELLED, null, false, retention)) {
            return request(id, retention);
        }
        return jobs.require(id);
    }

    private boolean flag(String id) {
        return jobs.db.write(h -> {
            int changed = h.execute(FLAG, Times.text(jobs.clock().instant()), id);
            if (changed == 1) {
                jobs.log(h, id, "INFO", "cancellation requested; stopping after the current chunk");
            }
            return changed == 1;
        });
    }

    /** As {@link JobStore#cancelPending}. */
    boolean pending(String id) {
        return pending.contains(id) || requested(id);
    }

    /** As {@link JobStore#cancelRequested}. */
    boolean requested(String id) {
        return jobs.db.read(h -> h.createQuery(FLAGGED).bind(0, id).mapTo(Integer.class).findOne().orElse(0) != 0);
    }

    /** The job has ended: nothing is pending for it any more. */
    void ended(String id) {
        pending.remove(id);
    }
}
