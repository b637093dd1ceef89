package dev.sluice.store;

import dev.sluice.error.SluiceException;
import dev.sluice.job.Uuid7;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * API keys: created with a random secret that is handed out once and stored only as its SHA-256,
 * listed, revoked, and looked up by secret on every request. There is no cache: a key revoked on one
 * node is refused by every node at its next request. Thread-safe.
 */
public final class ApiKeys {
    /** What every secret starts with, so that a leaked one is recognised (docs/http-api.md). */
    public static final String SECRET_PREFIX = "sluice_";
    private static final int PREFIX_LENGTH = 12;
    private static final int SECRET_BYTES = 24;
    private static final char[] BASE62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz".toCharArray();
    /** How often a key's {@code last_used_at} is written at most, per node. */
    private static final Duration TOUCH_EVERY = Duration.ofMinutes(1);
    private static final String COLUMNS = "id, name, prefix, scopes, collections, created_at, expires_at,"
            + " last_used_at, revoked_at";
    private static final String INSERT = "INSERT INTO _sluice_keys (id, name, prefix, secret_hash, scopes, collections,"
            + " created_at, expires_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)";
    private static final String BY_HASH = "SELECT " + COLUMNS + " FROM _sluice_keys WHERE secret_hash = ?";
    private static final String BY_ID = "SELECT " + COLUMNS + " FROM _sluice_keys WHERE id = ? AND revoked_at IS NULL";
    private static final String PAGE = "SELECT " + COLUMNS + " FROM _sluice_keys WHERE revoked_at IS NULL AND id > ?"
            + " ORDER BY id LIMIT ?";
    private static final String REVOKE = "UPDATE _sluice_keys SET revoked_at = coalesce(revoked_at, ?) WHERE id = ?";
    private static final String TOUCH = "UPDATE _sluice_keys SET last_used_at = ? WHERE id = ?";

    private final Database db;
    private final InstantSource clock;
    private final SecureRandom random = new SecureRandom();
    private final Map<String, Instant> touched = new ConcurrentHashMap<>();

    public ApiKeys(Database db, InstantSource clock) {
        this.db = db;
        this.clock = clock;
    }

    /** A key just made, with its secret: the only time the secret is known. */
    public record Created(ApiKey key, String secret) {
    }

    /** A page of keys, oldest first; {@code nextCursor} is null on the last page. */
    public record Page(List<ApiKey> keys, String nextCursor) {
    }

    public Created create(String name, List<String> scopes, List<String> collections, Instant expiresAt) {
        String secret = newSecret();
        Instant now = clock.instant().truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
        ApiKey key = new ApiKey(Uuid7.next(clock).toString(), name, secret.substring(0, PREFIX_LENGTH), scopes,
                collections, now, expiresAt, null, null);
        db.write(h -> h.execute(INSERT, key.id(), key.name(), key.prefix(), hash(secret), JobRows.json(scopes),
                JobRows.json(collections), Times.text(now), Times.text(expiresAt)));
        return new Created(key, secret);
    }

    /** The key, revoked or not, whose secret this is; empty for no key. */
    public Optional<ApiKey> findBySecret(String secret) {
        String hash = hash(secret);
        return db.read(h -> h.createQuery(BY_HASH).bind(0, hash).map((rs, ctx) -> key(rs)).findOne());
    }

    /** @throws SluiceException.NotFound {@code key_not_found}, also for a revoked key */
    public ApiKey require(String id) {
        return db.read(h -> h.createQuery(BY_ID).bind(0, id).map((rs, ctx) -> key(rs)).findOne())
                .orElseThrow(() -> notFound(id));
    }

    /** Keys not revoked, oldest first, after {@code cursor} (a key id, or null for the first page). */
    public Page list(int limit, String cursor) {
        List<ApiKey> keys = db.read(h -> h.createQuery(PAGE).bind(0, cursor == null ? "" : cursor).bind(1, limit + 1)
                .map((rs, ctx) -> key(rs)).list());
        return keys.size() > limit ? new Page(keys.subList(0, limit), keys.get(limit - 1).id()) : new Page(keys, null);
    }

    /**
     * Revokes the key at once; revoking it again changes nothing.
     *
     * @throws SluiceException.NotFound {@code key_not_found}
     */
    public void revoke(String id) {
        int changed = db.write(h -> h.execute(REVOKE, Times.text(clock.instant()), id));
        if (changed == 0) {
            throw notFound(id);
        }
    }

    /** Records that the key was used; written at most once a {@link #TOUCH_EVERY} per key and node. */
    public void touch(ApiKey key) {
        Instant now = clock.instant();
        Instant last = touched.get(key.id());
        if (last != null && last.plus(TOUCH_EVERY).isAfter(now)) {
            return;
        }
        touched.put(key.id(), now);
        db.write(h -> h.execute(TOUCH, Times.text(now), key.id()));
    }

    /** The hex SHA-256 of a secret: what is stored and looked up. */
    public static String hash(String secret) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }

    /** {@value #SECRET_PREFIX} and 192 random bits in base62 (about 33 characters). */
    private String newSecret() {
        byte[] bytes = new byte[SECRET_BYTES];
        random.nextBytes(bytes);
        java.math.BigInteger n = new java.math.BigInteger(1, bytes);
        StringBuilder sb = new StringBuilder();
        java.math.BigInteger base = java.math.BigInteger.valueOf(BASE62.length);
        while (n.signum() > 0) {
            java.math.BigInteger[] qr = n.divideAndRemainder(base);
            sb.append(BASE62[qr[1].intValue()]);
            n = qr[0];
        }
        return SECRET_PREFIX + sb;
    }

    public static SluiceException.NotFound notFound(String id) {
        return new SluiceException.NotFound("key_not_found", "API key '" + id + "' does not exist",
                Map.of("id", String.valueOf(id)));
    }

    private static ApiKey key(ResultSet rs) throws SQLException {
        return new ApiKey(rs.getString(1), rs.getString(2), rs.getString(3), JobRows.strings(rs.getString(4)),
                JobRows.strings(rs.getString(5)), Times.parse(rs.getString(6)), Times.parse(rs.getString(7)),
                Times.parse(rs.getString(8)), Times.parse(rs.getString(9)));
    }
}
