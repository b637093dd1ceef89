package dev.sluice;

import dev.sluice.engine.ClaimScope;
import dev.sluice.engine.Engine;
import dev.sluice.engine.EngineParts;
import dev.sluice.engine.EngineSettings;
import dev.sluice.engine.Imports;
import dev.sluice.engine.JobEvents;
import dev.sluice.error.SluiceException;
import dev.sluice.format.RecordLimit;
import dev.sluice.http.EventSettings;
import dev.sluice.http.HttpParts;
import dev.sluice.http.HttpServer;
import dev.sluice.http.HttpSettings;
import dev.sluice.http.RouteTable;
import dev.sluice.metrics.Metrics;
import dev.sluice.sink.PostgresRecordSink;
import dev.sluice.sink.RecordSink;
import dev.sluice.sink.SqliteRecordSink;
import dev.sluice.source.Staging;
import dev.sluice.source.UrlPolicy;
import dev.sluice.source.UrlSources;
import dev.sluice.store.ApiKeys;
import dev.sluice.store.CollectionStore;
import dev.sluice.store.Database;
import dev.sluice.store.JobFeed;
import dev.sluice.store.JobStore;
import dev.sluice.store.Deliveries;
import dev.sluice.store.ResultStore;
import dev.sluice.store.Webhooks;
import dev.sluice.webhook.Deliverer;
import dev.sluice.webhook.DeliverySettings;

