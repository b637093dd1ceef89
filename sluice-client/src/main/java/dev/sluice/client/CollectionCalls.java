package dev.sluice.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The calls of {@code /v1/collections} behind {@link SluiceClient}: definitions and their records.
 * Immutable and thread-safe.
 */
final class CollectionCalls {
    private final Transport transport;

    CollectionCalls(Transport transport) {
        this.transport = transport;
    }

    Collection create(Collection definition) {
        ObjectNode body = transport.json().createObjectNode().put("name", definition.name());
        ArrayNode fields = body.putArray("fields");
        for (Collection.Field f : definition.fields()) {
            ObjectNode field = fields.addObject().put("name", f.name()).put("type", f.type()).put("required", f.required());
            if (f.maxLength() != null) {
                field.put("max_length", f.maxLength());
            }
        }
        definition.key().forEach(body.putArray("key")::add);
        body.put("key_case_insensitive", definition.keyCaseInsensitive());
        return transport.postJson("/v1/collections", body, Collection.class);
    }

    List<Collection> list() {
        return transport.page("/v1/collections", Map.of(), Collection.class).items();
    }

    Collection get(String name) {
        return transport.get(ApiPaths.collection(name), Map.of(), Collection.class);
    }

    void drop(String name) {
        transport.delete(ApiPaths.collection(name));
    }

    Page<JsonNode> records(String collection, Integer limit, String cursor) {
        Map<String, String> q = new QueryParameters().put("limit", limit).put("cursor", cursor).map();
        return transport.page(ApiPaths.collection(collection) + "/records", q, JsonNode.class);
    }

    /** The record with this key: one value is sent as it is, several as a JSON array of texts. */
    Optional<JsonNode> recordByKey(String collection, String... key) {
        if (key.length == 0) {
            throw new IllegalArgumentException("give one value per key field");
        }
        String k = key[0];
        if (key.length > 1) {
            ArrayNode parts = transport.json().createArrayNode();
            for (String part : key) {
                parts.add(part);
            }
            k = parts.toString();
        }
        return transport.page(ApiPaths.collection(collection) + "/records", Map.of("key", k), JsonNode.class).items()
                .stream().findFirst();
    }
}
