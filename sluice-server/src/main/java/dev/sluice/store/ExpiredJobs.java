package dev.sluice.store;

import dev.sluice.error.SluiceException;
import org.jdbi.v3.core.Handle;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * Tombstones of jobs the retention purge deleted ({@code _sluice_expired_jobs}): asking for such a
 * job answers that it expired, and when, rather than that it never existed. A tombstone is kept
 * {@link #KEPT} and then purged with the jobs. Stateless; thread-safe.
 */
final class ExpiredJobs {
    /** How long the id of a purged job is remembered. */
    static final Duration KEPT = Duration.ofDays(30);

    private static final String INSERT = "INSERT INTO _sluice_expired_jobs (id, expired_at) VALUES (?, ?)";
    private static final String SELECT = "SELECT expired_at FROM _sluice_expired_jobs WHERE id = ?";
    private static final String PURGE = "DELETE FROM _sluice_expired_jobs WHERE expired_at <= ?";

    private ExpiredJobs() {
    }

    /** Remembers that {@code id} was purged at {@code now}; inside the purge's transaction. */
    static void remember(Handle h, String id, Instant now) {
        h.execute(INSERT, id, Times.text(now));
    }

    /** Forgets the tombstones older than {@link #KEPT}. */
    static void forgetOld(Handle h, Instant now) {
        h.execute(PURGE, Times.text(now.minus(KEPT)));
    }

    /** When {@code id} was purged, if it is remembered. */
    static Optional<Instant> expiredAt(Handle h, String id) {
        return h.createQuery(SELECT).bind(0, id).mapTo(String.class).findOne().map(Times::parse);
    }

    /** {@code 404 import_not_found}, saying that the job expired when it is known to have. */
    static SluiceException.NotFound notFound(String id, Optional<Instant> expiredAt) {
        if (expiredAt.isEmpty()) {
            return JobStore.notFound(id);
        }
        String at = Times.text(expiredAt.get());
        return new SluiceException.NotFound("import_not_found", "import job '" + id + "' expired: it ended longer"
                + " ago than the retention period and was deleted at " + at, Map.of("id", id, "expired_at", at));
    }
}
