package dev.sluice;

import dev.sluice.error.SluiceException;

import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the text of one setting as the command line and the environment give it: durations, sizes,
 * host names and web origins. Each refusal is {@code invalid_configuration} and names the setting
 * (the flag and its variable) it was given for. Stateless and thread-safe.
 */
public final class Settings {
    private static final Pattern ORIGIN = Pattern.compile("^https?://[^/\\s?#]+$");
    private static final Pattern DURATION = Pattern.compile("^(\\d+)(ms|s|m|h|d)$");
    private static final Pattern SIZE = Pattern.compile("^(\\d+)\\s*(b|kb|k|mb|m|gb|g)?$");
    /** A DNS name or an IPv4 literal: dot-separated labels of letters, digits and inner hyphens. */
    private static final Pattern HOST_NAME =
            Pattern.compile("^(?=.{1,253}$)[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*\\.?$");
    /** An IPv6 literal, in brackets or not (at least two colons, hex digits, maybe an embedded IPv4). */
    private static final Pattern IPV6 = Pattern.compile("^\\[?[0-9A-Fa-f]*:[0-9A-Fa-f:.]*:[0-9A-Fa-f.]*]?$");
    private static final Pattern PORT = Pattern.compile("^(?:[^:]+|\\[.*]):\\d+$");

    private Settings() {
    }

    /**
     * Parses a comma-separated list of web origins ({@code scheme://host[:port]}); blank text is none.
     *
     * @param setting the flag and variable to name in the error
     */
    public static Set<String> origins(String setting, String text) {
        return commaList(text, origin -> {
            if (!ORIGIN.matcher(origin).matches()) {
                throw invalid(setting + ": '" + origin + "' is not an origin such as https://app.example.com"
                        + " (scheme, host and port only, no path)");
            }
            return origin.toLowerCase(Locale.ROOT);
        });
    }

    /**
     * Parses a comma-separated list of host names such as {@code files.internal,10.0.0.7}; blank
     * text is no host.
     *
     * @param setting the flag and variable to name in the error
     */
    public static Set<String> hosts(String setting, String text) {
        return commaList(text, host -> {
            if (host.isEmpty() || host.contains("/") || host.chars().anyMatch(Character::isWhitespace)) {
                throw invalid(setting + " must be host names separated by commas, got '" + text + "'");
            }
            if (!HOST_NAME.matcher(host).matches() && !IPV6.matcher(host).matches()) {
                throw invalid(setting + ": '" + host + "' is not a host name or IP address"
                        + (PORT.matcher(host).matches() ? "; an allowed host is allowed on every port, so name it"
                        + " without ':" + host.substring(host.lastIndexOf(':') + 1) + "'" : ""));
            }
            return host;
        });
    }

    /** Each comma-separated part of {@code text}, trimmed, as {@code checked} returns it; blank text is none. */
    private static Set<String> commaList(String text, UnaryOperator<String> checked) {
        Set<String> parts = new LinkedHashSet<>();
        if (text == null || text.isBlank()) {
            return parts;
        }
        for (String part : text.split(",", -1)) {
            parts.add(checked.apply(part.trim()));
        }
        return parts;
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

    static SluiceException invalid(String message) {
        return new SluiceException.Misconfigured("invalid_configuration", message, Map.of());
    }
}
