package dev.sluice.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sluice.SluiceException;
import dev.sluice.collection.Collection;
import dev.sluice.collection.Field;
import dev.sluice.collection.FieldType;
import dev.sluice.collection.InvalidValue;
import dev.sluice.collection.ValueConverter;
import dev.sluice.store.CollectionStore;
import io.javalin.http.Context;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Handlers of the {@code /v1/collections} routes. Thread-safe. */
final class CollectionRoutes {
    private final CollectionStore collections;
    private final Documents documents;
    private final ObjectMapper json;

    CollectionRoutes(CollectionStore collections, Documents documents, ObjectMapper json) {
        this.collections = collections;
        this.documents = documents;
        this.json = json;
    }

    void create(Context ctx) {
        JsonNode body = HttpServer.readJson(ctx, json);
        Collection created = collections.create(definition(body));
        HttpServer.json(ctx, 201, documents.collection(created, 0L));
        ctx.header("Location", "/v1/collections/" + created.name());
    }

    void list(Context ctx) {
        Params.allowOnly(ctx, Set.of());
        List<dev.sluice.client.Collection> out = new ArrayList<>();
        for (Collection c : collections.list()) {
            out.add(documents.collection(c, collections.recordCount(c)));
        }
        Map<String, Object> page = new LinkedHashMap<>();
        page.put("collections", out);
        page.put("next_cursor", null);
        HttpServer.json(ctx, 200, page);
    }

    void show(Context ctx) {
        Collection c = collections.require(ctx.pathParam("name"));
        HttpServer.json(ctx, 200, documents.collection(c, collections.recordCount(c)));
    }

    void drop(Context ctx) {
        collections.drop(ctx.pathParam("name"));
        ctx.status(204);
    }

    void records(Context ctx) {
        Params.allowOnly(ctx, Set.of("limit", "cursor", "key"));
        Collection c = collections.require(ctx.pathParam("name"));
        int limit = Params.limit(ctx, 100, 10_000);
        long after = Params.position(ctx);
        String key = Params.string(ctx, "key");
        List<Object> keyValues = key == null ? null : keyValues(c, key);
        CollectionStore.RecordPage page = collections.records(c, limit, after, keyValues);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("records", page.records());
        out.put("next_cursor", page.nextAfter() == null ? null : String.valueOf(page.nextAfter()));
        HttpServer.json(ctx, 200, out);
    }

    /** The typed key values that {@code key=} names: the text itself, or a JSON array for composite keys. */
    private List<Object> keyValues(Collection c, String key) {
        List<String> texts = new ArrayList<>();
        if (c.key().size() == 1) {
            texts.add(key);
        } else {
            try {
                JsonNode parts = json.readTree(key);
                if (!parts.isArray() || parts.size() != c.key().size()) {
                    throw new IllegalArgumentException();
                }
                parts.forEach(p -> texts.add(p.asText()));
            } catch (Exception e) {
                throw SluiceException.Invalid.option("key", "collection " + c.name() + " has the composite key "
                        + c.key() + ": give key as a JSON array of " + c.key().size() + " values");
            }
        }
        List<Object> values = new ArrayList<>();
        for (int i = 0; i < texts.size(); i++) {
            Field f = c.field(c.key().get(i));
            try {
                values.add(ValueConverter.fromText(f, texts.get(i)));
            } catch (InvalidValue e) {
                throw SluiceException.Invalid.option("key", "key " + f.name() + ": " + e.getMessage());
            }
        }
        return values;
    }

    private static Collection definition(JsonNode body) {
        if (!body.isObject()) {
            throw invalid("body", "a collection definition is a JSON object");
        }
        List<Field> fields = new ArrayList<>();
        JsonNode fieldNodes = body.path("fields");
        if (!fieldNodes.isArray()) {
            throw invalid("fields", "fields must be an array of {name, type, required, max_length}");
        }
        for (JsonNode f : fieldNodes) {
            String name = f.path("name").asText(null);
            String typeName = f.path("type").asText(null);
            FieldType type = FieldType.fromWireName(typeName);
            if (type == null) {
                throw invalid("fields", "field '" + name + "' has type '" + typeName + "'; types are string, integer,"
                        + " number, decimal, boolean, date, timestamp, uuid, json");
            }
            JsonNode max = f.get("max_length");
            if (max != null && !max.isNull() && !max.canConvertToInt()) {
                throw invalid("fields", "field '" + name + "': max_length must be a whole number");
            }
            fields.add(new Field(name, type, f.path("required").asBoolean(false),
                    max == null || max.isNull() ? null : max.asInt()));
        }
        List<String> key = new ArrayList<>();
        JsonNode keyNode = body.path("key");
        if (keyNode.isTextual()) {
            key.add(keyNode.asText());
        } else if (keyNode.isArray()) {
            keyNode.forEach(k -> key.add(k.asText()));
        }
        return Collection.define(body.path("name").asText(null), fields, key,
                body.path("key_case_insensitive").asBoolean(false));
    }

    private static SluiceException.Invalid invalid(String where, String message) {
        return new SluiceException.Invalid("invalid_collection", message, Map.of("field", where));
    }
}
