package dev.sluice.store;

import java.time.Instant;
import java.util.List;

/**
 * What event streams read besides the status document: a job's log lines after a sequence number,
 * and which jobs logged anything after one. Log sequence numbers ({@code _sluice_job_log.seq}) are
 * given by the database, rise with every line on every node, and so make event ids that any node
 * can resume from. Thread-safe.
 */
public final class JobFeed {
    private static final String AFTER = "SELECT seq, at, level, message FROM _sluice_job_log"
            + " WHERE job_id = ? AND seq > ? ORDER BY seq LIMIT ?";
    private static final String ACTIVE = "SELECT job_id, max(seq) FROM _sluice_job_log WHERE seq > ?"
            + " GROUP BY job_id ORDER BY max(seq) LIMIT ?";

    private final Database db;

    public JobFeed(Database db) {
        this.db = db;
    }

    /** One log line with its sequence number. */
    public record Line(long seq, Instant at, String level, String message) {
    }

    /** A job that logged after a sequence number, and its newest line's number. */
    public record Activity(String jobId, long seq) {
    }

    /** The job's log lines numbered after {@code seq}, oldest first, at most {@code limit}. */
    public List<Line> linesAfter(String jobId, long seq, int limit) {
        return db.read(h -> h.createQuery(AFTER).bind(0, jobId).bind(1, seq).bind(2, limit)
                .map((rs, ctx) -> new Line(rs.getLong(1), Times.parse(rs.getString(2)), rs.getString(3),
                        rs.getString(4))).list());
    }

    /** The jobs that logged after {@code seq}, the least recently active first, at most {@code limit}. */
    public List<Activity> activeAfter(long seq, int limit) {
        return db.read(h -> h.createQuery(ACTIVE).bind(0, seq).bind(1, limit)
                .map((rs, ctx) -> new Activity(rs.getString(1), rs.getLong(2))).list());
    }

    /** The newest log line's number, 0 when there is none. */
    public long latest() {
        return db.read(h -> h.createQuery("SELECT coalesce(max(seq), 0) FROM _sluice_job_log").mapTo(Long.class).one());
    }

    /** The pulse raised when jobs change. */
    public JobSignals signals() {
        return db.signals();
    }
}
