package dev.sluice.http;

import dev.sluice.error.SluiceException;
import dev.sluice.source.Staging;
import io.javalin.http.Context;

import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The before-handler that keeps web pages from using Sluice through a visitor's browser
 * (docs/http-api.md#browsers): a body in a type a page may send without asking (text/plain, a form)
 * is {@code 415}; a request from an origin that is neither the server's own nor listed in
 * {@code --cors-origins} is {@code 403 forbidden}; an open server answers only a Host header naming
 * loopback or a host in {@code --allowed-hosts} ({@code 421 misdirected_request}, against DNS
 * rebinding). Listed origins get CORS answers, preflight included. {@code GET /health} is exempt.
 * Also refuses, by its Content-Length, an upload larger than {@code --max-upload-bytes}. Thread-safe.
 */
final class BrowserRules {
    /** Media types a page may send cross-site without a preflight; none of them is a documented body. */
    private static final Set<String> FORM_TYPES = Set.of("text/plain", "application/x-www-form-urlencoded",
            "multipart/form-data");
    private static final String ALLOWED_HEADERS = "Authorization, Content-Type, Content-Encoding, Idempotency-Key";

    private final HttpSettings settings;

    BrowserRules(HttpSettings settings) {
        this.settings = settings;
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
                throw new Refusal(403, "forbidden", "requests from origin '" + origin + "' are not allowed; list it in"
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
        requireDocumentedBody(ctx);
        requireUploadWithinLimit(ctx);
    }

    /** While open, the Host must be loopback or allowed: a rebound DNS name pointing here is refused. */
    private void requireKnownHost(Context ctx) {
        if (!settings.open()) {
            return;
        }
        String host = HostNames.ofHostHeader(ctx.header("Host"));
        if (host == null || !(HostNames.isLoopback(host) || allowed(host))) {
            throw new Refusal(421, "misdirected_request", "this server runs without an admin key and answers only"
                    + " requests for localhost, 127.0.0.1 or [::1]; Host '" + ctx.header("Host") + "' is none of them:"
                    + " list it in --allowed-hosts / SLUICE_ALLOWED_HOSTS, or set --admin-key",
                    Map.of("host", String.valueOf(ctx.header("Host"))));
        }
    }

    private boolean allowed(String host) {
        return settings.allowedHosts().stream().anyMatch(h -> h.equalsIgnoreCase(host));
    }

    /**
     * Text or a form as a body is refused: the multipart bodies documented are POST /v1/imports' (its
     * request part must be JSON) and POST /v1/infer's, which changes nothing and whose answer a page
     * of another origin cannot read.
     */
    private static void requireDocumentedBody(Context ctx) {
        String type = ctx.contentType();
        if (type == null || !RequestBodies.hasBody(ctx)) {
            return;
        }
        String media = type.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
        boolean multipartCreate = media.equals("multipart/form-data") && ctx.method().name().equals("POST")
                && (trimmed(ctx.path()).equals("/v1/imports") || trimmed(ctx.path()).equals("/v1/infer"));
        if (FORM_TYPES.contains(media) && !multipartCreate) {
            throw new SluiceException.UnsupportedMedia("unsupported_media_type", ctx.method() + " " + ctx.path()
                    + " does not take a " + media + " body (whatever format= says): send the file's own type such as"
                    + " text/csv, application/x-ndjson or application/json", Map.of("content_type", type));
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

    /** A refusal whose status is none of the error kinds': 403 for an origin, 421 for a host. */
    private static final class Refusal extends SluiceException {
        private final int status;

        Refusal(int status, String code, String message, Map<String, Object> details) {
            super(code, message, details, null);
            this.status = status;
        }

        @Override
        public int httpStatus() {
            return status;
        }
    }
}
