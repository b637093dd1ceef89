package dev.sluice;

import dev.sluice.source.S3Settings;

import java.net.InetAddress;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;

/**
 * Every setting of {@code sluice serve}, validated once, as a whole, when {@link ConfigBuilder#build()} makes
 * it: every refusal names the flag and the environment variable it came from, and all of them are reported
 * together. Immutable and thread-safe; build one with {@link #builder()}.
 */
public final class Config {
    /** The collection schema when none is given. */
    public static final String DEFAULT_SCHEMA = "public";
    /** How many times a job may be started when none is given. */
    public static final int DEFAULT_MAX_ATTEMPTS = 3;
    /** The longest record when none is given: 16 MB. */
    public static final long DEFAULT_MAX_RECORD_BYTES = 16L * 1024 * 1024;
    /** The largest {@code --max-record-bytes} accepted: a failed row's text, escaped, must still fit in one stored value. */
    public static final long MAX_RECORD_BYTES_CEILING = 256L * 1024 * 1024;

    /** The shortest admin key accepted. */
    public static final int MIN_ADMIN_KEY_LENGTH = 32;
    /** The largest raw upload when none is given: 50 GB. */
    public static final long DEFAULT_MAX_UPLOAD_BYTES = 50L * 1024 * 1024 * 1024;
    /** The largest JSON request body when none is given: 16 MB. */
    public static final long DEFAULT_MAX_REQUEST_BYTES = 16L * 1024 * 1024;
    /** The most fields a collection may define when none is given. */
    public static final int DEFAULT_MAX_FIELDS = 500;
    public static final int DEFAULT_MAX_EVENT_STREAMS = 100;

    private final String host;
    private final int port;
    private final Path dataDir;
    private final int workers;
    private final Duration retention;
    private final int chunkRows;
    private final Duration commitInterval;
    private final Duration leaseTimeout;
    private final String nodeId;
    private final Set<String> allowUrlHosts;
    private final DatabaseUrl database;
    private final String schema;
    private final int maxAttempts;
    private final long maxRecordBytes;
    private final String adminKey;
    private final boolean noAuth;
    private final Set<String> corsOrigins;
    private final Set<String> allowedHosts;
    private final Path tlsKeystore;
    private final String tlsKeystorePassword;
    private final long maxUploadBytes;
    private final long maxRequestBytes;
    private final int maxFields;
    private final int maxEventStreams;
    private final Duration eventHeartbeat;
    private final S3Settings s3;
    private final String webhookSecret;
    private final Duration webhookRetryBase;

    /** Made only by {@link ConfigBuilder#build()}, after its {@link ConfigBuilder#validate()} found nothing. */
    Config(ConfigBuilder b) {
        host = b.host;
        port = b.port;
        dataDir = b.dataDir;
        workers = b.workers;
        retention = b.retention;
        chunkRows = b.chunkRows;
        commitInterval = b.commitInterval;
        leaseTimeout = b.leaseTimeout;
        nodeId = b.nodeId;
        allowUrlHosts = Set.copyOf(b.allowUrlHosts);
        database = b.database;
        schema = b.schema();
        maxAttempts = b.maxAttempts;
        maxRecordBytes = b.maxRecordBytes;
        adminKey = b.adminKey;
        noAuth = b.noAuth;
        corsOrigins = Set.copyOf(b.corsOrigins);
        allowedHosts = Set.copyOf(b.allowedHosts);
        tlsKeystore = b.tlsKeystore;
        tlsKeystorePassword = b.tlsKeystorePassword;
        maxUploadBytes = b.maxUploadBytes;
        maxRequestBytes = b.maxRequestBytes;
        maxFields = b.maxFields;
        maxEventStreams = b.maxEventStreams;
        eventHeartbeat = b.eventHeartbeat;
        s3 = new S3Settings(b.s3Endpoint == null ? null : URI.create(b.s3Endpoint), b.s3Region, b.s3PathStyle);
        webhookSecret = b.webhookSecret;
        webhookRetryBase = b.webhookRetryBase;
    }

    /** A builder holding the defaults of {@code sluice serve}'s flags (and this host's {@link #defaultNodeId()}). */
    public static ConfigBuilder builder() {
        return new ConfigBuilder();
    }

    /** The address to listen on ({@code --host} / {@code SLUICE_HOST}). */
    public String host() {
        return host;
    }

    /** The port to listen on, 0 for any free one ({@code --port} / {@code SLUICE_PORT}). */
    public int port() {
        return port;
    }

    /** Where the SQLite database and staged files live ({@code --data-dir} / {@code SLUICE_DATA_DIR}). */
    public Path dataDir() {
        return dataDir;
    }

    /** Jobs run at once ({@code --workers} / {@code SLUICE_WORKERS}). */
    public int workers() {
        return workers;
    }

