package dev.sluice.cli;

import dev.sluice.ConfigBuilder;
import picocli.CommandLine.Option;

import java.nio.file.Path;

/**
 * Who may reach {@code sluice serve} and how much one request may send: the admin key, the
 * browser rules, TLS and the size limits, each also an environment variable (docs/operations.md#access).
 */
final class AccessOptions {

    @Option(names = "--admin-key", defaultValue = "${env:SLUICE_ADMIN_KEY:-}",
            description = "The key that opens every route, sent as Authorization: Bearer KEY; at least 32 characters"
                    + " (SLUICE_ADMIN_KEY). Without it Sluice runs open, which it does only on a loopback --host")
    String adminKey;

    @Option(names = "--no-auth", defaultValue = "${env:SLUICE_NO_AUTH:-false}", fallbackValue = "true", arity = "0..1",
            description = "Run open (no admin key) on a non-loopback --host anyway; logs a warning (SLUICE_NO_AUTH)")
    boolean noAuth;

    @Option(names = "--cors-origins", defaultValue = "${env:SLUICE_CORS_ORIGINS:-}",
            description = "Web origins (https://app.example.com) whose pages may call the API, comma-separated;"
                    + " a request from any other origin is refused (SLUICE_CORS_ORIGINS). Default: none")
    String corsOrigins;

    @Option(names = "--allowed-hosts", defaultValue = "${env:SLUICE_ALLOWED_HOSTS:-}",
            description = "Host names an open server answers to besides localhost, 127.0.0.1 and [::1],"
                    + " comma-separated (SLUICE_ALLOWED_HOSTS). Default: none")
    String allowedHosts;

    @Option(names = "--tls-keystore", defaultValue = "${env:SLUICE_TLS_KEYSTORE:-}",
            description = "A PKCS12 keystore with the certificate and key to serve HTTPS with (SLUICE_TLS_KEYSTORE)."
                    + " Default: plain HTTP")
    Path tlsKeystore;

    @Option(names = "--tls-keystore-password", defaultValue = "${env:SLUICE_TLS_KEYSTORE_PASSWORD:-}",
            description = "The password of --tls-keystore (SLUICE_TLS_KEYSTORE_PASSWORD)")
    String tlsKeystorePassword;

    @Option(names = "--max-upload-bytes", defaultValue = "${env:SLUICE_MAX_UPLOAD_BYTES:-50GB}",
            description = "The largest file one upload may send, e.g. 50GB, 512MB (SLUICE_MAX_UPLOAD_BYTES)."
                    + " Default: ${DEFAULT-VALUE}")
    String maxUploadBytes;

    @Option(names = "--max-request-bytes", defaultValue = "${env:SLUICE_MAX_REQUEST_BYTES:-16MB}",
            description = "The largest JSON request body (SLUICE_MAX_REQUEST_BYTES). Default: ${DEFAULT-VALUE}")
    String maxRequestBytes;

    @Option(names = "--max-fields", defaultValue = "${env:SLUICE_MAX_FIELDS:-500}",
            description = "The most fields one collection may define (SLUICE_MAX_FIELDS). Default: ${DEFAULT-VALUE}")
    int maxFields;

    @Option(names = "--max-event-streams", defaultValue = "${env:SLUICE_MAX_EVENT_STREAMS:-100}",
            description = "The most event streams open at once on this node; each holds a request thread"
                    + " (SLUICE_MAX_EVENT_STREAMS). Default: ${DEFAULT-VALUE}")
    int maxEventStreams;

    @Option(names = "--event-heartbeat", defaultValue = "${env:SLUICE_EVENT_HEARTBEAT:-15s}",
            description = "The longest an event stream stays silent before a heartbeat comment, at most 15s"
                    + " (SLUICE_EVENT_HEARTBEAT). Default: ${DEFAULT-VALUE}")
    String eventHeartbeat;

    @Option(names = "--webhook-secret", defaultValue = "${env:SLUICE_WEBHOOK_SECRET}",
            description = "The secret that signs the callbacks of imports given a notify_url (SLUICE_WEBHOOK_SECRET);"
                    + " without it, notify_url is refused")
    String webhookSecret;

    @Option(names = "--webhook-retry-base", defaultValue = "${env:SLUICE_WEBHOOK_RETRY_BASE:-10s}",
            description = "The wait after a webhook delivery's first failed attempt, doubled after each next one"
                    + " up to 1h, for 24h (SLUICE_WEBHOOK_RETRY_BASE). Default: ${DEFAULT-VALUE}")
    String webhookRetryBase;

    /** Adds these settings to {@code config}; one that does not parse is a problem its build reports. */
    ConfigBuilder apply(ConfigBuilder config) {
        return config.adminKey(adminKey).noAuth(noAuth).corsOrigins(corsOrigins).allowedHosts(allowedHosts)
                .tls(tlsKeystore, tlsKeystorePassword)
                .maxUploadBytes(maxUploadBytes).maxRequestBytes(maxRequestBytes).maxFields(maxFields)
                .maxEventStreams(maxEventStreams).eventHeartbeat(eventHeartbeat)
                .webhookSecret(webhookSecret).webhookRetryBase(webhookRetryBase);
    }
}
