package dev.sluice.http;

import com.fasterxml.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/** API keys made through the API of a {@link RunningServer} started with an admin key, for the access tests. */
final class Keys {
    static final String ADMIN = "admin-key-of-the-access-tests-0123456789";

    private final RunningServer server;

    Keys(RunningServer server) {
        this.server = server;
    }

    /** {@code Authorization: Bearer <secret>} as a name, value pair. */
    static String[] bearer(String secret) {
        return new String[]{"Authorization", "Bearer " + secret};
    }

    /** Creates a key with the admin key; answers its document with the secret in {@code key}. */
    JsonNode create(String name, String scopesJson, String collectionsJson) {
        RunningServer.Answer a = server.post("/v1/keys", "application/json", "{\"name\": \"" + name + "\", \"scopes\": "
                + scopesJson + ", \"collections\": " + collectionsJson + "}", bearer(ADMIN));
        assertThat(a.status()).as("creating key %s: %s", name, a).isEqualTo(201);
        return a.json();
    }

    String secret(String name, String scopesJson, String collectionsJson) {
        return create(name, scopesJson, collectionsJson).get("key").asText();
    }

    void revoke(String id) {
        assertThat(server.delete("/v1/keys/" + id, bearer(ADMIN)).status()).isEqualTo(204);
    }

    /** Creates a collection {@code (email string required, age integer)} keyed by email, with the admin key. */
    void collection(String name) {
        RunningServer.Answer a = server.post("/v1/collections", "application/json", "{\"name\": \"" + name
                + "\", \"fields\": [{\"name\": \"email\", \"type\": \"string\", \"required\": true},"
                + " {\"name\": \"age\", \"type\": \"integer\"}], \"key\": \"email\"}", bearer(ADMIN));
        assertThat(a.status()).as("creating %s: %s", name, a).isEqualTo(201);
    }

    /** Moves the key's expiry into the past, straight in the database. */
    void expire(String id) {
        server.service().database().write(h -> h.execute(
                "UPDATE _sluice_keys SET expires_at = '2000-01-01T00:00:00.000Z' WHERE id = ?", id));
    }
}
