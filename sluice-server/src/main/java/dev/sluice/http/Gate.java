package dev.sluice.http;

import dev.sluice.error.SluiceException;
import dev.sluice.job.Job;
import dev.sluice.store.ApiKey;
import dev.sluice.store.ApiKeys;
import dev.sluice.store.CollectionStore;
import dev.sluice.store.JobStore;
import io.javalin.http.Context;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.InstantSource;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Authentication and authorization, run before every route's handler with the route's entry of
 * the {@link RouteTable}: who the caller is (the admin key, an API key looked up in the database at
 * each request, or nobody while no admin key is configured), whether it holds the route's
 * {@link Scope}, and whether it may see the collection or job the route names ({@link Target}; one it
 * may not see answers 404 as if absent). Thread-safe.
 *
 * @throws SluiceException.Unauthorized {@code unauthorized}: no key, or an unknown, revoked or expired one
 * @throws SluiceException.Forbidden    {@code forbidden}: the key lacks the route's scope
 */
final class Gate {
    private static final String BEARER = "Bearer ";

    private final byte[] adminKeyHash;
    private final ApiKeys keys;
    private final JobStore jobs;
    private final Consumer<String> failures;
    private final InstantSource clock;

    /**
     * @param adminKey null to run open: every request is admitted as {@link Caller#OPEN}
     * @param failures told the reason of each refused key ({@code missing}, {@code unknown},
     *                 {@code revoked}, {@code expired}, {@code scope}), for {@code /metrics}
     */
    Gate(String adminKey, ApiKeys keys, JobStore jobs, Consumer<String> failures, InstantSource clock) {
        this.adminKeyHash = adminKey == null ? null : ApiKeys.hash(adminKey).getBytes(StandardCharsets.US_ASCII);
        this.keys = keys;
        this.jobs = jobs;
        this.failures = failures;
        this.clock = clock;
    }

    /** Admits the request to the route, or throws; the admitted {@link Caller} is attached to the request. */
    void admit(RouteTable.Route route, Context ctx) {
        if (route.scope() == Scope.PUBLIC) {
            return;
        }
        Caller caller = adminKeyHash == null ? Caller.OPEN : authenticate(ctx);
        if (!caller.has(route.scope())) {
            failures.accept("scope");
            throw new SluiceException.Forbidden("forbidden", "this key lacks the scope " + route.scope().wireName()
                    + " that " + route.method() + " " + route.path() + " needs", Map.of("scope", route.scope().wireName()));
        }
        caller.attach(ctx);
        if (route.target() == Target.COLLECTION) {
            requireVisible(caller, ctx.pathParam("name"));
        } else if (route.target() == Target.JOB && !caller.seesAll()) {
            String id = ctx.pathParam("id");
            Optional<Job> job = jobs.find(id);
            if (job.isPresent() && !caller.sees(job.get().collection())) {
                throw JobStore.notFound(id);
            }
        }
    }

    /** A collection the caller may not see answers as one that does not exist. */
    static void requireVisible(Caller caller, String collection) {
        if (!caller.sees(collection)) {
            throw CollectionStore.notFound(collection);
        }
    }

    private Caller authenticate(Context ctx) {
        String header = ctx.header("Authorization");
        if (header == null || !header.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            throw refused(ctx, "missing", "this server needs a key: send Authorization: Bearer <key>");
        }
        String secret = header.substring(BEARER.length()).trim();
        // constant-time: the hashes are compared whole, whatever the key sent
        if (MessageDigest.isEqual(adminKeyHash, ApiKeys.hash(secret).getBytes(StandardCharsets.US_ASCII))) {
            return Caller.ADMIN;
        }
        ApiKey key = secret.startsWith(ApiKeys.SECRET_PREFIX) ? keys.findBySecret(secret).orElse(null) : null;
        if (key == null) {
            throw refused(ctx, "unknown", "the key is not known to this server");
        }
        if (key.revokedAt() != null) {
            throw refused(ctx, "revoked", "the key " + key.prefix() + "... was revoked");
        }
        if (key.expiredAt(clock.instant())) {
            throw refused(ctx, "expired", "the key " + key.prefix() + "... expired at " + key.expiresAt());
        }
        keys.touch(key);
        return Caller.of(key);
    }

    private SluiceException.Unauthorized refused(Context ctx, String reason, String message) {
        failures.accept(reason);
        ctx.header("WWW-Authenticate", "Bearer");
        return new SluiceException.Unauthorized("unauthorized", message, Map.of("reason", reason));
    }
}
