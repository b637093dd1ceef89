package dev.sluice;

import dev.sluice.error.SluiceException;
import dev.sluice.http.HostNames;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * Gathers the settings of a {@link Config}, each by name, starting from the defaults of
 * {@code sluice serve}'s flags. {@link #validate()} checks them all in one place and lists every
 * problem; {@link #build()} refuses with all of them at once, or returns the immutable {@link Config}.
 * The text setters parse as the command line does and keep a parse failure as one more problem,
 * so a command line with several mistakes hears about each. Not thread-safe: one builder, one thread.
 */
public final class ConfigBuilder {
    private static final Pattern SCHEMA = Pattern.compile("^[a-z][a-z0-9_]{0,62}$");
    private static final Pattern S3_ENDPOINT = Pattern.compile("^https?://[^/@\\s?#]+(/[^@\\s?#]*)?$");
    private static final Pattern S3_REGION = Pattern.compile("^[a-z0-9][a-z0-9-]{0,62}$");

    String host = "127.0.0.1";
    int port = 8080;
    Path dataDir;
    int workers = 2;
    Duration retention = Duration.ofDays(7);
    int chunkRows = 10_000;
    Duration commitInterval = Duration.ofSeconds(1);
    Duration leaseTimeout = Duration.ofSeconds(30);
    String nodeId = Config.defaultNodeId();
    Set<String> allowUrlHosts = Set.of();
    DatabaseUrl database;
    String schema = Config.DEFAULT_SCHEMA;
    int maxAttempts = Config.DEFAULT_MAX_ATTEMPTS;
    long maxRecordBytes = Config.DEFAULT_MAX_RECORD_BYTES;
    String adminKey;
    boolean noAuth;
    Set<String> corsOrigins = Set.of();
    Set<String> allowedHosts = Set.of();
    Path tlsKeystore;
    String tlsKeystorePassword;
    long maxUploadBytes = Config.DEFAULT_MAX_UPLOAD_BYTES;
    long maxRequestBytes = Config.DEFAULT_MAX_REQUEST_BYTES;
    int maxFields = Config.DEFAULT_MAX_FIELDS;
    int maxEventStreams = Config.DEFAULT_MAX_EVENT_STREAMS;
    Duration eventHeartbeat = Duration.ofSeconds(15);
    String s3Endpoint;
    String s3Region;
    boolean s3PathStyle;
    String webhookSecret;
    Duration webhookRetryBase = Duration.ofSeconds(10);
    private final List<String> unreadable = new ArrayList<>();

    ConfigBuilder() {
    }

    public ConfigBuilder host(String host) {
        this.host = host;
        return this;
    }

    public ConfigBuilder port(int port) {
        this.port = port;
        return this;
    }

    public ConfigBuilder dataDir(Path dataDir) {
        this.dataDir = dataDir;
        return this;
    }

    public ConfigBuilder workers(int workers) {
        this.workers = workers;
        return this;
    }

    public ConfigBuilder retention(Duration retention) {
        this.retention = retention;
        return this;
    }

    /** @param text as {@link Settings#duration}: {@code 7d}, {@code 12h}... */
    public ConfigBuilder retention(String text) {
        return parsed("--retention / SLUICE_RETENTION", text, Settings::duration, this::retention);
    }

    public ConfigBuilder chunkRows(int chunkRows) {
        this.chunkRows = chunkRows;
        return this;
    }

    public ConfigBuilder commitInterval(Duration commitInterval) {
        this.commitInterval = commitInterval;
        return this;
    }

    /** @param text as {@link Settings#duration}: {@code 1s}, {@code 500ms}... */
    public ConfigBuilder commitInterval(String text) {
        return parsed("--commit-interval / SLUICE_COMMIT_INTERVAL", text, Settings::duration, this::commitInterval);
    }

    public ConfigBuilder leaseTimeout(Duration leaseTimeout) {
        this.leaseTimeout = leaseTimeout;
        return this;
    }

    /** @param text as {@link Settings#duration}: {@code 30s}, {@code 2m}... */
    public ConfigBuilder leaseTimeout(String text) {
        return parsed("--lease-timeout / SLUICE_LEASE_TIMEOUT", text, Settings::duration, this::leaseTimeout);
    }

    public ConfigBuilder nodeId(String nodeId) {
        this.nodeId = nodeId;
        return this;
    }

    /** @param allowUrlHosts null for none */
    public ConfigBuilder allowUrlHosts(Set<String> allowUrlHosts) {
        this.allowUrlHosts = allowUrlHosts == null ? Set.of() : allowUrlHosts;
        return this;
    }

    /** @param text as {@link Settings#hosts}: host names separated by commas, blank for none */
    public ConfigBuilder allowUrlHosts(String text) {
        return parsed("--allow-url-hosts / SLUICE_ALLOW_URL_HOSTS", text, Settings::hosts, this::allowUrlHosts);
    }

    /** @param database null for the embedded SQLite in the data directory */
    public ConfigBuilder database(DatabaseUrl database) {
        this.database = database;
        return this;
    }

    /** @param url as {@link DatabaseUrl#parse}; blank for the embedded SQLite */
    public ConfigBuilder database(String url) {
        return parsed(null, url, (setting, text) -> DatabaseUrl.parse(text), this::database);
    }

    /** @param schema null or blank for {@link Config#DEFAULT_SCHEMA} */
    public ConfigBuilder schema(String schema) {
        this.schema = schema;
        return this;
    }

    public ConfigBuilder maxAttempts(int maxAttempts) {
        this.maxAttempts = maxAttempts;
        return this;
    }

    public ConfigBuilder maxRecordBytes(long maxRecordBytes) {
        this.maxRecordBytes = maxRecordBytes;
        return this;
    }

    /** @param text as {@link Settings#size}: {@code 16MB}, {@code 512KB} or bytes */
    public ConfigBuilder maxRecordBytes(String text) {
        return parsed("--max-record-bytes / SLUICE_MAX_RECORD_BYTES", text, Settings::size, this::maxRecordBytes);
    }

    /** @param adminKey null or blank for none: then Sluice runs open, which only loopback allows */
    public ConfigBuilder adminKey(String adminKey) {
        this.adminKey = adminKey == null || adminKey.isBlank() ? null : adminKey;
        return this;
    }

    public ConfigBuilder noAuth(boolean noAuth) {
        this.noAuth = noAuth;
        return this;
    }

    /** @param text origins such as {@code https://app.example.com}, comma-separated; blank for none */
    public ConfigBuilder corsOrigins(String text) {
        return parsed("--cors-origins / SLUICE_CORS_ORIGINS", text, Settings::origins, v -> corsOrigins = v);
    }

    /** @param text host names, comma-separated, blank for none: as {@link Settings#hosts} */
    public ConfigBuilder allowedHosts(String text) {
        return parsed("--allowed-hosts / SLUICE_ALLOWED_HOSTS", text, Settings::hosts, v -> allowedHosts = v);
    }

    /** @param keystore a PKCS12 file to serve HTTPS with, or null for plain HTTP */
    public ConfigBuilder tls(Path keystore, String password) {
        this.tlsKeystore = keystore == null || keystore.toString().isBlank() ? null : keystore;
        this.tlsKeystorePassword = password;
        return this;
    }

    public ConfigBuilder maxUploadBytes(long maxUploadBytes) {
        this.maxUploadBytes = maxUploadBytes;
        return this;
    }

    /** @param text as {@link Settings#size}: {@code 50GB}, {@code 512MB} or bytes */
    public ConfigBuilder maxUploadBytes(String text) {
        return parsed("--max-upload-bytes / SLUICE_MAX_UPLOAD_BYTES", text, Settings::size, this::maxUploadBytes);
    }

    /** @param text as {@link Settings#size}: {@code 16MB}, {@code 512KB} or bytes */
    public ConfigBuilder maxRequestBytes(String text) {
        return parsed("--max-request-bytes / SLUICE_MAX_REQUEST_BYTES", text, Settings::size, v -> maxRequestBytes = v);
    }

    public ConfigBuilder maxFields(int maxFields) {
        this.maxFields = maxFields;
        return this;
    }

    public ConfigBuilder maxEventStreams(int maxEventStreams) {
        this.maxEventStreams = maxEventStreams;
        return this;
    }

    public ConfigBuilder eventHeartbeat(Duration eventHeartbeat) {
        this.eventHeartbeat = eventHeartbeat;
        return this;
    }

    /** @param text as {@link Settings#duration}: {@code 15s}, {@code 500ms} */
    public ConfigBuilder eventHeartbeat(String text) {
        return parsed("--event-heartbeat / SLUICE_EVENT_HEARTBEAT", text, Settings::duration, this::eventHeartbeat);
    }

    /** @param endpoint {@code http(s)://host[:port]} of an S3-compatible store; null or blank for AWS S3 */
    public ConfigBuilder s3Endpoint(String endpoint) {
        this.s3Endpoint = endpoint == null || endpoint.isBlank() ? null : endpoint.strip();
        return this;
    }

    /** @param region the region S3 requests are signed for; null or blank for the AWS chain's */
    public ConfigBuilder s3Region(String region) {
        this.s3Region = region == null || region.isBlank() ? null : region.strip();
        return this;
    }

    public ConfigBuilder s3PathStyle(boolean pathStyle) {
        this.s3PathStyle = pathStyle;
        return this;
    }

    /** @param secret signs {@code notify_url} callbacks; null or blank for none */
    public ConfigBuilder webhookSecret(String secret) {
        this.webhookSecret = secret == null || secret.isBlank() ? null : secret;
        return this;
    }

    public ConfigBuilder webhookRetryBase(Duration base) {
        this.webhookRetryBase = base;
        return this;
    }

    /** @param text as {@link Settings#duration}: {@code 10s}, {@code 200ms} */
    public ConfigBuilder webhookRetryBase(String text) {
        return parsed("--webhook-retry-base / SLUICE_WEBHOOK_RETRY_BASE", text, Settings::duration,
                this::webhookRetryBase);
    }

    /**
     * Every problem with these settings, in the order of {@code sluice serve --help}, each naming its
     * flag and environment variable; empty when {@link #build()} will succeed.
     */
    public List<String> validate() {
        List<String> problems = new ArrayList<>(unreadable);
        Problems p = new Problems(problems);
        p.check(host != null && !host.isBlank(), () -> "--host / SLUICE_HOST must not be empty");
        p.check(port >= 0 && port <= 65_535, () -> "--port / SLUICE_PORT must be between 0 and 65535, got " + port);
        p.check(dataDir != null && !dataDir.toString().isBlank(), () -> "--data-dir / SLUICE_DATA_DIR must not be empty");
        p.check(workers >= 1 && workers <= 64, () -> "--workers / SLUICE_WORKERS must be between 1 and 64, got " + workers);
        p.check(positive(retention), () -> "--retention / SLUICE_RETENTION must be positive, got " + retention);
        p.check(commitInterval != null && !commitInterval.isNegative()
                        && commitInterval.compareTo(Duration.ofMinutes(1)) <= 0,
                () -> "--commit-interval / SLUICE_COMMIT_INTERVAL must be between 0s and 1m, got " + commitInterval);
        p.check(chunkRows >= 1 && chunkRows <= 1_000_000,
                () -> "--chunk-rows / SLUICE_CHUNK_ROWS must be between 1 and 1000000, got " + chunkRows);
        p.check(SCHEMA.matcher(schema()).matches(),
                () -> "--schema / SLUICE_SCHEMA must match " + SCHEMA.pattern() + ", got '" + schema() + "'");
        p.check(positive(leaseTimeout), () -> "--lease-timeout / SLUICE_LEASE_TIMEOUT must be positive, got " + leaseTimeout);
        p.check(nodeId != null && !nodeId.isBlank(), () -> "--node-id / SLUICE_NODE_ID must not be empty");
        p.check(maxAttempts >= 1 && maxAttempts <= 100,
                () -> "--max-attempts / SLUICE_MAX_ATTEMPTS must be between 1 and 100, got " + maxAttempts);
        p.check(maxRecordBytes >= 1024 && maxRecordBytes <= Config.MAX_RECORD_BYTES_CEILING,
                () -> "--max-record-bytes / SLUICE_MAX_RECORD_BYTES must be between 1KB and 256MB, got "
                        + maxRecordBytes + " bytes");
        checkAccess(p);
        return List.copyOf(problems);
    }

    /** The rules of docs/operations.md#access: an admin key, or loopback, or an explicit --no-auth. */
    private void checkAccess(Problems p) {
        p.check(adminKey == null || adminKey.length() >= Config.MIN_ADMIN_KEY_LENGTH,
                () -> "--admin-key / SLUICE_ADMIN_KEY must be at least " + Config.MIN_ADMIN_KEY_LENGTH
                        + " characters long, got " + adminKey.length() + "; make one with: openssl rand -hex 32");
        p.check(adminKey != null || noAuth || host == null || host.isBlank() || HostNames.isLoopback(host),
                () -> "--host / SLUICE_HOST " + host + " is not a loopback address, and without an admin key anyone who"
                        + " reaches it could read and delete every collection: set --admin-key / SLUICE_ADMIN_KEY"
                        + " (at least " + Config.MIN_ADMIN_KEY_LENGTH + " characters), or run open on purpose with"
                        + " --no-auth / SLUICE_NO_AUTH=true");
        p.check(tlsKeystore == null || java.nio.file.Files.isReadable(tlsKeystore),
                () -> "--tls-keystore / SLUICE_TLS_KEYSTORE " + tlsKeystore + " is not a readable file");
        p.check(tlsKeystore == null || tlsKeystorePassword != null,
                () -> "--tls-keystore-password / SLUICE_TLS_KEYSTORE_PASSWORD is needed with --tls-keystore");
        p.check(maxUploadBytes >= 1, () -> "--max-upload-bytes / SLUICE_MAX_UPLOAD_BYTES must be positive, got "
                + maxUploadBytes);
        p.check(maxRequestBytes >= 1024 && maxRequestBytes <= Integer.MAX_VALUE - 8, () -> "--max-request-bytes /"
                + " SLUICE_MAX_REQUEST_BYTES must be between 1KB and 2GB, got " + maxRequestBytes + " bytes");
        p.check(maxFields >= 1 && maxFields <= 10_000,
                () -> "--max-fields / SLUICE_MAX_FIELDS must be between 1 and 10000, got " + maxFields);
        p.check(maxEventStreams >= 0 && maxEventStreams <= 10_000, () -> "--max-event-streams /"
                + " SLUICE_MAX_EVENT_STREAMS must be between 0 and 10000, got " + maxEventStreams);
        p.check(eventHeartbeat != null && positive(eventHeartbeat) && eventHeartbeat.compareTo(Duration.ofSeconds(15)) <= 0,
                () -> "--event-heartbeat / SLUICE_EVENT_HEARTBEAT must be more than 0 and at most 15s, got " + eventHeartbeat);
        p.check(s3Endpoint == null || S3_ENDPOINT.matcher(s3Endpoint).matches(), () -> "--s3-endpoint /"
                + " SLUICE_S3_ENDPOINT must be the http:// or https:// URL of the store, such as http://127.0.0.1:9000,"
                + " without user-info (credentials come from the AWS chain)");
        p.check(s3Region == null || S3_REGION.matcher(s3Region).matches(),
                () -> "--s3-region / SLUICE_S3_REGION must be a region name such as eu-west-1, got '" + s3Region + "'");
        p.check(webhookRetryBase != null && webhookRetryBase.toMillis() >= 10
                && webhookRetryBase.compareTo(Duration.ofHours(1)) <= 0, () -> "--webhook-retry-base /"
                + " SLUICE_WEBHOOK_RETRY_BASE must be between 10ms and 1h, got " + webhookRetryBase);
    }

    /**
     * @throws SluiceException {@code invalid_configuration} listing every problem {@link #validate()}
     *                         found, separated by {@code "; "}
     */
    public Config build() {
        List<String> problems = validate();
        if (!problems.isEmpty()) {
            throw new SluiceException.Misconfigured("invalid_configuration", String.join("; ", problems), Map.of());
        }
        return new Config(this);
    }

    String schema() {
        return schema == null || schema.isBlank() ? Config.DEFAULT_SCHEMA : schema;
    }

    private static boolean positive(Duration d) {
        return d != null && !d.isNegative() && !d.isZero();
    }

    /** Parses {@code text}, or keeps the parser's refusal as a problem and leaves the default. */
    <T> ConfigBuilder parsed(String setting, String text, BiFunction<String, String, T> parse,
                                     Consumer<T> set) {
        try {
            set.accept(parse.apply(setting, text));
        } catch (SluiceException e) {
            unreadable.add(e.getMessage());
        }
        return this;
    }

    /** Collects a message for each check that fails. */
    private record Problems(List<String> found) {
        void check(boolean ok, Supplier<String> message) {
            if (!ok) {
                found.add(message.get());
            }
        }
    }
}
