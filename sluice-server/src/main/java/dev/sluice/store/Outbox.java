package dev.sluice.store;

import dev.sluice.job.Uuid7;
import org.jdbi.v3.core.Handle;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Writes the deliveries a job's event owes, inside the transaction of the state change that raised
 * it: one per webhook that listens for the event and the job's collection, and one for the job's
 * {@code notify_url}. A change that commits has its deliveries stored with it; one rolled back has
 * none. Sent later by {@code webhook.Deliverer}. Thread-safe.
 */
final class Outbox {
    /** How long a delivery is retried before it is given up (docs/http-api.md, "Webhooks"). */
    /** The one event a job's {@code notify_url} is not told of: it hears how the job ends. */
    static final String STARTED = "job.started";
    static final Duration RETRY_FOR = Duration.ofHours(24);
    private static final String JOB = "SELECT collection, options FROM _sluice_jobs WHERE id = ?";
    private static final String LISTENERS = "SELECT id, events, collections FROM _sluice_webhooks"
            + " WHERE deleted_at IS NULL";
    private static final String INSERT = "INSERT INTO _sluice_deliveries (id, webhook_id, url, job_id, type, created_at,"
            + " state, next_attempt_at, give_up_at) VALUES (?, ?, ?, ?, ?, ?, 'pending', ?, ?)";

    private final JobStore jobs;

    Outbox(JobStore jobs) {
        this.jobs = jobs;
    }

    /** Stores the deliveries of event {@code type} (e.g. {@code job.completed}) of the job, in {@code h}'s transaction. */
    void record(Handle h, String jobId, String type) {
        var job = h.createQuery(JOB).bind(0, jobId).map((rs, ctx) -> new String[]{rs.getString(1),
                JobRows.options(rs.getString(2)).notifyUrl()}).findOne();
        if (job.isEmpty()) {
            return;
        }
        String collection = job.get()[0];
        Instant now = jobs.clock().instant();
        List<String> listeners = h.createQuery(LISTENERS).map((rs, ctx) -> JobRows.strings(rs.getString(2))
                        .contains(type) && listensTo(JobRows.strings(rs.getString(3)), collection) ? rs.getString(1) : null)
                .list();
        for (String webhook : listeners) {
            if (webhook != null) {
                insert(h, webhook, null, jobId, type, now);
            }
        }
        if (job.get()[1] != null && !type.equals(STARTED)) {
            insert(h, null, job.get()[1], jobId, type, now);
        }
    }

    private void insert(Handle h, String webhook, String url, String jobId, String type, Instant now) {
        h.execute(INSERT, Uuid7.next(jobs.clock()).toString(), webhook, url, jobId, type, Times.text(now),
                Times.text(now), Times.text(now.plus(RETRY_FOR)));
    }

    private static boolean listensTo(List<String> collections, String collection) {
        return collections.contains("*") || collections.contains(collection);
    }
}
