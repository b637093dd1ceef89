package dev.sluice.client;

import java.time.Instant;
import java.util.List;

/**
 * An API key as {@code /v1/keys} describes it (docs/http-api.md#api-keys). {@code key}, the secret,
 * is present only in the answer to its creation; the server keeps only a hash of it.
 *
 * @param prefix      the first characters of the secret, to recognise it
 * @param scopes      what it may do, such as {@code imports:write}, or {@code *}
 * @param collections the collections it reaches, or {@code *}
 * @param expiresAt   null for never
 * @param lastUsedAt  null until used
 */
public record ApiKey(String id, String name, String prefix, List<String> scopes, List<String> collections,
                     Instant createdAt, Instant expiresAt, Instant lastUsedAt, String key) {
}
