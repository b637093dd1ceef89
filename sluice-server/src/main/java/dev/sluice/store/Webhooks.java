package dev.sluice.store;

import dev.sluice.error.SluiceException;
import dev.sluice.job.Uuid7;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.InstantSource;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Webhooks and the record of their deliveries: created, listed, deleted (a deleted webhook is sent
 * nothing more), and each delivery with its attempts. What is owed is written by {@link Outbox};
 * what is sent, by {@link Deliveries}. Thread-safe.
 */
public final class Webhooks {
    private static final String COLUMNS = "id, url, events, collections, secret, created_at";
    private static final String INSERT = "INSERT INTO _sluice_webhooks (id, url, events, collections, secret, created_at)"
            + " VALUES (?, ?, ?, ?, ?, ?)";
    private static final String BY_ID = "SELECT " + COLUMNS + " FROM _sluice_webhooks WHERE id = ? AND deleted_at IS NULL";
    private static final String PAGE = "SELECT " + COLUMNS + " FROM _sluice_webhooks WHERE deleted_at IS NULL AND id > ?"
            + " ORDER BY id LIMIT ?";
    private static final String DELETE = "UPDATE _sluice_webhooks SET deleted_at = coalesce(deleted_at, ?) WHERE id = ?"
            + " AND deleted_at IS NULL";
    private static final String DELIVERIES = "SELECT id, job_id, type, created_at, state, attempts, next_attempt_at"
            + " FROM _sluice_deliveries WHERE webhook_id = ? AND id < ? ORDER BY id DESC LIMIT ?";
    private static final String ATTEMPTS = "SELECT attempt, at, status_code, duration_ms, error"
            + " FROM _sluice_delivery_attempts WHERE delivery_id = ? ORDER BY attempt";
    /** Above every UUID: the first page of a newest-first listing starts below it. */
    private static final String AFTER_ALL = "~";

    private final Database db;
    private final InstantSource clock;

    public Webhooks(Database db, InstantSource clock) {
        this.db = db;
        this.clock = clock;
    }

    /** A page of webhooks, oldest first; {@code nextCursor} is null on the last page. */
    public record Page(List<Webhook> webhooks, String nextCursor) {
    }

    /** One attempt to deliver: when, the answer's status (null when none came), how long, and what went wrong. */
    public record Attempt(int attempt, Instant at, Integer statusCode, long durationMs, String error) {
    }

    /**
     * One delivery: {@code state} is {@code pending} (to be tried at {@code nextAttemptAt}),
     * {@code delivered} or {@code failed} (given up).
     */
    public record Delivery(String id, String jobId, String type, Instant createdAt, String state, int attempts,
                           Instant nextAttemptAt, List<Attempt> tries) {
    }

    /** A page of deliveries, newest first. */
    public record DeliveryPage(List<Delivery> deliveries, String nextCursor) {
    }

    public Webhook create(String url, List<String> events, List<String> collections, String secret) {
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        Webhook hook = new Webhook(Uuid7.next(clock).toString(), url, events, collections, secret, now);
        db.write(h -> h.execute(INSERT, hook.id(), url, JobRows.json(events), JobRows.json(collections), secret,
                Times.text(now)));
        return hook;
    }

    /** @throws SluiceException.NotFound {@code webhook_not_found}, also for a deleted one */
    public Webhook require(String id) {
        return db.read(h -> h.createQuery(BY_ID).bind(0, id).map((rs, ctx) -> webhook(rs)).findOne())
                .orElseThrow(() -> notFound(id));
    }

    /** Webhooks not deleted, oldest first, after {@code cursor} (a webhook id, or null for the first page). */
    public Page list(int limit, String cursor) {
        List<Webhook> hooks = db.read(h -> h.createQuery(PAGE).bind(0, cursor == null ? "" : cursor)
                .bind(1, limit + 1).map((rs, ctx) -> webhook(rs)).list());
        return hooks.size() > limit ? new Page(hooks.subList(0, limit), hooks.get(limit - 1).id()) : new Page(hooks, null);
    }

    /**
     * Deletes the webhook: nothing more is sent to it, deliveries pending included.
     *
     * @throws SluiceException.NotFound {@code webhook_not_found}
     */
    public void delete(String id) {
        if (db.write(h -> h.execute(DELETE, Times.text(clock.instant()), id)) == 0) {
            throw notFound(id);
        }
    }

    /** The webhook's deliveries, newest first, before {@code cursor} (a delivery id, or null for the first page). */
    public DeliveryPage deliveries(String webhookId, int limit, String cursor) {
        return db.read(h -> {
            List<Delivery> page = new ArrayList<>();
            Map<String, Object[]> rows = new LinkedHashMap<>();
            h.createQuery(DELIVERIES).bind(0, webhookId).bind(1, cursor == null ? AFTER_ALL : cursor).bind(2, limit + 1)
                    .map((rs, ctx) -> rows.put(rs.getString(1), new Object[]{rs.getString(2), rs.getString(3),
                            rs.getString(4), rs.getString(5), rs.getInt(6), rs.getString(7)})).list();
            for (Map.Entry<String, Object[]> e : rows.entrySet()) {
                if (page.size() == limit) {
                    return new DeliveryPage(page, page.get(limit - 1).id());
                }
                Object[] r = e.getValue();
                List<Attempt> tries = h.createQuery(ATTEMPTS).bind(0, e.getKey()).map((rs, ctx) -> new Attempt(
                        rs.getInt(1), Times.parse(rs.getString(2)), rs.getObject(3) == null ? null
                        : rs.getInt(3), rs.getLong(4), rs.getString(5))).list();
                page.add(new Delivery(e.getKey(), (String) r[0], (String) r[1], Times.parse((String) r[2]),
                        (String) r[3], (Integer) r[4], "pending".equals(r[3]) ? Times.parse((String) r[5]) : null, tries));
            }
            return new DeliveryPage(page, null);
        });
    }

    public static SluiceException.NotFound notFound(String id) {
        return new SluiceException.NotFound("webhook_not_found", "webhook '" + id + "' does not exist",
                Map.of("id", String.valueOf(id)));
    }

    private static Webhook webhook(ResultSet rs) throws SQLException {
        return new Webhook(rs.getString(1), rs.getString(2), JobRows.strings(rs.getString(3)),
                JobRows.strings(rs.getString(4)), rs.getString(5), Times.parse(rs.getString(6)));
    }
}
