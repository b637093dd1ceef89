package dev.sluice.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sluice.collection.CollectionSchema;
import dev.sluice.error.SluiceException;
import dev.sluice.store.ApiKey;
import dev.sluice.store.ApiKeys;
import io.javalin.http.Context;

import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Handlers of the {@code /v1/keys} routes: create (the secret answered once), list, show, revoke.
 * A key creates, sees and revokes only keys with no more rights than its own. Thread-safe.
 */
final class KeyRoutes {
    private static final List<String> MEMBERS = List.of("name", "scopes", "collections", "expires_at");
    /** A key document is a few hundred bytes; anything near this is not one. */
    private static final long KEY_BODY_LIMIT = 64L << 10;

    private final ApiKeys keys;
    private final ObjectMapper json;
    private final InstantSource clock;

    KeyRoutes(ApiKeys keys, ObjectMapper json, InstantSource clock) {
        this.keys = keys;
        this.json = json;
        this.clock = clock;
    }

    /** {@code POST /v1/keys}: 201 with the key document and, this once, its secret in {@code key}. */
    void create(Context ctx) {
        Params.allowOnly(ctx, Set.of());
        JsonNode body = Answers.readObject(ctx, json, KEY_BODY_LIMIT, "key", MEMBERS);
        String name = name(body.get("name"));
        Set<Scope> scopes = scopes(body.get("scopes"));
        Set<String> collections = collections(body.get("collections"));
        Instant expiresAt = JobRequests.instant(body.get("expires_at"), "expires_at");
        if (expiresAt != null && !expiresAt.isAfter(clock.instant())) {
            throw JobRequests.invalid("expires_at", "expires_at must be in the future, got " + expiresAt);
        }
        requireNoMoreRights(Caller.of(ctx), scopes, collections);
        List<String> scopeNames = scopes.stream().map(Scope::wireName).toList();
        ApiKeys.Created created = keys.create(name, scopeNames, List.copyOf(collections), expiresAt);
        Map<String, Object> document = document(created.key());
        document.put("key", created.secret());
        ctx.header("Location", "/v1/keys/" + created.key().id());
        Answers.json(ctx, 201, document);
    }

    /** {@code GET /v1/keys}: the keys within the caller's own rights, by pages. */
    void list(Context ctx) {
        Params.allowOnly(ctx, Set.of("limit", "cursor"));
        ApiKeys.Page page = within(Caller.of(ctx), Params.limit(ctx, 50, 1_000), Params.string(ctx, "cursor"));
        List<Map<String, Object>> out = new ArrayList<>();
        page.keys().forEach(k -> out.add(document(k)));
        Answers.page(ctx, "keys", out, page.nextCursor());
    }

    /**
     * {@code GET /v1/keys/self}: the caller's own rights, so that a client (the dashboard) offers only
     * what its key may do; {@code id} and {@code name} are null while the server runs open.
     */
    void self(Context ctx) {
        Params.allowOnly(ctx, Set.of());
        Caller caller = Caller.of(ctx);
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("id", caller.creator() == null ? null : caller.creator().keyId());
        d.put("name", caller.creator() == null ? null : caller.creator().keyName());
        d.put("scopes", caller.scopes().stream().map(Scope::wireName).sorted().toList());
        d.put("collections", caller.collections().stream().sorted().toList());
        Answers.json(ctx, 200, d);
    }

    void show(Context ctx) {
        Params.allowOnly(ctx, Set.of());
        Answers.json(ctx, 200, document(requireWithin(Caller.of(ctx), ctx.pathParam("id"))));
    }

    void revoke(Context ctx) {
        keys.revoke(requireWithin(Caller.of(ctx), ctx.pathParam("id")).id());
        ctx.status(204);
    }

    /**
     * A page of the keys whose scopes and collections are all within the caller's: a key manager sees
     * and revokes no key with more rights than its own. Reads on past the keys it may not see; keys are few.
     */
    private ApiKeys.Page within(Caller caller, int limit, String cursor) {
        List<ApiKey> seen = new ArrayList<>();
        String after = cursor;
        while (true) {
            ApiKeys.Page page = keys.list(limit, after);
            for (ApiKey k : page.keys()) {
                if (caller.reaches(k)) {
                    seen.add(k);
                    if (seen.size() == limit) {
                        return new ApiKeys.Page(seen, k.id());
                    }
                }
            }
            if (page.nextCursor() == null) {
                return new ApiKeys.Page(seen, null);
            }
            after = page.nextCursor();
        }
    }

    /** The key, if the caller may see it; one beyond its rights answers 404 as if it did not exist. */
    private ApiKey requireWithin(Caller caller, String id) {
        ApiKey key = keys.require(id);
        if (!caller.reaches(key)) {
            throw ApiKeys.notFound(id);
        }
        return key;
    }

    private static void requireNoMoreRights(Caller caller, Set<Scope> scopes, Set<String> collections) {
        for (Scope s : scopes) {
            if (!caller.has(s)) {
                throw new SluiceException.Forbidden("forbidden", "a key cannot give a scope it does not have: "
                        + s.wireName(), Map.of("scope", s.wireName()));
            }
        }
        caller.requireCollections(collections, "a key");
    }

    private static Map<String, Object> document(ApiKey k) {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("id", k.id());
        d.put("name", k.name());
        d.put("prefix", k.prefix());
        d.put("scopes", k.scopes());
        d.put("collections", k.collections());
        d.put("created_at", k.createdAt());
        d.put("expires_at", k.expiresAt());
        d.put("last_used_at", k.lastUsedAt());
        return d;
    }

    private static String name(JsonNode v) {
        if (v == null || !v.isTextual() || v.asText().isBlank() || v.asText().length() > 200) {
            throw JobRequests.invalid("name", "name is required: a string of 1 to 200 characters, got " + v);
        }
        return v.asText();
    }

    private static Set<Scope> scopes(JsonNode v) {
        if (v == null || !v.isArray() || v.isEmpty()) {
            throw JobRequests.invalid("scopes", "scopes is required: a non-empty array of scope names, got " + v);
        }
        Set<Scope> scopes = EnumSet.noneOf(Scope.class);
        for (JsonNode s : v) {
            scopes.add(Scope.fromWireName(s.asText(null)).orElseThrow(() -> JobRequests.invalid("scopes",
                    "unknown scope " + s + "; scopes are collections:read, collections:write, records:read,"
                            + " imports:read, imports:write, keys:manage, metrics:read, webhooks:manage or *")));
        }
        return scopes;
    }

    static Set<String> collections(JsonNode v) {
        if (v == null || !v.isArray() || v.isEmpty()) {
            throw JobRequests.invalid("collections", "collections is required: [\"*\"] for all, or the collection"
                    + " names, got " + v);
        }
        Set<String> names = new LinkedHashSet<>();
        for (JsonNode c : v) {
            String name = c.asText("");
            if (!c.isTextual() || !name.equals("*") && !CollectionSchema.NAME.matcher(name).matches()) {
                throw JobRequests.invalid("collections", "collections holds \"*\" or collection names, got " + c);
            }
            names.add(name);
        }
        if (names.contains("*") && names.size() > 1) {
            throw JobRequests.invalid("collections", "\"*\" already means every collection: give it alone");
        }
        return names;
    }
}
