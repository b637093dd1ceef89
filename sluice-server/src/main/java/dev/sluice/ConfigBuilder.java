package dev.sluice;

import dev.sluice.error.SluiceException;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.function.Consumer;

/**
 * Gathers the settings of a {@link Config}, each by name, starting from the defaults of
 * {@code sluice serve}'s flags. {@link #validate()} checks them all in one place and lists every
 * problem; {@link #build()} refuses with all of them at once, or returns the immutable {@link Config}.
 * The text setters parse as the command line does and keep a parse failure as one more problem,
 * so a command line with several mistakes hears about each. Not thread-safe: one builder, one thread.
 */
public final class ConfigBuilder {
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
        ConfigRules.check(this, problems);
        return List.copyOf(problems);
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
}
