package dev.sluice.store;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;

/**
 * The sending side of the outbox: claims the deliveries that are due under a lease (with
 * {@code SKIP LOCKED} on PostgreSQL, as jobs are claimed), so that on several nodes each attempt is
 * made by one node; keeps the body a delivery was first sent with; records each attempt and what
 * follows it (delivered, tried again later, or given up). Thread-safe.
 */
public final class Deliveries {
    private static final String CANDIDATES = "SELECT id FROM _sluice_deliveries WHERE state = 'pending'"
            + " AND next_attempt_at <= ? AND (lease_expires_at IS NULL OR lease_expires_at < ?)"
            + " ORDER BY next_attempt_at LIMIT ?";
    private static final String LEASE = "UPDATE _sluice_deliveries SET lease_owner = ?, lease_expires_at = ?"
            + " WHERE id = ? AND state = 'pending' AND (lease_expires_at IS NULL OR lease_expires_at < ?)";
    private static final String DUE = "SELECT d.id, coalesce(d.url, w.url), w.secret, d.job_id, d.type, d.created_at,"
            + " d.body, d.attempts, d.give_up_at, d.webhook_id, w.deleted_at FROM _sluice_deliveries d"
            + " LEFT JOIN _sluice_webhooks w ON w.id = d.webhook_id WHERE d.id = ?";
    private static final String KEEP_BODY = "UPDATE _sluice_deliveries SET body = ? WHERE id = ? AND body IS NULL";
    private static final String BODY = "SELECT body FROM _sluice_deliveries WHERE id = ?";
    private static final String ATTEMPT = "INSERT INTO _sluice_delivery_attempts (delivery_id, attempt, at, status_code,"
            + " duration_ms, error) VALUES (?, ?, ?, ?, ?, ?)";
    private static final String AFTER = "UPDATE _sluice_deliveries SET state = ?, attempts = ?, next_attempt_at = ?,"
            + " lease_owner = NULL, lease_expires_at = NULL WHERE id = ? AND lease_owner = ?";
    private static final String DROP = "UPDATE _sluice_deliveries SET state = 'failed', lease_owner = NULL,"
            + " lease_expires_at = NULL WHERE id = ? AND lease_owner = ?";

    private final Database db;
    private final InstantSource clock;

    public Deliveries(Database db, InstantSource clock) {
        this.db = db;
        this.clock = clock;
    }

    /**
     * A delivery this node holds the lease of.
     *
     * @param url    where it goes
     * @param secret the webhook's signing secret; null for a job's {@code notify_url} (signed with the server's)
     * @param body   the JSON first sent, or null before the first attempt
     * @param gone   its webhook was deleted: nothing is sent
     */
    public record Due(String id, String url, String secret, String jobId, String type, Instant createdAt, String body,
                      int attempts, Instant giveUpAt, boolean gone) {
    }

    /** What an attempt came to. {@code statusCode} null when no answer came. */
    public record Outcome(Instant at, Integer statusCode, long durationMs, String error, boolean delivered) {
    }

    /** Leases up to {@code limit} deliveries due now, for {@code lease}, to {@code owner}. */
    public List<Due> claim(String owner, Duration lease, int limit) {
        Instant now = clock.instant();
        String at = Times.text(now);
        // a read first: an idle outbox costs no write transaction (on SQLite, no turn of the one writer)
        if (db.read(h -> h.createQuery(CANDIDATES).bind(0, at).bind(1, at).bind(2, 1).mapTo(String.class).list())
                .isEmpty()) {
            return List.of();
        }
        return db.write(h -> {
            List<String> ids = h.createQuery(CANDIDATES + db.dialect().claimLock()).bind(0, at).bind(1, at)
                    .bind(2, limit).mapTo(String.class).list();
            List<Due> due = new ArrayList<>();
            for (String id : ids) {
                if (h.execute(LEASE, owner, Times.text(now.plus(lease)), id, at) == 1) {
                    due.add(h.createQuery(DUE).bind(0, id).map((rs, ctx) -> new Due(rs.getString(1), rs.getString(2),
                            rs.getString(3), rs.getString(4), rs.getString(5), Times.parse(rs.getString(6)),
                            rs.getString(7), rs.getInt(8), Times.parse(rs.getString(9)),
                            rs.getString(10) != null && (rs.getString(2) == null || rs.getString(11) != null))).one());
                }
            }
            return due;
        });
    }

    /** Keeps {@code body} as the delivery's, unless one was kept before; answers the one kept. */
    public String keepBody(String id, String body) {
        return db.write(h -> {
            h.execute(KEEP_BODY, body, id);
            return h.createQuery(BODY).bind(0, id).mapTo(String.class).one();
        });
    }

    /**
     * Records attempt number {@code due.attempts() + 1} and what follows: delivered; or tried again at
     * {@code retryAt}; or, when {@code retryAt} is null or past the delivery's give-up time, given up.
     * Does nothing when this node's lease was lost meanwhile.
     */
    public void record(Due due, String owner, Outcome outcome, Instant retryAt) {
        int attempt = due.attempts() + 1;
        boolean again = !outcome.delivered() && retryAt != null && !retryAt.isAfter(due.giveUpAt());
        String state = outcome.delivered() ? "delivered" : again ? "pending" : "failed";
        db.write(h -> {
            if (h.execute(AFTER, state, attempt, Times.text(again ? retryAt : outcome.at()), due.id(), owner) == 1) {
                h.execute(ATTEMPT, due.id(), attempt, Times.text(outcome.at()), outcome.statusCode(),
                        outcome.durationMs(), outcome.error());
            }
            return null;
        });
    }

    /** Gives up a delivery whose webhook is gone, without an attempt. */
    public void drop(Due due, String owner) {
        db.write(h -> h.execute(DROP, due.id(), owner));
    }
}
