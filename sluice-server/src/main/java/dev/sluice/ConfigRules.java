package dev.sluice;

import dev.sluice.http.HostNames;

import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * The rules a {@link ConfigBuilder}'s settings must keep, checked in one place: each rule that
 * fails adds one message naming its flag and environment variable. Stateless and thread-safe.
 */
final class ConfigRules {
    private static final Pattern SCHEMA = Pattern.compile("^[a-z][a-z0-9_]{0,62}$");
    private static final Pattern S3_ENDPOINT = Pattern.compile("^https?://[^/@\\s?#]+(/[^@\\s?#]*)?$");
    private static final Pattern S3_REGION = Pattern.compile("^[a-z0-9][a-z0-9-]{0,62}$");

    private ConfigRules() {
    }

    /** Adds to {@code problems} every rule {@code c} breaks, in the order of {@code sluice serve --help}. */
    static void check(ConfigBuilder c, List<String> problems) {
        Problems p = new Problems(problems);
        p.check(c.host != null && !c.host.isBlank(), () -> "--host / SLUICE_HOST must not be empty");
        p.check(c.port >= 0 && c.port <= 65_535,
                () -> "--port / SLUICE_PORT must be between 0 and 65535, got " + c.port);
        p.check(c.dataDir != null && !c.dataDir.toString().isBlank(),
                () -> "--data-dir / SLUICE_DATA_DIR must not be empty");
        p.check(c.workers >= 1 && c.workers <= 64,
                () -> "--workers / SLUICE_WORKERS must be between 1 and 64, got " + c.workers);
        p.check(positive(c.retention), () -> "--retention / SLUICE_RETENTION must be positive, got " + c.retention);
        p.check(c.commitInterval != null && !c.commitInterval.isNegative()
                        && c.commitInterval.compareTo(Duration.ofMinutes(1)) <= 0,
                () -> "--commit-interval / SLUICE_COMMIT_INTERVAL must be between 0s and 1m, got " + c.commitInterval);
        p.check(c.chunkRows >= 1 && c.chunkRows <= 1_000_000,
                () -> "--chunk-rows / SLUICE_CHUNK_ROWS must be between 1 and 1000000, got " + c.chunkRows);
        p.check(SCHEMA.matcher(c.schema()).matches(),
                () -> "--schema / SLUICE_SCHEMA must match " + SCHEMA.pattern() + ", got '" + c.schema() + "'");
        p.check(positive(c.leaseTimeout),
                () -> "--lease-timeout / SLUICE_LEASE_TIMEOUT must be positive, got " + c.leaseTimeout);
        p.check(c.nodeId != null && !c.nodeId.isBlank(), () -> "--node-id / SLUICE_NODE_ID must not be empty");
        p.check(c.maxAttempts >= 1 && c.maxAttempts <= 100,
                () -> "--max-attempts / SLUICE_MAX_ATTEMPTS must be between 1 and 100, got " + c.maxAttempts);
        p.check(c.maxRecordBytes >= 1024 && c.maxRecordBytes <= Config.MAX_RECORD_BYTES_CEILING,
                () -> "--max-record-bytes / SLUICE_MAX_RECORD_BYTES must be between 1KB and 256MB, got "
                        + c.maxRecordBytes + " bytes");
        checkAccess(c, p);
        checkOutside(c, p);
    }

    /** What reaches outside the server: the S3 store sources are read from, and webhook retries. */
    private static void checkOutside(ConfigBuilder c, Problems p) {
        p.check(c.s3Endpoint == null || S3_ENDPOINT.matcher(c.s3Endpoint).matches(), () -> "--s3-endpoint /"
                + " SLUICE_S3_ENDPOINT must be the http:// or https:// URL of the store, such as http://127.0.0.1:9000,"
                + " without user-info (credentials come from the AWS chain)");
        p.check(c.s3Region == null || S3_REGION.matcher(c.s3Region).matches(),
                () -> "--s3-region / SLUICE_S3_REGION must be a region name such as eu-west-1, got '" + c.s3Region + "'");
        p.check(c.webhookRetryBase != null && c.webhookRetryBase.toMillis() >= 10
                && c.webhookRetryBase.compareTo(Duration.ofHours(1)) <= 0, () -> "--webhook-retry-base /"
                + " SLUICE_WEBHOOK_RETRY_BASE must be between 10ms and 1h, got " + c.webhookRetryBase);
    }

    /** The rules of docs/operations.md#access: an admin key, or loopback, or an explicit --no-auth. */
    private static void checkAccess(ConfigBuilder c, Problems p) {
        p.check(c.adminKey == null || c.adminKey.length() >= Config.MIN_ADMIN_KEY_LENGTH,
                () -> "--admin-key / SLUICE_ADMIN_KEY must be at least " + Config.MIN_ADMIN_KEY_LENGTH
                        + " characters long, got " + c.adminKey.length() + "; make one with: openssl rand -hex 32");
        p.check(c.adminKey != null || c.noAuth || c.host == null || c.host.isBlank() || HostNames.isLoopback(c.host),
                () -> "--host / SLUICE_HOST " + c.host + " is not a loopback address, and without an admin key anyone who"
                        + " reaches it could read and delete every collection: set --admin-key / SLUICE_ADMIN_KEY"
                        + " (at least " + Config.MIN_ADMIN_KEY_LENGTH + " characters), or run open on purpose with"
                        + " --no-auth / SLUICE_NO_AUTH=true");
        p.check(c.tlsKeystore == null || java.nio.file.Files.isReadable(c.tlsKeystore),
                () -> "--tls-keystore / SLUICE_TLS_KEYSTORE " + c.tlsKeystore + " is not a readable file");
        p.check(c.tlsKeystore == null || c.tlsKeystorePassword != null,
                () -> "--tls-keystore-password / SLUICE_TLS_KEYSTORE_PASSWORD is needed with --tls-keystore");
        p.check(c.maxUploadBytes >= 1, () -> "--max-upload-bytes / SLUICE_MAX_UPLOAD_BYTES must be positive, got "
                + c.maxUploadBytes);
        p.check(c.maxRequestBytes >= 1024 && c.maxRequestBytes <= Integer.MAX_VALUE - 8, () -> "--max-request-bytes /"
                + " SLUICE_MAX_REQUEST_BYTES must be between 1KB and 2GB, got " + c.maxRequestBytes + " bytes");
        p.check(c.maxFields >= 1 && c.maxFields <= 10_000,
                () -> "--max-fields / SLUICE_MAX_FIELDS must be between 1 and 10000, got " + c.maxFields);
        p.check(c.maxEventStreams >= 0 && c.maxEventStreams <= 10_000, () -> "--max-event-streams /"
                + " SLUICE_MAX_EVENT_STREAMS must be between 0 and 10000, got " + c.maxEventStreams);
        p.check(c.eventHeartbeat != null
                && positive(c.eventHeartbeat) && c.eventHeartbeat.compareTo(Duration.ofSeconds(15)) <= 0,
                () -> "--event-heartbeat / SLUICE_EVENT_HEARTBEAT must be more than 0 and at most 15s, got " + c.eventHeartbeat);
    }

    private static boolean positive(Duration d) {
        return d != null && !d.isNegative() && !d.isZero();
    }

    /** Collects a message for each check that fails. */
    private record Problems(List<String> found) {
        void check(boolean ok, Supplier<String> message) {
            if (!ok) {
                found.add(message.get());
            }
        }
    }
}
