package dev.sluice.http;

import dev.sluice.error.SluiceException;
import dev.sluice.job.Creator;
import dev.sluice.store.ApiKey;
import io.javalin.http.Context;

import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Who sent a request, as {@link Gate} admitted it: nobody in particular while the server runs open,
 * the admin key, or an API key with its scopes and collections. Handlers ask it which collections
 * the caller may see. Immutable and thread-safe.
 *
 * @param creator     what a job it creates records as {@code created_by}; null while open
 * @param collections the collections it may see, {@code *} for all
 */
record Caller(Creator creator, Set<Scope> scopes, Set<String> collections) {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(Caller.class);
    private static final String ATTRIBUTE = "sluice.caller";
    /** Every request while no admin key is configured. */
    static final Caller OPEN = new Caller(null, EnumSet.of(Scope.ALL), Set.of("*"));
    static final Caller ADMIN = new Caller(Creator.ADMIN, EnumSet.of(Scope.ALL), Set.of("*"));

    Caller {
        scopes = Set.copyOf(scopes);
        collections = Set.copyOf(collections);
    }

    /** The caller of an API key; scope names that Sluice does not know give no right. */
    static Caller of(ApiKey key) {
        Set<Scope> scopes = EnumSet.noneOf(Scope.class);
        key.scopes().forEach(name -> Scope.fromWireName(name).ifPresent(scopes::add));
        return new Caller(new Creator(key.id(), key.name()), scopes, new LinkedHashSet<>(key.collections()));
    }

    /** The caller the gate admitted for this request. */
    static Caller of(Context ctx) {
        Caller c = ctx.attribute(ATTRIBUTE);
        return c == null ? OPEN : c;
    }

    void attach(Context ctx) {
        ctx.attribute(ATTRIBUTE, this);
    }

    boolean has(Scope scope) {
        return scope == Scope.PUBLIC || scope == Scope.ANY_KEY || scopes.contains(Scope.ALL) || scopes.contains(scope);
    }

    boolean sees(String collection) {
        return collections.contains("*") || collections.contains(collection);
    }

    boolean seesAll() {
        return collections.contains("*");
    }

    /**
     * Names the caller's key in the job's log, or while open says nothing; {@code jobs} null writes
     * to the server's log instead (a deleted job has no log).
     */
    void logAction(dev.sluice.store.JobStore jobs, String jobId, String action) {
        if (creator == null) {
            return;
        }
        String line = action + " by key " + creator.keyName() + " (" + creator.keyId() + ")";
        if (jobs == null) {
            LOG.info("import job {}: {}", jobId, line);
        } else {
            jobs.log(jobId, "INFO", line);
        }
    }

    /** Whether a key with these rights would have none beyond this caller's. */
    boolean covers(Set<Scope> wanted, Set<String> wantedCollections) {
        boolean scopesIn = wanted.stream().allMatch(this::has);
        boolean collectionsIn = seesAll() || !wantedCollections.contains("*") && collections.containsAll(wantedCollections);
        return scopesIn && collectionsIn;
    }

    /**
     * Refuses to create {@code what} (a key, a webhook) for collections beyond this caller's.
     *
     * @throws SluiceException.Forbidden {@code forbidden}, naming them in {@code details.collections}
     */
    void requireCollections(Set<String> wanted, String what) {
        if (!covers(Set.of(), wanted)) {
            throw new SluiceException.Forbidden("forbidden", "a key restricted to collections " + collections
                    + " cannot create " + what + " for " + wanted, Map.of("collections", List.copyOf(wanted)));
        }
    }

    /** Whether the key's rights, scopes and collections, are all within this caller's. */
    boolean reaches(ApiKey key) {
        Caller other = of(key);
        return covers(other.scopes(), other.collections());
    }
}
