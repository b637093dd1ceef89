package dev.sluice.store;

import dev.sluice.error.SluiceException;
import dev.sluice.job.JobState;
import org.jdbi.v3.core.Handle;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * How jobs leave the database: purged once their retention has passed (remembered for a while as
 * expired, so a late status read says so), or deleted at once when asked, but only once ended.
 * Each method is one write transaction. Thread-safe.
 */
final class JobPurge {
    private final JobStore jobs;

    JobPurge(JobStore jobs) {
        this.jobs = jobs;
    }

    /**
     * Deletes jobs whose retention has passed, with their files' rows, results and log.
     *
     * @return the staged paths of the deleted files, for the caller to remove from disk
     */
    List<String> expired(int limit) {
        Instant instant = jobs.clock().instant();
        String now = Times.text(instant);
        return jobs.db.write(h -> {
            List<String> ids = h.createQuery("SELECT id FROM _sluice_jobs WHERE expires_at IS NOT NULL AND expires_at <= ?"
                    + " ORDER BY expires_at LIMIT ?").bind(0, now).bind(1, limit).mapTo(String.class).list();
            List<String> staged = new ArrayList<>();
            for (String id : ids) {
                staged.addAll(delete(h, id));
                ExpiredJobs.remember(h, id, instant);
            }
            ExpiredJobs.forgetOld(h, instant);
            return staged;
        });
    }

    /**
     * Deletes an ended job at once.
     *
     * @return the staged paths of its files
     * @throws SluiceException.Conflict {@code import_running} while the job has not ended
     */
    List<String> delete(String id) {
        return jobs.db.write(h -> {
            String state = h.createQuery("SELECT state FROM _sluice_jobs WHERE id = ?").bind(0, id)
                    .mapTo(String.class).findOne().orElseThrow(() -> JobStore.notFound(id));
            if (!JobState.fromWireName(state).isTerminal()) {
                throw new SluiceException.Conflict("import_running", "import job " + id + " is " + state
                        + "; cancel it before deleting it", Map.of("id", id, "state", state));
            }
            return delete(h, id);
        });
    }

    private static List<String> delete(Handle h, String id) {
        List<String> staged = h.createQuery("SELECT staged_path FROM _sluice_files WHERE job_id = ? AND staged_path IS NOT NULL")
                .bind(0, id).mapTo(String.class).list();
        h.execute("DELETE FROM _sluice_results WHERE job_id = ?", id);
        h.execute(JobStore.DELETE_VALIDATION_KEYS, id);
        h.execute("DELETE FROM _sluice_retry_lines WHERE job_id = ?", id);
        h.execute("DELETE FROM _sluice_idempotency_keys WHERE job_id = ?", id);
        h.execute("DELETE FROM _sluice_job_log WHERE job_id = ?", id);
        h.execute("DELETE FROM _sluice_files WHERE job_id = ?", id);
        h.execute("DELETE FROM _sluice_jobs WHERE id = ?", id);
        return staged;
    }
}
