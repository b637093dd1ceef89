package dev.sluice.http;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

import static dev.sluice.http.Keys.bearer;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * docs/http-api.md "Keys and scopes": every route of the route table against every kind of caller:
 * no key, an unknown, revoked or expired key, a key lacking the route's scope, a key restricted to
 * another collection, and the admin key. Each route's decision (its scope, and the request that
 * exercises it with the status the admin key gets) is stated here: a route added to the table
 * without one fails {@link #every_route_of_the_table_has_a_decision_here}.
 */
class AuthorizationMatrixApiTest {
    @RegisterExtension
    static final RunningServer server = RunningServer.sqliteOrPostgres(ServerOptions.chunkRows(100)
            .allowUrlHosts(Set.of("127.0.0.1")).adminKey(Keys.ADMIN));
    /** Where the fixture's webhooks point: loopback, allowed by name; nothing listens there. */
    private static final String HOOK_URL = "http://127.0.0.1:9/hook";

    private static final AtomicInteger NEXT = new AtomicInteger();
    private static Keys keys;
    private static String unknown;
    private static String revoked;
    private static String expired;
    private static String otherCollection;

    /** What the test sends to a route, made afresh for each call (so that each call has its own target). */
    record Call(String method, String path, String contentType, String body) {
    }

    /** One route's decision: its scope, the call that exercises it, and the status the admin key gets. */
    record Decision(Scope scope, Function<Fixture, Call> call, int allowed) {
    }

    /** A collection of its own with one ended job (a failed row, so it can be retried) and a key. */
    record Fixture(String collection, String job, String keyId, String webhookId) {
        /** A new open job with one file, made with the admin key. */
        String openJob() {
            RunningServer.Answer open = server.post("/v1/imports", "application/json", "{\"collection\": \""
                    + collection + "\", \"open\": true, \"records\": [{\"email\": \"o@x.org\"}]}", bearer(Keys.ADMIN));
            assertThat(open.status()).as("%s", open).isEqualTo(202);
            return open.json().get("id").asText();
        }
    }

    private static final Map<String, Decision> DECISIONS = new LinkedHashMap<>();

    static {
        decide("GET /health", Scope.PUBLIC, f -> get("/health"), 200);
        decide("GET /openapi.json", Scope.ANY_KEY, f -> get("/openapi.json"), 200);
        decide("GET /", Scope.PUBLIC, f -> get("/"), 200);
        decide("GET /dashboard/{name}", Scope.PUBLIC, f -> get("/dashboard/app.js"), 200);
        decide("GET /metrics", Scope.METRICS_READ, f -> get("/metrics"), 200);
        decide("POST /v1/collections", Scope.COLLECTIONS_WRITE, f -> new Call("POST", "/v1/collections",
                "application/json", "{\"name\": \"made_" + NEXT.incrementAndGet() + "\", \"fields\": [{\"name\": \"k\","
                + " \"type\": \"string\"}], \"key\": \"k\"}"), 201);
        decide("GET /v1/collections", Scope.COLLECTIONS_READ, f -> get("/v1/collections"), 200);
        decide("GET /v1/collections/{name}", Scope.COLLECTIONS_READ, f -> get("/v1/collections/" + f.collection()), 200);
        decide("DELETE /v1/collections/{name}", Scope.COLLECTIONS_WRITE,
                f -> new Call("DELETE", "/v1/collections/" + f.collection(), null, null), 204);
        decide("GET /v1/collections/{name}/records", Scope.RECORDS_READ,
                f -> get("/v1/collections/" + f.collection() + "/records"), 200);
        decide("POST /v1/collections/{name}/import", Scope.IMPORTS_WRITE, f -> new Call("POST", "/v1/collections/"
                + f.collection() + "/import", "text/csv", "email,age\nz@x.org,9\n"), 202);
        decide("POST /v1/imports", Scope.IMPORTS_WRITE, f -> new Call("POST", "/v1/imports", "application/json",
                "{\"collection\": \"" + f.collection() + "\", \"records\": [{\"email\": \"y@x.org\"}]}"), 202);
        decide("POST /v1/imports/{id}/files", Scope.IMPORTS_WRITE, f -> new Call("POST", "/v1/imports/" + f.openJob()
                + "/files?name=more.csv", "text/csv", "email\nw@x.org\n"), 200);
        decide("POST /v1/imports/{id}/start", Scope.IMPORTS_WRITE,
                f -> new Call("POST", "/v1/imports/" + f.openJob() + "/start", null, ""), 202);
        decide("POST /v1/imports/{id}/retry", Scope.IMPORTS_WRITE,
                f -> new Call("POST", "/v1/imports/" + f.job() + "/retry", null, ""), 202);
        decide("POST /v1/infer", Scope.IMPORTS_WRITE, f -> new Call("POST", "/v1/infer", "text/csv",
                "email,age\nz@x.org,9\n"), 200);
        decide("GET /v1/imports", Scope.IMPORTS_READ, f -> get("/v1/imports"), 200);
        decide("GET /v1/imports/{id}", Scope.IMPORTS_READ, f -> get("/v1/imports/" + f.job()), 200);
        decide("GET /v1/imports/{id}/results", Scope.IMPORTS_READ, f -> get("/v1/imports/" + f.job() + "/results"), 200);
        decide("GET /v1/imports/{id}/log", Scope.IMPORTS_READ, f -> get("/v1/imports/" + f.job() + "/log"), 200);
        // a job's stream ends after its ended job's events; the stream of every job is read up to its first heartbeat
        decide("GET /v1/imports/{id}/events", Scope.IMPORTS_READ, f -> get("/v1/imports/" + f.job() + "/events"), 200);
        decide("GET /v1/events", Scope.IMPORTS_READ, f -> get("/v1/events"), 200);
        decide("POST /v1/imports/{id}/cancel", Scope.IMPORTS_WRITE,
                f -> new Call("POST", "/v1/imports/" + f.openJob() + "/cancel", null, ""), 200);
        decide("DELETE /v1/imports/{id}", Scope.IMPORTS_WRITE,
                f -> new Call("DELETE", "/v1/imports/" + f.job(), null, null), 204);
        decide("POST /v1/keys", Scope.KEYS_MANAGE, f -> new Call("POST", "/v1/keys", "application/json",
                "{\"name\": \"made\", \"scopes\": [\"imports:read\"], \"collections\": [\"" + f.collection() + "\"]}"), 201);
        decide("GET /v1/keys", Scope.KEYS_MANAGE, f -> get("/v1/keys"), 200);
        decide("GET /v1/keys/self", Scope.ANY_KEY, f -> get("/v1/keys/self"), 200);
        decide("GET /v1/keys/{id}", Scope.KEYS_MANAGE, f -> get("/v1/keys/" + f.keyId()), 200);
        decide("DELETE /v1/keys/{id}", Scope.KEYS_MANAGE, f -> new Call("DELETE", "/v1/keys/" + f.keyId(), null, null), 204);
        decide("POST /v1/webhooks", Scope.WEBHOOKS_MANAGE, f -> new Call("POST", "/v1/webhooks", "application/json",
                webhook(f.collection())), 201);
        decide("GET /v1/webhooks", Scope.WEBHOOKS_MANAGE, f -> get("/v1/webhooks"), 200);
        decide("GET /v1/webhooks/{id}", Scope.WEBHOOKS_MANAGE, f -> get("/v1/webhooks/" + f.webhookId()), 200);
        decide("DELETE /v1/webhooks/{id}", Scope.WEBHOOKS_MANAGE,
                f -> new Call("DELETE", "/v1/webhooks/" + f.webhookId(), null, null), 204);
        decide("GET /v1/webhooks/{id}/deliveries", Scope.WEBHOOKS_MANAGE,
                f -> get("/v1/webhooks/" + f.webhookId() + "/deliveries"), 200);
    }

    private static void decide(String route, Scope scope, Function<Fixture, Call> call, int allowed) {
        DECISIONS.put(route, new Decision(scope, call, allowed));
    }

    private static String webhook(String collection) {
        return "{\"url\": \"" + HOOK_URL + "\", \"events\": [\"job.completed\"], \"collections\": [\"" + collection
                + "\"]}";
    }

    private static Call get(String path) {
        return new Call("GET", path, null, null);
    }

    @BeforeAll
    static void keys() {
        keys = new Keys(server);
        unknown = "sluice_" + "0".repeat(32);
        JsonNode r = keys.create("to-revoke", "[\"*\"]", "[\"*\"]");
        keys.revoke(r.get("id").asText());
        revoked = r.get("key").asText();
        JsonNode e = keys.create("to-expire", "[\"*\"]", "[\"*\"]");
        keys.expire(e.get("id").asText());
        expired = e.get("key").asText();
        keys.collection("elsewhere");
        otherCollection = keys.secret("elsewhere-only", "[\"*\"]", "[\"elsewhere\"]");
    }

    private static Fixture fixture() {
        String name = "m_" + NEXT.incrementAndGet();
        String[] admin = bearer(Keys.ADMIN);
        assertThat(server.postJson("/v1/collections", "{}").status()).isEqualTo(401);
        keys.collection(name);
        RunningServer.Answer job = server.post("/v1/collections/" + name + "/import?wait=true", "text/csv",
                "email,age\na@x.org,1\nb@x.org,x\n", admin);
        assertThat(job.status()).as("%s", job).isEqualTo(200);
        String keyId = keys.create("fixture-" + name, "[\"imports:read\"]", "[\"" + name + "\"]").get("id").asText();
        RunningServer.Answer hook = server.post("/v1/webhooks", "application/json", webhook(name), admin);
        assertThat(hook.status()).as("%s", hook).isEqualTo(201);
        return new Fixture(name, job.json().get("id").asText(), keyId, hook.json().get("id").asText());
    }

    @Test
    void every_route_of_the_table_has_a_decision_here() {
        Set<String> table = new TreeSet<>();
        for (RouteTable.Route route : server.service().routes().routes()) {
            table.add(route.line());
            Decision d = DECISIONS.get(route.line());
            assertThat(d).as("the authorization decision for %s", route.line()).isNotNull();
            assertThat(route.scope()).as("the scope of %s", route.line()).isEqualTo(d.scope());
        }
        assertThat(DECISIONS.keySet()).as("decisions for routes the table no longer has").isSubsetOf(table);
    }

    @Test
    void every_route_answers_each_kind_of_caller_as_decided() {
        List<String> wrong = new ArrayList<>();
        for (RouteTable.Route route : server.service().routes().routes()) {
            Decision d = DECISIONS.get(route.line());
            assertThat(d).as("the authorization decision for %s", route.line()).isNotNull();
            Fixture f = fixture();
            String lacking = lackingScope(route.scope());
            expect(wrong, route, "no key", send(d.call().apply(f)), refusedWithout(route, d, 401));
            expect(wrong, route, "unknown key", send(d.call().apply(f), bearer(unknown)), refusedWithout(route, d, 401));
            expect(wrong, route, "revoked key", send(d.call().apply(f), bearer(revoked)), refusedWithout(route, d, 401));
            expect(wrong, route, "expired key", send(d.call().apply(f), bearer(expired)), refusedWithout(route, d, 401));
            expect(wrong, route, "key lacking the scope", send(d.call().apply(f), bearer(lacking)),
                    route.scope() == Scope.PUBLIC || route.scope() == Scope.ANY_KEY ? d.allowed() : 403);
            expect(wrong, route, "key of another collection", send(d.call().apply(f), bearer(otherCollection)),
                    forOtherCollection(route, d));
            expect(wrong, route, "admin key", send(d.call().apply(f), bearer(Keys.ADMIN)), d.allowed());
        }
        assertThat(wrong).as("cells of the matrix answered otherwise").isEmpty();
    }

    private static int refusedWithout(RouteTable.Route route, Decision d, int status) {
        return route.scope() == Scope.PUBLIC ? d.allowed() : status;
    }

    /**
     * A collection or job the key may not see is absent; creating a collection outside its own is forbidden;
     * the fixture's key, restricted to the fixture's collection, is beyond its rights and so absent too.
     */
    private static int forOtherCollection(RouteTable.Route route, Decision d) {
        if (route.path().equals("/v1/keys/{id}") || route.path().startsWith("/v1/webhooks/{id}")) {
            return 404; // the fixture's key and webhook are for the fixture's collection, beyond the key's
        }
        switch (route.target()) {
            case COLLECTION:
            case JOB:
                return 404;
            case BODY_COLLECTION:
                return route.path().equals("/v1/collections") ? 403 : 404;
            default:
                return route.line().equals("POST /v1/keys") || route.line().equals("POST /v1/webhooks") ? 403 : d.allowed();
        }
    }

    /** A key with every scope but the one the route needs (and not {@code *}). */
    private static String lackingScope(Scope needed) {
        List<String> scopes = new ArrayList<>();
        for (Scope s : Scope.values()) {
            if (s.wireName() != null && s != Scope.ALL && s != needed) {
                scopes.add("\"" + s.wireName() + "\"");
            }
        }
        return keys.secret("lacking-" + needed.name().toLowerCase(java.util.Locale.ROOT) + "-" + NEXT.incrementAndGet(),
                scopes.toString(), "[\"*\"]");
    }

    private static RunningServer.Answer send(Call call, String... headers) {
        switch (call.method()) {
            case "GET":
                return server.get(call.path(), headers);
            case "DELETE":
                return server.delete(call.path(), headers);
            default:
                return server.post(call.path(), call.contentType(), call.body(), headers);
        }
    }

    private static void expect(List<String> wrong, RouteTable.Route route, String caller, RunningServer.Answer a,
                               int status) {
        boolean ok = a.status() == status;
        if (ok && status == 401) {
            ok = "Bearer".equals(a.header("WWW-Authenticate")) && a.json().get("error").get("code").asText().equals("unauthorized");
        }
        if (ok && status == 403 && route.target() != Target.BODY_COLLECTION && !route.line().equals("POST /v1/keys")
                && !(route.line().equals("POST /v1/webhooks") && caller.equals("key of another collection"))) {
            ok = a.json().get("error").get("details").get("scope").asText().equals(route.scope().wireName());
        }
        if (!ok) {
            wrong.add(route.line() + " with " + caller + ": expected " + status + ", got " + a);
        }
    }
}
