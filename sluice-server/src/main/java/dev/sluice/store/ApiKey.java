package dev.sluice.store;

import java.time.Instant;
import java.util.List;

/**
 * A stored API key, without its secret (which is never stored). Immutable and thread-safe.
 *
 * @param prefix      the secret's first characters, to recognise it
 * @param scopes      scope names, e.g. {@code imports:write}, or {@code *}
 * @param collections the collections it may see, or {@code ["*"]} for all
 * @param expiresAt   null for never
 * @param revokedAt   null while it is valid
 */
public record ApiKey(String id, String name, String prefix, List<String> scopes, List<String> collections,
                     Instant createdAt, Instant expiresAt, Instant lastUsedAt, Instant revokedAt) {

    public ApiKey {
        scopes = List.copyOf(scopes);
        collections = List.copyOf(collections);
    }

    /** True once its expiry has passed. */
    public boolean expiredAt(Instant now) {
        return expiresAt != null && !now.isBefore(expiresAt);
    }
}
