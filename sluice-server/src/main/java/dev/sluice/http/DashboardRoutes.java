package dev.sluice.http;

import io.javalin.http.Context;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The web dashboard (docs/dashboard.md): {@code GET /} answers its page and {@code GET /dashboard/{name}}
 * its scripts and style sheet, read once from the jar's {@code dashboard/} resources. The page holds no
 * data: it asks the API for it with the key the visitor gives, so both routes are public. Every answer
 * carries a strict Content-Security-Policy (only this server's own scripts, styles and connections) and
 * an ETag, revalidated at each load so a new version is never hidden by a cache. Thread-safe.
 */
final class DashboardRoutes {
    /** Everything from this server only; no inline script or style, no frames, no plugins, no forms posted away. */
    static final String POLICY = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:;"
            + " connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";
    private static final Pattern FILE = Pattern.compile("[a-z0-9-]{1,64}\\.(js|css|svg)");
    private static final Map<String, String> TYPES = Map.of("html", "text/html; charset=utf-8",
            "js", "text/javascript; charset=utf-8", "css", "text/css; charset=utf-8", "svg", "image/svg+xml");

    private final ClassLoader loader = DashboardRoutes.class.getClassLoader();
    private final Map<String, byte[]> cache = new java.util.concurrent.ConcurrentHashMap<>();

    /** {@code GET /}: the page; a query string is the page's own business and is ignored. */
    void page(Context ctx) {
        serve(ctx, "index.html");
    }

    /** {@code GET /dashboard/{name}}: one of the page's scripts or its style sheet; any other name is 404. */
    void asset(Context ctx) {
        String name = ctx.pathParam("name");
        byte[] body = FILE.matcher(name).matches() ? read(name) : null;
        if (body == null) {
            Answers.error(ctx, 404, "not_found", "the dashboard has no file '" + name + "'", Map.of("name", name));
            return;
        }
        send(ctx, name, body);
    }

    private void serve(Context ctx, String name) {
        byte[] body = read(name);
        if (body == null) {
            throw new IllegalStateException("the jar lacks dashboard/" + name);
        }
        send(ctx, name, body);
    }

    private void send(Context ctx, String name, byte[] body) {
        String etag = "\"" + sha256(body).substring(0, 32) + "\"";
        ctx.header("Content-Security-Policy", POLICY).header("X-Content-Type-Options", "nosniff")
                .header("Referrer-Policy", "no-referrer").header("X-Frame-Options", "DENY")
                .header("Cache-Control", "no-cache").header("ETag", etag);
        if (etag.equals(ctx.header("If-None-Match"))) {
            ctx.status(304);
            return;
        }
        ctx.status(200).contentType(TYPES.get(name.substring(name.lastIndexOf('.') + 1))).result(body);
    }

    /** The resource's bytes, or null when the jar has none by that name. */
    private byte[] read(String name) {
        byte[] known = cache.get(name);
        if (known != null) {
            return known;
        }
        try (InputStream in = loader.getResourceAsStream("dashboard/" + name)) {
            if (in == null) {
                return null;
            }
            byte[] body = in.readAllBytes();
            cache.put(name, body);
            return body;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String sha256(byte[] body) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(body));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
