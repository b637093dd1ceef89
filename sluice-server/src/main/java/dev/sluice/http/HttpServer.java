package dev.sluice.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sluice.client.Json;
import dev.sluice.error.SluiceException;
import dev.sluice.store.ConnectionLoss;
import io.javalin.Javalin;
import io.javalin.config.JavalinConfig;
import io.javalin.http.HandlerType;
import io.javalin.router.EndpointNotFound;
import org.eclipse.jetty.io.EofException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.Map;

/**
 * The HTTP API v1: serves the {@link RouteTable}, each route behind the {@link Gate}, and maps
 * errors to answers. Thread-safe; handlers run on Jetty's threads.
 */
public final class HttpServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(HttpServer.class);

    private final Javalin app;
    private final RouteTable table;
    private final TlsConnector tls;
    private final EventRoutes events;
    private final JobAnswers answers;
    private final dev.sluice.store.JobStore jobs;

    public HttpServer(HttpParts p) {
        ObjectMapper json = Json.mapper();
        Documents documents = new Documents(json);
        JobAnswers answers = new JobAnswers(p.imports(), p.jobs(), p.results(), documents);
        this.answers = answers;
        this.jobs = p.jobs();
        RequestBodies bodies = new RequestBodies(p.staging(), json, p.settings().maxRequestBytes());
        this.events = new EventRoutes(p.jobs(), answers, p.feed(), p.events(), json);
        this.table = RouteTable.of(events, new CollectionRoutes(p.collections(), documents, json, p.settings()),
                new ImportRoutes(p.imports(), p.jobs(), p.results(), p.staging(), documents, json, p.retention(), answers),
                new JobRoutes(p.imports(), p.jobs(), answers, bodies, json),
                new InferRoutes(p.staging(), p.imports().urls(), bodies),
                new KeyRoutes(p.keys(), json, p.clock()), new WebhookRoutes(p.webhooks(), p.imports().urls(), json),
                new SystemRoutes(p.ready(), p.metrics()), new DashboardRoutes());
        HttpSettings settings = p.settings();
        this.tls = settings.tlsKeystore() == null ? null
                : new TlsConnector(settings.tlsKeystore(), settings.tlsKeystorePassword());
        Gate gate = new Gate(p.adminKey(), p.keys(), p.jobs(), p.authFailures(), p.clock());
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
            config.routes.before(new BrowserRules(settings, p.adminKey() == null)::check);
            for (RouteTable.Route route : table.routes()) {
                config.routes.addHttpHandler(HandlerType.findOrCreate(route.method()), route.path(), ctx -> {
                    // the header first: reading a path parameter decodes by its charset
                    if (route.readsBody()) {
                        ContentTypeHeader.requireWellFormed(ctx);
                    }
                    BrowserRules.requireDocumentedBody(route, ctx);
                    gate.admit(route, ctx);
                    route.handler().handle(ctx);
                });
            }
            errors(config);
        });
    }

    /** How many event streams are open on this node now. */
    public int openEventStreams() {
        return events.open();
    }

    /** The job's status document as {@code GET /v1/imports/{id}} answers it; null once the job is gone. */
    public Object statusDocument(String jobId) {
        return jobs.find(jobId).map(job -> (Object) answers.document(job, false)).orElse(null);
    }

    /** The mapping of errors to answers: by the error's kind, the database's loss, or no route at all. */
    private static void errors(JavalinConfig config) {
        config.routes.exception(SluiceException.class, (e, ctx) -> Answers.error(ctx, e.httpStatus(), e.code(),
                e.getMessage(), e.details()));
        config.routes.exception(EofException.class, (e, ctx) -> LOG.debug("client went away: {}", e.getMessage()));
        config.routes.exception(Exception.class, (e, ctx) -> {
            if (ConnectionLoss.isLost(e)) {
                LOG.warn("{} {}: the database is not reachable: {}", ctx.method(), ctx.path(), e.getMessage());
                ctx.header("Retry-After", "5");
                Answers.error(ctx, 503, "database_unavailable", "the database is not reachable; try again shortly",
                        Map.of());
                return;
            }
            LOG.error("{} {} failed", ctx.method(), ctx.path(), e);
            Answers.error(ctx, 500, "internal_error", "the request failed on an internal error: " + e, Map.of());
        });
        // an unmatched route: Javalin would answer its own plain-text (or problem+json) 404
        config.routes.exception(EndpointNotFound.class, (e, ctx) -> Answers.error(ctx, 404, "not_found",
                "no route " + ctx.method() + " " + ctx.path(), Map.of()));
        config.routes.error(405, ctx -> Answers.error(ctx, 405, "method_not_allowed",
                ctx.method() + " is not allowed on " + ctx.path(), Map.of()));
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
        events.close();
        app.stop();
    }

    /** The route table this server serves. */
    public RouteTable table() {
        return table;
    }

    /** The routes Javalin really serves as {@code "METHOD /path"} lines, to check them against {@link #table()}. */
    public List<String> served() {
        return app.unsafe.internalRouter.allHttpHandlers().stream()
                .filter(e -> e.endpoint.method.isHttpMethod())
                .map(e -> e.endpoint.method.name() + " " + e.endpoint.path).toList();
    }
}
