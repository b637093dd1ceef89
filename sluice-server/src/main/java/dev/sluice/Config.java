package dev.sluice;

import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Every setting of {@code sluice serve}, validated once at start. Each refusal names the flag and
 * the environment variable it came from. Immutable and thread-safe.
 *
 * @param chunkRows      rows per chunk: the unit read, converted and written together
 * @param commitInterval how long one transaction may keep adding chunks before it commits
 * @param allowUrlHosts  hosts URL sources may name even when they resolve to loopback, private or other
 *                       internal addresses ({@code --allow-url-hosts} / {@code SLUICE_ALLOW_URL_HOSTS})
 * @param database       the PostgreSQL to store everything in, or null for the embedded SQLite in {@code dataDir}
 * @param schema         where collection tables live on PostgreSQL ({@code --schema} / {@code SLUICE_SCHEMA})
 * @param maxAttempts    how many times a job may be started before a lost lease fails it ({@code --max-attempts})
 * @param maxRecordBytes the longest record a file may hold (a CSV record, an NDJSON line, a JSON array
 *                       element); a longer one fails as {@code malformed_row} ({@code --max-record-bytes})
 */
public record Config(String host, int port, Path dataDir, int workers, Duration retention, int chunkRows,
                     Duration commitInterval, Duration leaseTimeout, String nodeId, Set<String> allowUrlHosts,
                     DatabaseUrl database, String schema, int maxAttempts, long maxRecordBytes) {
    /** The collection schema when none is given. */
    public static final String DEFAULT_SCHEMA = "public";
    /** How many times a job may be started when none is given. */
    public static final int DEFAULT_MAX_ATTEMPTS = 3;
    /** The longest record when none is given: 16 MB. */
    public static final long DEFAULT_MAX_RECORD_BYTES = 16L * 1024 * 1024;
    /** The largest {@code --max-record-bytes} accepted: a failed row's text, escaped, must still fit in one stored value. */
    public static final long MAX_RECORD_BYTES_CEILING = 256L * 1024 * 1024;

    private static final Pattern DURATION = Pattern.compile("^(\\d+)(ms|s|m|h|d)$");
    private static final Pattern SIZE = Pattern.compile("^(\\d+)\\s*(b|kb|k|mb|m|gb|g)?$");
    /** A DNS name or an IPv4 literal: dot-separated labels of letters, digits and inner hyphens. */
    private static final Pattern HOST_NAME =
            Pattern.compile("^(?=.{1,253}$)[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*\\.?$");
    /** An IPv6 literal, in brackets or not (at least two colons, hex digits, maybe an embedded IPv4). */
    private static final Pattern IPV6 = Pattern.compile("^\\[?[0-9A-Fa-f]*:[0-9A-Fa-f:.]*:[0-9A-Fa-f.]*]?$");
    private static final Pattern PORT = Pattern.compile("^(?:[^:]+|\\[.*]):\\d+$");
    private static final Pattern SCHEMA = Pattern.compile("^[a-z][a-z0-9_]{0,62}$");

    /** @throws SluiceException {@code invalid_configuration} naming the setting */
    public Config {
        if (host == null || host.isBlank()) {
            throw invalid("--host / SLUICE_HOST must not be empty");
        }
        if (port < 0 || port > 65_535) {
            throw invalid("--port / SLUICE_PORT must be between 0 and 65535, got " + port);
        }
        if (dataDir == null || dataDir.toString().isBlank()) {
            throw invalid("--data-dir / SLUICE_DATA_DIR must not be empty");
        }
        if (workers < 1 || workers > 64) {
            throw invalid("--workers / SLUICE_WORKERS must be between 1 and 64, got " + workers);
        }
        if (retention.isNegative() || retention.isZero()) {
            throw invalid("--retention / SLUICE_RETENTION must be positive, got " + retention);
        }
        if (commitInterval.isNegative() || commitInterval.compareTo(Duration.ofMinutes(1)) > 0) {
            throw invalid("--commit-interval / SLUICE_COMMIT_INTERVAL must be between 0s and 1m, got " + commitInterval);
        }
        if (chunkRows < 1 || chunkRows > 1_000_000) {
            throw invalid("--chunk-rows / SLUICE_CHUNK_ROWS must be between 1 and 1000000, got " + chunkRows);
        }
        allowUrlHosts = allowUrlHosts == null ? Set.of() : Set.copyOf(allowUrlHosts);
        schema = schema == null || schema.isBlank() ? DEFAULT_SCHEMA : schema;
        if (!SCHEMA.matcher(schema).matches()) {
            throw invalid("--schema / SLUICE_SCHEMA must match " + SCHEMA.pattern() + ", got '" + schema + "'");
        }
        if (leaseTimeout == null || leaseTimeout.isNegative() || leaseTimeout.isZero()) {
            throw invalid("--lease-timeout / SLUICE_LEASE_TIMEOUT must be positive, got " + leaseTimeout);
        }
        if (nodeId == null || nodeId.isBlank()) {
            throw invalid("--node-id / SLUICE_NODE_ID must not be empty");
        }
        if (maxAttempts < 1 || maxAttempts > 100) {
            throw invalid("--max-attempts / SLUICE_MAX_ATTEMPTS must be between 1 and 100, got " + maxAttempts);
        }
        if (maxRecordBytes < 1024 || maxRecordBytes > MAX_RECORD_BYTES_CEILING) {
            throw invalid("--max-record-bytes / SLUICE_MAX_RECORD_BYTES must be between 1KB and 256MB, got "
                    + maxRecordBytes + " bytes");
        }
    }

    /** A configuration with the default record limit. */
    public Config(String host, int port, Path dataDir, int workers, Duration retention, int chunkRows,
                  Duration commitInterval, Duration leaseTimeout, String nodeId, Set<String> allowUrlHosts,
                  DatabaseUrl database, String schema, int maxAttempts) {
        this(host, port, dataDir, workers, retention, chunkRows, commitInterval, leaseTimeout, nodeId, allowUrlHosts,
                database, schema, maxAttempts, DEFAULT_MAX_RECORD_BYTES);
    }

    /** A configuration on the embedded SQLite. */
    public Config(String host, int port, Path dataDir, int workers, Duration retention, int chunkRows,
                  Duration commitInterval, Duration leaseTimeout, String nodeId, Set<String> allowUrlHosts) {
        this(host, port, dataDir, workers, retention, chunkRows, commitInterval, leaseTimeout, nodeId, allowUrlHosts,
                null, DEFAULT_SCHEMA, DEFAULT_MAX_ATTEMPTS);
    }

    /** A configuration whose URL sources may only be public addresses. */
    public Config(String host, int port, Path dataDir, int workers, Duration retention, int chunkRows,
                  Duration commitInterval, Duration leaseTimeout, String nodeId) {
        this(host, port, dataDir, workers, retention, chunkRows, commitInterval, leaseTimeout, nodeId, Set.of());
    }

    /**
     * Parses a comma-separated list of host names such as {@code files.internal,10.0.0.7}; blank
     * text is no host.
     *
     * @param setting the flag and variable to name in the error
     */
    public static Set<String> hosts(String setting, String text) {
        Set<String> hosts = new LinkedHashSet<>();
        if (text == null || text.isBlank()) {
            return hosts;
        }
        for (String part : text.split(",", -1)) {
            String host = part.trim();
            if (host.isEmpty() || host.contains("/") || host.chars().anyMatch(Character::isWhitespace)) {
                throw invalid(setting + " must be host names separated by commas, got '" + text + "'");
            }
            if (!HOST_NAME.matcher(host).matches() && !IPV6.matcher(host).matches()) {
                throw invalid(setting + ": '" + host + "' is not a host name or IP address"
                        + (PORT.matcher(host).matches() ? "; an allowed host is allowed on every port, so name it"
                        + " without ':" + host.substring(host.lastIndexOf(':') + 1) + "'" : ""));
            }
            hosts.add(host);
        }
        return hosts;
    }

    /**
     * Parses {@code 7d}, {@code 12h}, {@code 30m}, {@code 3s}, {@code 500ms} or an ISO-8601 duration.
     *
     * @param setting the flag and variable to name in the error
     */
    public static Duration duration(String setting, String text) {
        String t = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
        Matcher m = DURATION.matcher(t);
        if (m.matches()) {
            long n = Long.parseLong(m.group(1));
            return switch (m.group(2)) {
                case "ms" -> Duration.ofMillis(n);
                case "s" -> Duration.ofSeconds(n);
                case "m" -> Duration.ofMinutes(n);
                case "h" -> Duration.ofHours(n);
                default -> Duration.ofDays(n);
            };
        }
        try {
            return Duration.parse(text.trim().toUpperCase(Locale.ROOT));
        } catch (RuntimeException e) {
            throw invalid(setting + " must be a duration such as 7d, 12h, 30m or 3s, got '" + text + "'");
        }
    }

    /**
     * Parses a size such as {@code 16MB}, {@code 512KB}, {@code 1GB} or plain bytes ({@code 65536});
     * units are binary (1 KB is 1024 bytes) and case does not matter.
     *
     * @param setting the flag and variable to name in the error
     */
    public static long size(String setting, String text) {
        String t = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
        Matcher m = SIZE.matcher(t);
        if (!m.matches() || m.group(1).length() > 15) {
            throw invalid(setting + " must be a size such as 16MB, 512KB or a number of bytes, got '" + text + "'");
        }
        long n = Long.parseLong(m.group(1));
        String unit = m.group(2) == null ? "b" : m.group(2);
        long factor = switch (unit.charAt(0)) {
            case 'k' -> 1024L;
            case 'm' -> 1024L * 1024;
            case 'g' -> 1024L * 1024 * 1024;
            default -> 1L;
        };
        return n > Long.MAX_VALUE / factor ? Long.MAX_VALUE : n * factor;
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

    private static SluiceException invalid(String message) {
        return new SluiceException("invalid_configuration", message, Map.of());
    }
}
