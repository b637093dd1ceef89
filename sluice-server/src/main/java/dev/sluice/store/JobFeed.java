package dev.sluice.store;

import java.time.Instant;
import java.util.List;

/**
 * What event streams read besides the status document: a job's log lines after a position, and
 * which jobs logged anything after one. Lines are read in commit order ({@link LogPosition}): on
 * PostgreSQL, where line numbers are taken at insert but lines commit in any order, only lines of
 * transactions older than every open one are read, so a line that commits later never sorts before
 * one already read, on any node. Thread-safe.
 */
public final class JobFeed {
    private static final String LOG = "_sluice_job_log";

    private final Database db;
    private final String after;
    private final String heldBack;
    private final String active;
    private final String latest;

    public JobFeed(Database db) {
        this.db = db;
        SqlDialect d = db.dialect();
        String past = "(" + d.logTx() + ", seq) > (" + d.logTxParam() + ", ?)";
        this.after = "SELECT " + d.logTxOut() + ", seq, at, level, message FROM " + LOG + " WHERE job_id = ? AND "
                + past + " AND " + d.logSettled() + " ORDER BY " + d.logOrder("ASC") + " LIMIT ?";
        this.heldBack = "SELECT count(*) FROM " + LOG + " WHERE job_id = ? AND " + past + " AND NOT (" + d.logSettled() + ")";
        this.active = "SELECT job_id, txn, seq FROM (SELECT job_id, " + d.logTxOut() + " AS txn, seq, row_number() OVER"
                + " (PARTITION BY job_id ORDER BY " + d.logOrder("DESC") + ") AS r FROM " + LOG + " WHERE " + past
                + " AND " + d.logSettled() + ") newest WHERE r = 1 ORDER BY txn, seq LIMIT ?";
        this.latest = "SELECT " + d.logTxOut() + ", seq FROM " + LOG + " WHERE " + d.logSettled() + " ORDER BY "
                + d.logOrder("DESC") + " LIMIT 1";
    }

    /** One log line with its position. */
    public record Line(LogPosition position, Instant at, String level, String message) {
    }

    /** A job that logged after a position, and its newest line's position. */
    public record Activity(String jobId, LogPosition position) {
    }

    /** The job's log lines after {@code from}, in commit order, at most {@code limit}. */
    public List<Line> linesAfter(String jobId, LogPosition from, int limit) {
        return db.read(h -> h.createQuery(after).bind(0, jobId).bind(1, from.tx()).bind(2, from.seq()).bind(3, limit)
                .map((rs, ctx) -> new Line(new LogPosition(rs.getLong(1), rs.getLong(2)), Times.parse(rs.getString(3)),
                        rs.getString(4), rs.getString(5))).list());
    }

    /**
     * True when the job has lines after {@code from} that are committed but not yet readable, because
     * an older transaction is still open: a stream waits for them before its {@code end}.
     */
    public boolean heldBack(String jobId, LogPosition from) {
        return db.read(h -> h.createQuery(heldBack).bind(0, jobId).bind(1, from.tx()).bind(2, from.seq())
                .mapTo(Long.class).one()) > 0;
    }

    /** The jobs that logged after {@code from}, the least recently active first, at most {@code limit}. */
    public List<Activity> activeAfter(LogPosition from, int limit) {
        return db.read(h -> h.createQuery(active).bind(0, from.tx()).bind(1, from.seq()).bind(2, limit)
                .map((rs, ctx) -> new Activity(rs.getString(1), new LogPosition(rs.getLong(2), rs.getLong(3)))).list());
    }

    /** The newest readable line's position, {@link LogPosition#START} when there is none. */
    public LogPosition latest() {
        return db.read(h -> h.createQuery(latest).map((rs, ctx) -> new LogPosition(rs.getLong(1), rs.getLong(2)))
                .findOne().orElse(LogPosition.START));
    }

    /** The pulse raised when jobs change. */
    public JobSignals signals() {
        return db.signals();
    }
}
