package dev.sluice.http;

import java.util.Arrays;
import java.util.Optional;

/**
 * What a route asks of its caller. {@link #PUBLIC}: nothing, not even a key ({@code GET /health});
 * {@link #ANY_KEY}: a valid key, whatever its scopes; the others are the scopes an API key is given
 * (docs/http-api.md, "Keys and scopes"), {@link #ALL} ({@code *}) holding every one.
 */
public enum Scope {
    PUBLIC(null),
    ANY_KEY(null),
    COLLECTIONS_READ("collections:read"),
    COLLECTIONS_WRITE("collections:write"),
    RECORDS_READ("records:read"),
    IMPORTS_READ("imports:read"),
    IMPORTS_WRITE("imports:write"),
    KEYS_MANAGE("keys:manage"),
    METRICS_READ("metrics:read"),
    WEBHOOKS_MANAGE("webhooks:manage"),
    ALL("*");

    private final String wireName;

    Scope(String wireName) {
        this.wireName = wireName;
    }

    /** The scope's name in the API, e.g. {@code imports:write}; null for the two that no key is given. */
    public String wireName() {
        return wireName;
    }

    /** The scope a key can be given under this name, if any. */
    public static Optional<Scope> fromWireName(String name) {
        return Arrays.stream(values()).filter(s -> s.wireName != null && s.wireName.equals(name)).findFirst();
    }
}
