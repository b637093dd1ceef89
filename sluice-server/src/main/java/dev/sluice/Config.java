package dev.sluice;

import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Every setting of {@code sluice serve}, validated once at start. Each refusal names the flag and
 * the environment variable it came from. Immutable and thread-safe.
 *
 * @param chunkRows      rows per chunk: the unit read, converted and written together
 * @param commitInterval how long one transaction may keep adding chunks before it commits
 */
public record Config(String host, int port, Path dataDir, int workers, Duration retention, int chunkRows,
                     Duration commitInterval, Duration leaseTimeout, String nodeId) {
    private static final Pattern DURATION = Pattern.compile("^(\\d+)(ms|s|m|h|d)$");

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