    /** How long an ended job is kept ({@code --retention} / {@code SLUICE_RETENTION}). */
    public Duration retention() {
        return retention;
    }

    /** Rows per chunk: the unit read, converted and written together ({@code --chunk-rows}). */
    public int chunkRows() {
        return chunkRows;
    }

    /** How long one transaction may keep adding chunks before it commits ({@code --commit-interval}). */
    public Duration commitInterval() {
        return commitInterval;
    }

    /** How long a claim lasts without a heartbeat ({@code --lease-timeout} / {@code SLUICE_LEASE_TIMEOUT}). */
    public Duration leaseTimeout() {
        return leaseTimeout;
    }

    /** This node's name in leases and logs ({@code --node-id} / {@code SLUICE_NODE_ID}). */
    public String nodeId() {
        return nodeId;
    }

    /**
     * Hosts URL sources may name even when they resolve to loopback, private or other internal
     * addresses ({@code --allow-url-hosts} / {@code SLUICE_ALLOW_URL_HOSTS}).
     */
    public Set<String> allowUrlHosts() {
        return allowUrlHosts;
    }

    /**
     * Where {@code s3://} sources are read from ({@code --s3-endpoint}, {@code --s3-region},
     * {@code --s3-path-style}); credentials come from the AWS chain, never from here.
     */
    public S3Settings s3() {
        return s3;
    }

    /** The PostgreSQL to store everything in, or null for the embedded SQLite in {@link #dataDir()}. */
    public DatabaseUrl database() {
        return database;
    }

    /** Where collection tables live on PostgreSQL ({@code --schema} / {@code SLUICE_SCHEMA}). */
    public String schema() {
        return schema;
    }

    /** How many times a job may be started before a lost lease fails it ({@code --max-attempts}). */
    public int maxAttempts() {
        return maxAttempts;
    }

    /**
     * The longest record a file may hold (a CSV record, an NDJSON line, a JSON array element); a
     * longer one fails as {@code malformed_row} ({@code --max-record-bytes}).
     */
    public long maxRecordBytes() {
        return maxRecordBytes;
    }

    /**
     * The key that has every right ({@code --admin-key} / {@code SLUICE_ADMIN_KEY}); null runs open:
     * every route answers without a key, which only loopback allows (docs/operations.md).
     */
    public String adminKey() {
        return adminKey;
    }

    /** Whether running open off loopback was asked for ({@code --no-auth} / {@code SLUICE_NO_AUTH}). */
    public boolean noAuth() {
        return noAuth;
    }

    /** Web origins allowed to call the API from a browser ({@code --cors-origins} / {@code SLUICE_CORS_ORIGINS}). */
    public Set<String> corsOrigins() {
        return corsOrigins;
    }

    /** Host names an open server answers besides loopback ({@code --allowed-hosts} / {@code SLUICE_ALLOWED_HOSTS}). */
    public Set<String> allowedHosts() {
        return allowedHosts;
    }

    /** The PKCS12 keystore to serve HTTPS with, or null for HTTP ({@code --tls-keystore}). */
    public Path tlsKeystore() {
        return tlsKeystore;
    }

    /** The password of {@link #tlsKeystore()} ({@code --tls-keystore-password}). */
    public String tlsKeystorePassword() {
        return tlsKeystorePassword;
    }

    /** The largest file one upload may send ({@code --max-upload-bytes} / {@code SLUICE_MAX_UPLOAD_BYTES}). */
    public long maxUploadBytes() {
        return maxUploadBytes;
    }

    /** The largest JSON request body ({@code --max-request-bytes} / {@code SLUICE_MAX_REQUEST_BYTES}). */
    public long maxRequestBytes() {
        return maxRequestBytes;
    }

    /** The most fields one collection may define ({@code --max-fields} / {@code SLUICE_MAX_FIELDS}). */
    public int maxFields() {
        return maxFields;
    }

    /** How many event streams may be open at once ({@code --max-event-streams} / {@code SLUICE_MAX_EVENT_STREAMS}). */
    public int maxEventStreams() {
        return maxEventStreams;
    }

    /** The longest an event stream stays silent ({@code --event-heartbeat} / {@code SLUICE_EVENT_HEARTBEAT}). */
    public Duration eventHeartbeat() {
        return eventHeartbeat;
    }

    /** The default node id: host name and process id. */
    public static String defaultNodeId() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (Exception e) {
            host = "localhost";
        }
        return host + "-" + ProcessHandle.current().pid();
    }

    /** Signs {@code notify_url} callbacks ({@code --webhook-secret} / {@code SLUICE_WEBHOOK_SECRET}); null for none. */
    public String webhookSecret() {
        return webhookSecret;
    }

    /** The wait after a webhook delivery's first failed attempt, doubled after each ({@code --webhook-retry-base}). */
    public Duration webhookRetryBase() {
        return webhookRetryBase;
    }
}
