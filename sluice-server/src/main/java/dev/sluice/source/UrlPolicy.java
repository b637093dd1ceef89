package dev.sluice.source;

import dev.sluice.error.SluiceException;

import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;

/**
 * Which URLs may be fetched, and the limits on fetching them. Immutable and thread-safe.
 *
 * @param allowedHosts host names (or IP literals) let through even when they resolve to internal
 *                     addresses, matched case-insensitively against the URL's host; from
 *                     {@code --allow-url-hosts} / {@code SLUICE_ALLOW_URL_HOSTS}
 * @param maxBytes     the most bytes one URL may deliver ({@link SourceTooLargeException} past it)
 * @param connectTimeout how long one TCP connect may take
 * @param readTimeout  how long one read may wait for the next bytes (not the whole download)
 * @param maxRedirects how many redirects one request follows
 * @param maxResumes   how many times one download reconnects with {@code Range} after a dropped connection
 * @throws SluiceException {@code invalid_configuration} naming the setting that is out of range
 */
public record UrlPolicy(Set<String> allowedHosts, long maxBytes, Duration connectTimeout, Duration readTimeout,
                        int maxRedirects, int maxResumes) {

    public UrlPolicy {
        Set<String> hosts = new LinkedHashSet<>();
        for (String host : allowedHosts == null ? Set.<String>of() : allowedHosts) {
            String normal = normalizeHost(host);
            if (normal.isEmpty()) {
                throw invalid("--allow-url-hosts / SLUICE_ALLOW_URL_HOSTS has an empty host name");
            }
            hosts.add(normal);
        }
        allowedHosts = Set.copyOf(hosts);
        if (maxBytes < 1) {
            throw invalid("URL maxBytes must be at least 1, got " + maxBytes);
        }
        requirePositive("connectTimeout", connectTimeout);
        requirePositive("readTimeout", readTimeout);
        if (maxRedirects < 0 || maxRedirects > 20) {
            throw invalid("URL maxRedirects must be between 0 and 20, got " + maxRedirects);
        }
        if (maxResumes < 0 || maxResumes > 1000) {
            throw invalid("URL maxResumes must be between 0 and 1000, got " + maxResumes);
        }
    }

    /** 50 GiB, a 10 s connect timeout, a 60 s read timeout, 5 redirects and 5 resumes. */
    public static UrlPolicy defaults(Set<String> allowedHosts) {
        return new UrlPolicy(allowedHosts, 50L << 30, Duration.ofSeconds(10), Duration.ofSeconds(60), 5, 5);
    }

    /** Whether {@code host} (as written in a URL, IPv6 literals in brackets or not) is named in {@link #allowedHosts()}. */
    public boolean allows(String host) {
        return host != null && allowedHosts.contains(normalizeHost(host));
    }

    /**
     * Lower case, without IPv6 brackets or a trailing dot; IPv6 literals in their canonical form so
     * {@code ::1} and {@code 0:0:0:0:0:0:0:1} match.
     */
    static String normalizeHost(String host) {
        String h = host == null ? "" : host.trim().toLowerCase(Locale.ROOT);
        if (h.startsWith("[") && h.endsWith("]")) {
            h = h.substring(1, h.length() - 1);
        }
        if (h.endsWith(".")) {
            h = h.substring(0, h.length() - 1);
        }
        if (h.indexOf(':') >= 0) {
            h = AddressScope.canonicalIpv6(h);
        }
        return h;
    }

    private static void requirePositive(String name, Duration d) {
        if (d == null || d.isNegative() || d.isZero() || d.toMillis() > Integer.MAX_VALUE) {
            throw invalid("URL " + name + " must be positive and under 24 days, got " + d);
        }
    }

    private static SluiceException invalid(String message) {
        return new SluiceException.Misconfigured("invalid_configuration", message);
    }
}
