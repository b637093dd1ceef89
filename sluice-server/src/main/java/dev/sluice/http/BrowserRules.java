package dev.sluice.http;

import dev.sluice.error.SluiceException;
import dev.sluice.source.Staging;
import io.javalin.http.Context;

import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The before-handler that keeps web pages from using Sluice through a visitor's browser
 * (docs/http-api.md#browsers), and beside it the body rule each route applies before its handler: a
 * body in a type its route does not document (text/plain or a form, but also any other) is
 * {@code 415}; a request from an origin that is neither the server's own nor listed in
 * {@code --cors-origins} is {@code 403 forbidden}; an open server answers only a Host header naming
 * loopback or a host in {@code --allowed-hosts} ({@code 421 misdirected_request}, against DNS
 * rebinding). Listed origins get CORS answers, preflight included. {@code GET /health} is exempt.
 * Also refuses, by its Content-Length, an upload larger than {@code --max-upload-bytes}. Thread-safe.
 */
final class BrowserRules {
    /** Media types a page may send cross-site without a preflight: refused even by routes that read no body. */
    private static final Set<String> FORM_TYPES = Set.of("text/plain", "application/x-www-form-urlencoded",
            "multipart/form-data");
    private static final String ALLOWED_HEADERS = "Authorization, Content-Type, Content-Encoding, Idempotency-Key";

    private final HttpSettings settings;
    private final boolean open;

    /** @param open no admin key is configured: only then does the Host rule apply */
    BrowserRules(HttpSettings settings, boolean open) {
        this.settings = settings;
        this.open = open;
    }

    /** The before-handler: refuses, answers a preflight, or adds CORS headers and lets the request on. */
    void check(Context ctx) {
        if (ctx.method().name().equals("GET") && trimmed(ctx.path()).equals("/health")) {
            return;
        }
        requireKnownHost(ctx);
        String origin = ctx.header("Origin");
        if (origin != null && !isOwn(ctx, origin)) {
            if (!settings.corsOrigins().contains(origin.toLowerCase(Locale.ROOT))) {
                throw new SluiceException.Forbidden("forbidden", "requests from origin '" + origin + "' are not allowed; list it in"
                        + " --cors-origins / SLUICE_CORS_ORIGINS to let its pages call this server",
                        Map.of("origin", origin));
            }
            ctx.header("Access-Control-Allow-Origin", origin).header("Vary", "Origin")
                    .header("Access-Control-Expose-Headers", "Location, Retry-After, WWW-Authenticate");
            if (ctx.method().name().equals("OPTIONS")) {
                ctx.header("Access-Control-Allow-Methods", "GET, POST, DELETE")
                        .header("Access-Control-Allow-Headers", ALLOWED_HEADERS)
                        .header("Access-Control-Max-Age", "600").status(204);
                ctx.skipRemainingHandlers();
                return;
            }
        }
        requireUploadWithinLimit(ctx);
    }

    /** While open, the Host must be loopback or allowed: a rebound DNS name pointing here is refused. */
    private void requireKnownHost(Context ctx) {
        if (!open) {
            return;
        }
        String host = HostNames.ofHostHeader(ctx.header("Host"));
        if (host == null || !(HostNames.isLoopback(host) || allowed(host))) {
            throw new SluiceException.Misdirected("misdirected_request", "this server runs without an admin key and answers only"
                    + " requests for localhost, 127.0.0.1 or [::1]; Host '" + ctx.header("Host") + "' is none of them:"
                    + " list it in --allowed-hosts / SLUICE_ALLOWED_HOSTS, or set --admin-key",
                    Map.of("host", String.valueOf(ctx.header("Host"))));
        }
    }

    private boolean allowed(String host) {
        return settings.allowedHosts().stream().anyMatch(h -> h.equalsIgnoreCase(host));
    }

    /**
     * A body is refused unless its media type is one its route documents ({@link RouteTable.Route#bodyTypes()},
     * whatever {@code format=} says); a route that reads no body refuses only text and forms, which it
     * would ignore but a page could send without asking. A body without a Content-Type is left to the
     * route: a browser sends none only with an {@code Origin}, which {@link #check} has judged already.
     */
    static void requireDocumentedBody(RouteTable.Route route, Context ctx) {
        String type = ctx.header("Content-Type"); // raw: a bad charset is ContentTypeHeader's to refuse
        if (type == null || !RequestBodies.hasBody(ctx)) {
            return;
        }
        String media = type.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
        boolean documented = route.readsBody() ? route.bodyTypes().contains(media) : !FORM_TYPES.contains(media);
        if (!documented) {
            String expected = route.readsBody() ? "it takes " + String.join(", ", new TreeSet<>(route.bodyTypes()))
                    : "it reads no body";
            throw new SluiceException.UnsupportedMedia("unsupported_media_type", route.line() + " does not take a "
                    + media + " body (whatever format= says): " + expected, Map.of("content_type", type));
        }
    }

    private void requireUploadWithinLimit(Context ctx) {
        long length = ctx.req().getContentLengthLong();
        if (length > settings.maxUploadBytes()) {
            throw Staging.uploadTooLarge("its Content-Length is " + length + " bytes", settings.maxUploadBytes());
        }
    }

    private static boolean isOwn(Context ctx, String origin) {
        String host = ctx.header("Host");
        return host != null && origin.equalsIgnoreCase(ctx.scheme() + "://" + host);
    }

    private static String trimmed(String path) {
        return path.length() > 1 && path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
    }
}
