package dev.sluice.client;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The query parameters of one request, in the order they are put; a parameter whose value is null
 * is not sent. Not thread-safe: one per request.
 */
final class QueryParameters {
    private final Map<String, String> parameters = new LinkedHashMap<>();

    /** Adds {@code name=value} (as {@code value.toString()}) unless {@code value} is null. */
    QueryParameters put(String name, Object value) {
        if (value != null) {
            parameters.put(name, value.toString());
        }
        return this;
    }

    /** The parameters put so far, in order: a mutable map the caller may add to. */
    Map<String, String> map() {
        return parameters;
    }
}
