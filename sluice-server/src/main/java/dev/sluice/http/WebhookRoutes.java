package dev.sluice.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sluice.source.UrlSources;
import dev.sluice.store.Webhook;
import dev.sluice.store.Webhooks;
import io.javalin.http.Context;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Handlers of the {@code /v1/webhooks} routes (docs/http-api.md, "Webhooks"): create (a generated
 * secret answered once), list, show, delete, and a webhook's deliveries with each attempt. A webhook's
 * URL passes the address guard of URL sources when it is created. A key restricted to collections
 * creates and sees only webhooks within them. Thread-safe.
 */
final class WebhookRoutes {
    /** The events a webhook may listen for. */
    static final List<String> EVENTS = List.of("job.started", "job.completed", "job.completed_with_errors",
            "job.failed", "job.cancelled");
    private static final List<String> MEMBERS = List.of("url", "events", "collections", "secret");
    private static final long BODY_LIMIT = 64L << 10;
    private static final int SECRET_BYTES = 24;

    private final Webhooks webhooks;
    private final UrlSources guard;
    private final ObjectMapper json;
    private final SecureRandom random = new SecureRandom();

    WebhookRoutes(Webhooks webhooks, UrlSources guard, ObjectMapper json) {
        this.webhooks = webhooks;
        this.guard = guard;
        this.json = json;
    }

    /** {@code POST /v1/webhooks}: 201 with the webhook and its secret, this once. */
    void create(Context ctx) {
        Params.allowOnly(ctx, Set.of());
        JsonNode body = Answers.readObject(ctx, json, BODY_LIMIT, "webhook", MEMBERS);
        String url = url(body.get("url"));
        List<String> events = events(body.get("events"));
        Set<String> collections = KeyRoutes.collections(body.get("collections"));
        Caller.of(ctx).requireCollections(collections, "a webhook");
        String secret = secret(body.get("secret"));
        Webhook hook = webhooks.create(url, events, List.copyOf(collections),
                secret == null ? "whsec_" + HexFormat.of().formatHex(randomBytes()) : secret);
        Map<String, Object> document = document(hook);
        document.put("secret", hook.secret());
        ctx.header("Location", "/v1/webhooks/" + hook.id());
        Answers.json(ctx, 201, document);
    }

    /** {@code GET /v1/webhooks}: the webhooks within the caller's collections, oldest first, by pages. */
    void list(Context ctx) {
        Params.allowOnly(ctx, Set.of("limit", "cursor"));
        Caller caller = Caller.of(ctx);
        int limit = Params.limit(ctx, 50, 1_000);
        List<Map<String, Object>> out = new ArrayList<>();
        String after = Params.string(ctx, "cursor");
        String next = null;
        while (out.size() < limit) {
            Webhooks.Page page = webhooks.list(limit, after);
            for (Webhook hook : page.webhooks()) {
                if (out.size() < limit && reaches(caller, hook)) {
                    out.add(document(hook));
                    next = hook.id();
                }
            }
            after = page.nextCursor();
            if (after == null) {
                next = null;
                break;
            }
        }
        Answers.page(ctx, "webhooks", out, next);
    }

    void show(Context ctx) {
        Params.allowOnly(ctx, Set.of());
        Answers.json(ctx, 200, document(requireWithin(ctx)));
    }

    void delete(Context ctx) {
        Params.allowOnly(ctx, Set.of());
        webhooks.delete(requireWithin(ctx).id());
        ctx.status(204);
    }

    /** {@code GET /v1/webhooks/{id}/deliveries}: newest first, each with its attempts. */
    void deliveries(Context ctx) {
        Params.allowOnly(ctx, Set.of("limit", "cursor"));
        Webhooks.DeliveryPage page = webhooks.deliveries(requireWithin(ctx).id(), Params.limit(ctx, 50, 1_000),
                Params.string(ctx, "cursor"));
        List<Map<String, Object>> out = new ArrayList<>();
        for (Webhooks.Delivery d : page.deliveries()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("id", d.id());
            m.put("type", d.type());
            m.put("job_id", d.jobId());
            m.put("created_at", d.createdAt());
            m.put("state", d.state());
            m.put("next_attempt_at", d.nextAttemptAt());
            List<Map<String, Object>> tries = new ArrayList<>();
            for (Webhooks.Attempt a : d.tries()) {
                Map<String, Object> t = new LinkedHashMap<>();
                t.put("attempt", a.attempt());
                t.put("at", a.at());
                t.put("status_code", a.statusCode());
                t.put("duration_ms", a.durationMs());
                t.put("error", a.error());
                tries.add(t);
            }
            m.put("attempts", tries);
            out.add(m);
        }
        Answers.page(ctx, "deliveries", out, page.nextCursor());
    }

    /** The webhook, if the caller may see it; one beyond its collections answers 404 as if it did not exist. */
    private Webhook requireWithin(Context ctx) {
        String id = ctx.pathParam("id");
        Webhook hook = webhooks.require(id);
        if (!reaches(Caller.of(ctx), hook)) {
            throw Webhooks.notFound(id);
        }
        return hook;
    }

    private static boolean reaches(Caller caller, Webhook hook) {
        return caller.covers(Set.of(), new LinkedHashSet<>(hook.collections()));
    }

    private static Map<String, Object> document(Webhook w) {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("id", w.id());
        d.put("url", w.url());
        d.put("events", w.events());
        d.put("collections", w.collections());
        d.put("created_at", w.createdAt());
        return d;
    }

    /** An http(s) URL the address guard lets through; a refused one is the guard's own 400. */
    private String url(JsonNode v) {
        if (v == null || !v.isTextual() || v.asText().isBlank() || v.asText().length() > 2_000) {
            throw JobRequests.invalid("url", "url is required: an http or https URL of at most 2000 characters, got " + v);
        }
        guard.check(v.asText());
        return v.asText();
    }

    private static List<String> events(JsonNode v) {
        if (v == null || !v.isArray() || v.isEmpty()) {
            throw JobRequests.invalid("events", "events is required: a non-empty array of " + EVENTS + ", got " + v);
        }
        Set<String> events = new LinkedHashSet<>();
        for (JsonNode e : v) {
            if (!e.isTextual() || !EVENTS.contains(e.asText())) {
                throw JobRequests.invalid("events", "unknown event " + e + "; events are " + EVENTS);
            }
            events.add(e.asText());
        }
        return List.copyOf(events);
    }

    private static String secret(JsonNode v) {
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isTextual() || v.asText().length() < 16 || v.asText().length() > 200) {
            throw JobRequests.invalid("secret", "secret, when given, is a string of 16 to 200 characters");
        }
        return v.asText();
    }

    private byte[] randomBytes() {
        byte[] bytes = new byte[SECRET_BYTES];
        random.nextBytes(bytes);
        return bytes;
    }
}
