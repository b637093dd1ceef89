package dev.sluice.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sluice.client.ApiError;
import dev.sluice.client.Json;
import dev.sluice.engine.Imports;
import dev.sluice.error.SluiceException;
import dev.sluice.source.Staging;
import dev.sluice.store.CollectionStore;
import dev.sluice.store.ConnectionLoss;
import dev.sluice.store.JobStore;
import dev.sluice.store.ResultStore;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.router.EndpointNotFound;
import org.eclipse.jetty.io.EofException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * The HTTP API v1: the whole route table, and beside it the mapping of errors to statuses.
 * Thread-safe; handlers run on Jetty's threads.
 */
public final class HttpServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(HttpServer.class);
    /** The Prometheus text exposition format. */
    private static final String PROMETHEUS_TEXT = "text/plain; version=0.0.4; charset=utf-8";

    private final Javalin app;
    private final TlsConnector tls;

    /**
     * @param ready   answers whether the service can take work (health check)
     * @param metrics the Prometheus text of {@code GET /metrics}, made at each scrape
     */
    public HttpServer(CollectionStore collections, JobStore jobs, ResultStore results, Staging staging, Imports imports,
                      Duration retention, BooleanSupplier ready, Supplier<String> metrics, HttpSettings settings) {
        ObjectMapper json = Json.mapper();
        Documents documents = new Documents(json);
        CollectionRoutes c = new CollectionRoutes(collections, documents, json, settings);
        JobAnswers answers = new JobAnswers(imports, jobs, results, documents);
        ImportRoutes i = new ImportRoutes(imports, jobs, results, staging, documents, json, retention, answers);
        JobRoutes n = new JobRoutes(imports, jobs, answers, new RequestBodies(staging, json, settings.maxRequestBytes()), json);
        this.tls = settings.tlsKeystore() == null ? null : new TlsConnector(settings.tlsKeystore(), settings.tlsKeystorePassword());
        this.app = Javalin.create(config -> {
            config.startup.showJavalinBanner = false;
            config.startup.showOldJavalinVersionWarning = false;
            config.http.maxRequestSize = settings.maxRequestBytes();
            config.router.ignoreTrailingSlashes = true;
            config.http.prefer405over404 = true;
            config.jetty.modifyServer(server -> server.setErrorHandler(new JettyErrors()));
            if (tls != null) {
                config.jetty.addConnector(tls::build);
            }

            config.routes.before(ContentTypeHeader::requireWellFormed);
            config.routes.before(new BrowserRules(settings)::check);
            config.routes.get("/health", ctx -> health(ctx, ready));
            config.routes.post("/v1/collections", c::create);
            config.routes.get("/v1/collections", c::list);
            config.routes.get("/v1/collections/{name}", c::show);
            config.routes.delete("/v1/collections/{name}", c::drop);
            config.routes.get("/v1/collections/{name}/records", c::records);
            config.routes.post("/v1/collections/{name}/import", i::importInto);
            config.routes.post("/v1/imports", n::create);
            config.routes.get("/v1/imports", i::list);
            config.routes.get("/v1/imports/{id}", i::show);
            config.routes.delete("/v1/imports/{id}", i::delete);
            config.routes.get("/v1/imports/{id}/results", i::results);
            config.routes.get("/v1/imports/{id}/log", i::log);
            config.routes.post("/v1/imports/{id}/cancel", i::cancel);
            config.routes.post("/v1/imports/{id}/files", n::addFile);
            config.routes.post("/v1/imports/{id}/start", n::start);
            config.routes.post("/v1/imports/{id}/retry", n::retry);
            config.routes.get("/openapi.json", ctx -> ctx.contentType("application/json").result(OpenApiDocument.bytes()));
            config.routes.get("/metrics", ctx -> ctx.contentType(PROMETHEUS_TEXT).result(metrics.get()));

            config.routes.exception(SluiceException.class, (e, ctx) -> error(ctx, e.httpStatus(), e.code(), e.getMessage(),
                    e.details()));
            config.routes.exception(EofException.class, (e, ctx) -> LOG.debug("client went away: {}", e.getMessage()));
            config.routes.exception(Exception.class, (e, ctx) -> {
                if (ConnectionLoss.isLost(e)) {
                    LOG.warn("{} {}: the database is not reachable: {}", ctx.method(), ctx.path(), e.getMessage());
                    ctx.header("Retry-After", "5");
                    error(ctx, 503, "database_unavailable", "the database is not reachable; try again shortly",
                            Map.of());
                    return;
                }
                LOG.error("{} {} failed", ctx.method(), ctx.path(), e);
                error(ctx, 500, "internal_error", "the request failed on an internal error: " + e, Map.of());
            });
            // an unmatched route: Javalin would answer its own plain-text (or problem+json) 404
            config.routes.exception(EndpointNotFound.class, (e, ctx) -> error(ctx, 404, "not_found",
                    "no route " + ctx.method() + " " + ctx.path(), Map.of()));
            config.routes.error(405, ctx -> error(ctx, 405, "method_not_allowed",
                    ctx.method() + " is not allowed on " + ctx.path(), Map.of()));
        });
    }

    /** Starts listening; returns the bound port (useful with port 0). */
    public int start(String host, int port) {
        if (tls != null) {
            tls.listenOn(host, port);
        }
        app.start(host, port);
        return app.port();
    }

    @Override
    public void close() {
        app.stop();
    }

    /** The route table as {@code "METHOD /path"} lines (path parameters as {@code {name}}), for the contract test. */
    public java.util.List<String> routes() {
        // before-handlers (the Content-Type check) run on every route and are no route of their own
        return app.unsafe.internalRouter.allHttpHandlers().stream()
                .filter(e -> e.endpoint.method.isHttpMethod())
                .map(e -> e.endpoint.method.name() + " " + e.endpoint.path).toList();
    }

    private static void health(Context ctx, BooleanSupplier ready) {
        boolean ok = ready.getAsBoolean();
        json(ctx, ok ? 200 : 503, Map.of("status", ok ? "ok" : "starting"));
    }

    static void error(Context ctx, int status, String code, String message, Map<String, Object> details) {
        drainUnreadBody(ctx);
        json(ctx, status, new ApiError(new ApiError.Body(code, message, details)));
    }

    /** How much of an unread upload is read and dropped so that its sender gets the error answer. */
    private static final long DRAIN_LIMIT = 64L << 20;

    /**
     * Reads and drops what is left of the request body before an error answer. A client still
     * sending an upload that was refused early (unknown collection, bad option) would otherwise see
     * the connection reset instead of the answer. Past {@link #DRAIN_LIMIT} the connection is
     * closed after the answer rather than drained further.
     */
    private static void drainUnreadBody(Context ctx) {
        if (ctx.req().getContentLengthLong() == 0) {
            return;
        }
        try {
            java.io.InputStream in = ctx.req().getInputStream();
            byte[] buffer = new byte[1 << 16];
            long left = DRAIN_LIMIT;
            int n;
            while (left > 0 && (n = in.read(buffer, 0, (int) Math.min(buffer.length, left))) > 0) {
                left -= n;
            }
            if (left <= 0) {
                ctx.header("Connection", "close");
            }
        } catch (IOException | IllegalStateException e) {
            // the body was taken another way, or the client went away: nothing left to drain
        }
    }

    private static final ObjectMapper JSON = Json.mapper();

    static void json(Context ctx, int status, Object body) {
        try {
            ctx.status(status).contentType("application/json").result(JSON.writeValueAsBytes(body));
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The request body as JSON (at most {@code limit} bytes); {@code 400 invalid_json} with the place when it is not. */
    static JsonNode readJson(Context ctx, ObjectMapper json, long limit) {
        return RequestBodies.json(json, ctx.bodyInputStream(), "the request body", limit);
    }
}
