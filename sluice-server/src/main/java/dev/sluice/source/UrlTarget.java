package dev.sluice.source;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/**
 * A URL that may be fetched as far as its text goes: http or https, a host, a valid port and no
 * user-info. Whether its host may be connected to is {@link UrlAdmission}'s call. Immutable.
 *
 * @param url           the URL as given (without its fragment)
 * @param host          the host, IPv6 literals without brackets
 * @param requestTarget the path and query to put in the request line, ASCII only
 */
record UrlTarget(String url, boolean https, String host, int port, String requestTarget) {

    static UrlTarget parse(String url) throws UrlRefusal {
        if (url == null || url.isBlank()) {
            throw malformed("the URL is empty");
        }
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            throw malformed("not a valid URL: " + e.getReason() + " at index " + e.getIndex());
        }
        String scheme = uri.getScheme() == null ? null : uri.getScheme().toLowerCase(Locale.ROOT);
        if (scheme == null) {
            throw malformed("the URL has no scheme; only http:// and https:// URLs can be fetched");
        }
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new UrlRefusal(UrlRefusal.Kind.FORBIDDEN, "the scheme '" + scheme
                    + "' is not allowed; only http and https are");
        }
        if (uri.isOpaque()) {
            throw malformed("the URL has no host; write " + scheme + "://host/path");
        }
        if (uri.getRawUserInfo() != null || uri.getRawAuthority() != null && uri.getRawAuthority().contains("@")) {
            throw new UrlRefusal(UrlRefusal.Kind.FORBIDDEN, "URLs with user-info (user:password@host) are not allowed");
        }
        String host = uri.getHost();
        if (host == null || host.isEmpty()) {
            throw malformed("the URL has no valid host");
        }
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        boolean https = scheme.equals("https");
        int port = uri.getPort() == -1 ? (https ? 443 : 80) : uri.getPort();
        if (port < 1 || port > 65_535) {
            throw malformed("the port " + uri.getPort() + " is not between 1 and 65535");
        }
        URI ascii = URI.create(uri.toASCIIString());
        String path = ascii.getRawPath() == null || ascii.getRawPath().isEmpty() ? "/" : ascii.getRawPath();
        String query = ascii.getRawQuery() == null ? "" : "?" + ascii.getRawQuery();
        String withoutFragment = uri.getRawFragment() == null ? url : url.substring(0, url.indexOf('#'));
        return new UrlTarget(withoutFragment, https, host, port, path + query);
    }

    /** The target a redirect's {@code Location} (absolute or relative to this URL) points to. */
    UrlTarget redirect(String location) throws UrlRefusal {
        URI next;
        try {
            next = URI.create(url).resolve(new URI(location.trim()));
        } catch (URISyntaxException | IllegalArgumentException e) {
            throw malformed("the redirect Location '" + location + "' is not a valid URL");
        }
        return parse(next.toString());
    }

    /** The {@code Host} header's value: the port only when it is not the scheme's default. */
    String hostHeader() {
        String h = host.indexOf(':') >= 0 ? "[" + host + "]" : host;
        return port == (https ? 443 : 80) ? h : h + ":" + port;
    }

    /** Whether the host is an IP literal rather than a name. */
    boolean hostIsLiteral() {
        return host.indexOf(':') >= 0 || host.matches("[0-9.]+");
    }

    /** The last segment of the path, percent-decoded; the host when the path has none. */
    String name() {
        String path = URI.create(url).getPath();
        String last = path == null ? "" : path.substring(path.lastIndexOf('/') + 1);
        return last.isBlank() ? host : last;
    }

    /** The URL for a message: as given, and user-info (which {@link #parse} refuses) blotted out. */
    static String redact(String url) {
        if (url == null) {
            return "";
        }
        int scheme = url.indexOf("://");
        int at = url.indexOf('@');
        int slash = scheme < 0 ? -1 : url.indexOf('/', scheme + 3);
        if (scheme >= 0 && at > scheme && (slash < 0 || at < slash)) {
            return url.substring(0, scheme + 3) + "***@" + url.substring(at + 1);
        }
        return url;
    }

    private static UrlRefusal malformed(String reason) {
        return new UrlRefusal(UrlRefusal.Kind.MALFORMED, reason);
    }
}