import java.time.InstantSource;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A running Sluice: database, engine and HTTP server wired together. {@link #close} stops taking
 * requests, lets running jobs commit their current chunk and requeue, then closes the database.
 * Thread-safe.
 */
public final class Service implements AutoCloseable {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(Service.class);
    private static final long CHUNK_BYTES = 8L * 1024 * 1024;
    /** The longest an event stream waits for a change signal before reading the database anyway. */
    private static final java.time.Duration EVENT_POLL = java.time.Duration.ofSeconds(2);

    private final Database db;
    private final Engine engine;
    private final HttpServer http;
    private final int port;
    private final CollectionStore collections;
    private final JobStore jobs;
    private final Imports imports;
    private final Metrics metrics;
    private final Deliverer deliverer;
    private final AtomicBoolean closed = new AtomicBoolean();

    private Service(Database db, Engine engine, HttpServer http, int port, CollectionStore collections, JobStore jobs,
                    Imports imports, Metrics metrics, Deliverer deliverer) {
        this.db = db;
        this.deliverer = deliverer;
        this.metrics = metrics;
        this.engine = engine;
        this.http = http;
        this.port = port;
        this.collections = collections;
        this.jobs = jobs;
        this.imports = imports;
    }

    /** Opens the database in the data directory, starts the engine, then the HTTP server. */
    public static Service start(Config config) {
        return start(config, InstantSource.system());
    }

    /** As {@link #start(Config)}, with the clock that Sluice's own timestamps come from (tests move it). */
    public static Service start(Config config, InstantSource clock) {
        return start(config, clock, ClaimScope.any());
    }

    /**
     * As {@link #start(Config)}, with workers that claim only the jobs of {@code scope}: a command
     * run in-process starts with {@link ClaimScope#none()} and {@linkplain #permit permits} its own job.
     */
    public static Service start(Config config, ClaimScope scope) {
        return start(config, InstantSource.system(), scope);
    }

    private static Service start(Config config, InstantSource clock, ClaimScope scope) {
        Database db = config.database() == null ? Database.openSqlite(config.dataDir())
                : Database.openPostgres(config.database().jdbcUrl(), config.database().user(),
                        config.database().password(), config.schema(), config.workers());
        Metrics metrics = null;
        Deliverer deliverer = null;
        try {
            CollectionStore collections = new CollectionStore(db, clock);
            JobStore jobs = new JobStore(db, clock);
            ResultStore results = new ResultStore(db);
            Staging staging = new Staging(config.dataDir().resolve("staging"), config.maxUploadBytes());
            EngineSettings settings = new EngineSettings(config.workers(), config.chunkRows(), CHUNK_BYTES,
                    config.commitInterval(),
                    config.leaseTimeout(), config.retention(), config.nodeId(), config.maxAttempts(),
                    new RecordLimit(config.maxRecordBytes()));
            UrlSources urls = new UrlSources(UrlPolicy.defaults(config.allowUrlHosts()), config.s3());
            metrics = new Metrics(jobs::countByState);
            Engine engine = new Engine(EngineParts.of(db, jobs, results, collections, sink(config), staging)
                    .withUrls(urls).withMetrics(metrics), settings, new JobEvents());
            Imports imports = new Imports(collections, jobs, staging, urls, engine, clock,
                    config.webhookSecret() != null);
            engine.start(scope);
            AtomicBoolean ready = new AtomicBoolean();
            Metrics scraped = metrics;
            HttpServer http = new HttpServer(new HttpParts(collections, jobs, results, staging, imports,
                    new ApiKeys(db, clock), config.retention(), config.adminKey(), ready::get, metrics::scrape,
                    scraped::authFailed, clock, httpSettings(config), new JobFeed(db),
                    new EventSettings(config.maxEventStreams(), config.eventHeartbeat(), EVENT_POLL),
                    new Webhooks(db, clock)));
            deliverer = new Deliverer(new Deliveries(db, clock), urls, http::statusDocument, new DeliverySettings(
                    config.nodeId(), config.webhookRetryBase(), config.webhookSecret()), metrics, clock);
            int port;
            try {
                port = http.start(config.host(), config.port());
            } catch (RuntimeException e) {
                engine.stop();
                throw new SluiceException.Misconfigured("invalid_configuration", "cannot listen on " + config.host() + ":"
                        + config.port() + " (--host/--port, SLUICE_HOST/SLUICE_PORT): " + rootMessage(e));
            }
            metrics.eventStreams(http::openEventStreams);
            deliverer.start();
            ready.set(true);
            return new Service(db, engine, http, port, collections, jobs, imports, metrics, deliverer);
        } catch (RuntimeException e) {
            if (deliverer != null) {
                deliverer.close();
            }
            if (metrics != null) {
                metrics.close();
            }
            db.close();
            throw e;
        }
    }

    private static HttpSettings httpSettings(Config config) {
        if (config.adminKey() == null && config.noAuth()) {
            LOG.warn("running with --no-auth on {}: every route is open to whoever reaches this address;"
                    + " set --admin-key to require a key", config.host());
        }
        return new HttpSettings(config.corsOrigins(), config.allowedHosts(),
                config.tlsKeystore(), config.tlsKeystorePassword(), config.maxRequestBytes(), config.maxUploadBytes(),
                config.maxFields());
    }

    /** The record sink of the configured database. */
    private static RecordSink sink(Config config) {
        return config.database() == null ? new SqliteRecordSink() : new PostgresRecordSink(config.schema());
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null) {
            t = t.getCause();
        }
        return t.getMessage() == null ? t.toString() : t.getMessage();
    }

    /** Lets this service's workers run the job, when it was started with a limited {@link ClaimScope}. */
    public void permit(String jobId) {
        engine.permit(jobId);
    }

    public int port() {
        return port;
    }

    public CollectionStore collections() {
        return collections;
    }

    public JobStore jobs() {
        return jobs;
    }

    public Imports imports() {
        return imports;
    }

    /** The database the service runs on: SQLite or PostgreSQL. */
    public Database database() {
        return db;
    }

    /** The HTTP route table; the OpenAPI contract and authorization tests are driven by it. */
    public RouteTable routes() {
        return http.table();
    }

    /** The routes the HTTP server really serves, as {@code "METHOD /path"} lines. */
    public java.util.List<String> servedRoutes() {
        return http.served();
    }

    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        http.close();
        engine.stop();
        deliverer.close();
        metrics.close();
        db.close();
    }
}
