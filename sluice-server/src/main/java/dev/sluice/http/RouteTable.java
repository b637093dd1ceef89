package dev.sluice.http;

import io.javalin.http.Handler;

import java.util.List;

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
     * @param readsBody whether it reads a request body, whose Content-Type must then be well-formed
     */
    public record Route(String method, String path, Scope scope, Target target, boolean readsBody, Handler handler) {
        /** {@code "METHOD /path"}. */
        public String line() {
            return method + " " + path;
        }
    }

    private final List<Route> routes;

    private RouteTable(List<Route> routes) {
        this.routes = List.copyOf(routes);
    }

    public List<Route> routes() {
        return routes;
    }

    static RouteTable of(EventRoutes e, CollectionRoutes c, ImportRoutes i, JobRoutes j, KeyRoutes k, SystemRoutes s) {
        return new RouteTable(List.of(
                // the service itself
                get("/health", Scope.PUBLIC, Target.NONE, s::health),
                get("/openapi.json", Scope.ANY_KEY, Target.NONE, s::openApi),
                get("/metrics", Scope.METRICS_READ, Target.NONE, s::metrics),
                // collections and their records
                post("/v1/collections", Scope.COLLECTIONS_WRITE, Target.BODY_COLLECTION, c::create),
                get("/v1/collections", Scope.COLLECTIONS_READ, Target.LIST, c::list),
                get("/v1/collections/{name}", Scope.COLLECTIONS_READ, Target.COLLECTION, c::show),
                delete("/v1/collections/{name}", Scope.COLLECTIONS_WRITE, Target.COLLECTION, c::drop),
                get("/v1/collections/{name}/records", Scope.RECORDS_READ, Target.COLLECTION, c::records),
                // imports: submitting
                post("/v1/collections/{name}/import", Scope.IMPORTS_WRITE, Target.COLLECTION, i::importInto),
                post("/v1/imports", Scope.IMPORTS_WRITE, Target.BODY_COLLECTION, j::create),
                post("/v1/imports/{id}/files", Scope.IMPORTS_WRITE, Target.JOB, j::addFile),
                action("/v1/imports/{id}/start", Scope.IMPORTS_WRITE, Target.JOB, j::start),
                post("/v1/imports/{id}/retry", Scope.IMPORTS_WRITE, Target.JOB, j::retry),
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
                post("/v1/keys", Scope.KEYS_MANAGE, Target.NONE, k::create),
                get("/v1/keys", Scope.KEYS_MANAGE, Target.NONE, k::list),
                get("/v1/keys/{id}", Scope.KEYS_MANAGE, Target.NONE, k::show),
                delete("/v1/keys/{id}", Scope.KEYS_MANAGE, Target.NONE, k::revoke)));
    }

    private static Route get(String path, Scope scope, Target target, Handler handler) {
        return new Route("GET", path, scope, target, false, handler);
    }

    private static Route post(String path, Scope scope, Target target, Handler handler) {
        return new Route("POST", path, scope, target, true, handler);
    }

    /** A POST that acts on what the path names and reads no body. */
    private static Route action(String path, Scope scope, Target target, Handler handler) {
        return new Route("POST", path, scope, target, false, handler);
    }

    private static Route delete(String path, Scope scope, Target target, Handler handler) {
        return new Route("DELETE", path, scope, target, false, handler);
    }
}
