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

    /** @param text as {@link Config#duration}: {@code 7d}, {@code 12h}... */
    public ConfigBuilder retention(String text) {
        return parsed("--retention / SLUICE_RETENTION", text, Config::duration, this::retention);
    }

    public ConfigBuilder chunkRows(int chunkRows) {
        this.chunkRows = chunkRows;
        return this;
    }

    public ConfigBuilder commitInterval(Duration commitInterval) {
        this.commitInterval = commitInterval;
        return this;
    }

    /** @param text as {@link Config#duration}: {@code 1s}, {@code 500ms}... */
    public ConfigBuilder commitInterval(String text) {
        return parsed("--commit-interval / SLUICE_COMMIT_INTERVAL", text, Config::duration, this::commitInterval);
    }

    public ConfigBuilder leaseTimeout(Duration leaseTimeout) {
        this.leaseTimeout = leaseTimeout;
        return this;
    }

    /** @param text as {@link Config#duration}: {@code 30s}, {@code 2m}... */
    public ConfigBuilder leaseTimeout(String text) {
        return parsed("--lease-timeout / SLUICE_LEASE_TIMEOUT", text, Config::duration, this::leaseTimeout);
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

    /** @param text as {@link Config#hosts}: host names separated by commas, blank for none */
    public ConfigBuilder allowUrlHosts(String text) {
        return parsed("--allow-url-hosts / SLUICE_ALLOW_URL_HOSTS", text, Config::hosts, this::allowUrlHosts);
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

    /** @param text as {@link Config#size}: {@code 16MB}, {@code 512KB} or bytes */
    public ConfigBuilder maxRecordBytes(String text) {
        return parsed("--max-record-bytes / SLUICE_MAX_RECORD_BYTES", text, Config::size, this::maxRecordBytes);
    }

    /** @param adminKey null or blank to run open */
    public ConfigBuilder adminKey(String adminKey) {
        this.adminKey = adminKey == null || adminKey.isBlank() ? null : adminKey;
        return this;
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

    private static boolean positive(Duration d) {
        return d != null && !d.isNegative() && !d.isZero();
    }

    /** Parses {@code text}, or keeps the parser's refusal as a problem and leaves the default. */
    private <T> ConfigBuilder parsed(String setting, String text, BiFunction<String, String, T> parse,
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
