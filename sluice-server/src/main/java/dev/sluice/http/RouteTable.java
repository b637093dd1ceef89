package dev.sluice.http;

import dev.sluice.job.SourceFormat;
import io.javalin.http.Handler;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Every route of the HTTP API, once, as data: method, path, what it asks of the caller
 * ({@link Scope}), which collection it touches ({@link Target}), and its handler; grouped by
 * resource. {@link HttpServer} serves exactly this list, {@link Gate} authorizes by it, and the
 * OpenAPI contract and authorization matrix tests are driven by it. Immutable and thread-safe.
 */
public final class RouteTable {
    /**
     * One route.
     *
     * @param path      with path parameters as {@code {name}}
     * @param bodyTypes the media types of the request bodies it documents (openapi.json's
     *                  {@code requestBody.content}), lower case; empty when it reads no body
     */
    public record Route(String method, String path, Scope scope, Target target, Set<String> bodyTypes,
                        Handler handler) {
        public Route {
            bodyTypes = Set.copyOf(bodyTypes);
        }

        /** {@code "METHOD /path"}. */
        public String line() {
            return method + " " + path;
        }

        /** Whether it reads a request body, whose Content-Type must then be one of {@link #bodyTypes()}. */
        public boolean readsBody() {
            return !bodyTypes.isEmpty();
        }
    }

    private static final Set<String> JSON = Set.of("application/json");
    /** A file as the raw body: a format's media type, or any bytes whose format {@code format=} or the name gives. */
    private static final Set<String> RAW_FILE = rawFileTypes();
    private static final Set<String> JSON_OR_FORM = Set.of("application/json", "multipart/form-data");
    /** A sample to infer from: a raw file as {@link #RAW_FILE}, a form with a file part, or JSON naming a URL. */
    private static final Set<String> FILE_OR_FORM = union(RAW_FILE, Set.of("multipart/form-data"));

    private final List<Route> routes;

    private RouteTable(List<Route> routes) {
        this.routes = List.copyOf(routes);
    }

    public List<Route> routes() {
        return routes;
    }

    static RouteTable of(EventRoutes e, CollectionRoutes c, ImportRoutes i, JobRoutes j, InferRoutes n, KeyRoutes k,
                         WebhookRoutes w, SystemRoutes s, DashboardRoutes d) {
        return new RouteTable(List.of(
                // the service itself
                get("/health", Scope.PUBLIC, Target.NONE, s::health),
                // the dashboard: a page and its files, holding no data (the page asks the API with the visitor's key)
                get("/", Scope.PUBLIC, Target.NONE, d::page),
                get("/dashboard/{name}", Scope.PUBLIC, Target.NONE, d::asset),
                get("/openapi.json", Scope.ANY_KEY, Target.NONE, s::openApi),
                get("/metrics", Scope.METRICS_READ, Target.NONE, s::metrics),
                // collections and their records
                post("/v1/collections", JSON, Scope.COLLECTIONS_WRITE, Target.BODY_COLLECTION, c::create),
                get("/v1/collections", Scope.COLLECTIONS_READ, Target.LIST, c::list),
                get("/v1/collections/{name}", Scope.COLLECTIONS_READ, Target.COLLECTION, c::show),
                delete("/v1/collections/{name}", Scope.COLLECTIONS_WRITE, Target.COLLECTION, c::drop),
                get("/v1/collections/{name}/records", Scope.RECORDS_READ, Target.COLLECTION, c::records),
                // imports: submitting
                post("/v1/collections/{name}/import", RAW_FILE, Scope.IMPORTS_WRITE, Target.COLLECTION, i::importInto),
                post("/v1/imports", JSON_OR_FORM, Scope.IMPORTS_WRITE, Target.BODY_COLLECTION, j::create),
                post("/v1/imports/{id}/files", RAW_FILE, Scope.IMPORTS_WRITE, Target.JOB, j::addFile),
                action("/v1/imports/{id}/start", Scope.IMPORTS_WRITE, Target.JOB, j::start),
                post("/v1/imports/{id}/retry", RAW_FILE, Scope.IMPORTS_WRITE, Target.JOB, j::retry),
                // a file's dialect and schema, read from a sample: as able to make the server fetch a URL as an import
                post("/v1/infer", FILE_OR_FORM, Scope.IMPORTS_WRITE, Target.NONE, n::infer),
                // imports: reading and ending
                get("/v1/imports", Scope.IMPORTS_READ, Target.LIST, i::list),
                get("/v1/imports/{id}", Scope.IMPORTS_READ, Target.JOB, i::show),
                get("/v1/imports/{id}/results", Scope.IMPORTS_READ, Target.JOB, i::results),
                get("/v1/imports/{id}/log", Scope.IMPORTS_READ, Target.JOB, i::log),
                get("/v1/imports/{id}/events", Scope.IMPORTS_READ, Target.JOB, e::job),
                get("/v1/events", Scope.IMPORTS_READ, Target.LIST, e::all),
                action("/v1/imports/{id}/cancel", Scope.IMPORTS_WRITE, Target.JOB, i::cancel),
                delete("/v1/imports/{id}", Scope.IMPORTS_WRITE, Target.JOB, i::delete),
                // API keys
                post("/v1/keys", JSON, Scope.KEYS_MANAGE, Target.NONE, k::create),
                get("/v1/keys", Scope.KEYS_MANAGE, Target.NONE, k::list),
                // before /v1/keys/{id}, which would otherwise take "self" for an id
                get("/v1/keys/self", Scope.ANY_KEY, Target.NONE, k::self),
                get("/v1/keys/{id}", Scope.KEYS_MANAGE, Target.NONE, k::show),
                delete("/v1/keys/{id}", Scope.KEYS_MANAGE, Target.NONE, k::revoke),
                // webhooks: restricted to the caller's collections by the handlers
                post("/v1/webhooks", JSON, Scope.WEBHOOKS_MANAGE, Target.NONE, w::create),
                get("/v1/webhooks", Scope.WEBHOOKS_MANAGE, Target.NONE, w::list),
                get("/v1/webhooks/{id}", Scope.WEBHOOKS_MANAGE, Target.NONE, w::show),
                delete("/v1/webhooks/{id}", Scope.WEBHOOKS_MANAGE, Target.NONE, w::delete),
                get("/v1/webhooks/{id}/deliveries", Scope.WEBHOOKS_MANAGE, Target.NONE, w::deliveries)));
    }

    private static Set<String> rawFileTypes() {
        Set<String> types = new TreeSet<>(SourceFormat.mediaTypes());
        types.addAll(List.of("application/octet-stream", "application/gzip", "application/x-gzip"));
        return types;
    }

    private static Set<String> union(Set<String> a, Set<String> b) {
        Set<String> all = new TreeSet<>(a);
        all.addAll(b);
        return all;
    }

    private static Route get(String path, Scope scope, Target target, Handler handler) {
        return new Route("GET", path, scope, target, Set.of(), handler);
    }

    private static Route post(String path, Set<String> bodyTypes, Scope scope, Target target, Handler handler) {
        return new Route("POST", path, scope, target, bodyTypes, handler);
    }

    /** A POST that acts on what the path names and reads no body. */
    private static Route action(String path, Scope scope, Target target, Handler handler) {
        return new Route("POST", path, scope, target, Set.of(), handler);
    }

    private static Route delete(String path, Scope scope, Target target, Handler handler) {
        return new Route("DELETE", path, scope, target, Set.of(), handler);
    }
}
