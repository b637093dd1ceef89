package dev.sluice.client;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.Instant;
import java.util.List;

/**
 * The API keys of a server ({@code POST/GET/DELETE /v1/keys}, docs/http-api.md#api-keys); managing
 * them needs a key with the {@code keys:manage} scope, or the admin key. Get one from
 * {@link SluiceClient#keys()}. Thread-safe.
 */
public final class ApiKeys {
    private final Transport transport;

    ApiKeys(Transport transport) {
        this.transport = transport;
    }

    /**
     * Creates a key; the answer holds its secret in {@link ApiKey#key()}, the only time it is shown.
     *
     * @param collections the collections it reaches, {@code List.of("*")} for all
     * @param expiresAt   null for never
     */
    public ApiKey create(String name, List<String> scopes, List<String> collections, Instant expiresAt) {
        ObjectNode body = transport.json().createObjectNode().put("name", name);
        scopes.forEach(body.putArray("scopes")::add);
        collections.forEach(body.putArray("collections")::add);
        body.put("expires_at", expiresAt == null ? null : expiresAt.toString());
        return transport.postJson("/v1/keys", body, ApiKey.class);
    }

    /** One page of keys, never with their secrets; {@code cursor} null for the first. */
    public Page<ApiKey> list(String cursor) {
        return transport.page("/v1/keys", new QueryParameters().put("cursor", cursor).map(), ApiKey.class);
    }

    /** Revokes a key at once, on every node. @throws SluiceApiException {@code 404} for an unknown id */
    public void revoke(String id) {
        transport.delete(ApiPaths.key(id));
    }
}
