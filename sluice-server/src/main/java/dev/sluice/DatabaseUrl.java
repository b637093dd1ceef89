package dev.sluice;

import dev.sluice.error.SluiceException;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Where a PostgreSQL database is, as {@code --database-url} / {@code SLUICE_DATABASE_URL} names it:
 * {@code jdbc:postgresql://host:port/db?user=..&password=..} as it is, or
 * {@code postgres://user:pass@host:port/db} (also {@code postgresql://}) turned into a jdbc URL plus
 * user and password. Immutable and thread-safe.
 *
 * @param jdbcUrl  the pgjdbc URL
 * @param user     the user, or null when the URL carries it (or the driver's default applies)
 * @param password the password, or null
 */
public record DatabaseUrl(String jdbcUrl, String user, String password) {
    private static final String SETTING = "--database-url / SLUICE_DATABASE_URL";

    /**
     * @return the parsed URL, or null for blank text (the embedded SQLite)
     * @throws SluiceException {@code invalid_configuration} naming the setting
     */
    public static DatabaseUrl parse(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        String t = text.trim();
        if (t.startsWith("jdbc:postgresql://")) {
            return new DatabaseUrl(t, null, null);
        }
        if (!t.startsWith("postgres://") && !t.startsWith("postgresql://")) {
            throw invalid("must start with jdbc:postgresql://, postgres:// or postgresql://, got '" + redacted(t) + "'");
        }
        URI uri;
        try {
            uri = new URI(t);
        } catch (URISyntaxException e) {
            throw invalid("is not a valid URL: " + e.getReason());
        }
        if (uri.getHost() == null) {
            throw invalid("must name a host, got '" + redacted(t) + "'");
        }
        String user = null;
        String password = null;
        if (uri.getRawUserInfo() != null) {
            String[] parts = uri.getRawUserInfo().split(":", 2);
            user = decode(parts[0]);
            password = parts.length == 2 ? decode(parts[1]) : null;
        }
        StringBuilder jdbc = new StringBuilder("jdbc:postgresql://").append(uri.getHost());
        if (uri.getPort() >= 0) {
            jdbc.append(':').append(uri.getPort());
        }
        jdbc.append(uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath());
        if (uri.getRawQuery() != null) {
            jdbc.append('?').append(uri.getRawQuery());
        }
        return new DatabaseUrl(jdbc.toString(), user, password);
    }

    /** The URL without its password, for messages and logs. */
    public String display() {
        return redacted(jdbcUrl) + (user == null ? "" : " as " + user);
    }

    private static String redacted(String url) {
        return url.replaceAll("(://[^:/@]*:)[^@]*@", "$1***@").replaceAll("(?i)(password=)[^&]*", "$1***");
    }

    private static String decode(String s) {
        return URLDecoder.decode(s, StandardCharsets.UTF_8);
    }

    private static SluiceException invalid(String message) {
        return new SluiceException.Misconfigured("invalid_configuration", SETTING + " " + message, Map.of());
    }

    @Override
    public String toString() {
        return display();
    }
}
