package dev.sluice.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sluice.collection.CollectionSchema;
import dev.sluice.collection.Field;
import dev.sluice.collection.InvalidValue;
import dev.sluice.collection.ValueConverter;
import dev.sluice.error.SluiceException;
import dev.sluice.store.CollectionStore;
import io.javalin.http.Context;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Handlers of the {@code /v1/collections} routes. Thread-safe. */
final class CollectionRoutes {
    private final CollectionStore collections;
    private final Documents documents;
    private final ObjectMapper json;
    private final HttpSettings settings;

    CollectionRoutes(CollectionStore collections, Documents documents, ObjectMapper json, HttpSettings settings) {
        this.settings = settings;
        this.collections = collections;
        this.documents = documents;
        this.json = json;
    }

    void create(Context ctx) {
        CollectionDefinitions.requireJson(ctx, "a JSON collection definition");
        JsonNode body = Answers.readJson(ctx, json, settings.maxRequestBytes());
        CollectionSchema definition = CollectionDefinitions.definition(body, settings.maxFields());
        Caller caller = Caller.of(ctx);
        if (!caller.sees(definition.name())) {
            throw new SluiceException.Forbidden("forbidden", "this key is restricted to collections "
                    + caller.collections() + " and cannot create " + definition.name(),
                    Map.of("collection", definition.name()));
        }
        CollectionSchema created = collections.create(definition);
        Answers.json(ctx, 201, documents.collection(created, 0L));
        ctx.header("Location", "/v1/collections/" + created.name());
    }

    void list(Context ctx) {
        Params.allowOnly(ctx, Set.of());
        List<dev.sluice.client.Collection> out = new ArrayList<>();
        Caller caller = Caller.of(ctx);
        for (CollectionSchema c : collections.list()) {
            if (!caller.sees(c.name())) {
                continue;
            }
            out.add(documents.collection(c, collections.recordCount(c)));
        }
        Answers.page(ctx, "collections", out, null);
    }

    void show(Context ctx) {
        CollectionSchema c = collections.require(ctx.pathParam("name"));
        Answers.json(ctx, 200, documents.collection(c, collections.recordCount(c)));
    }

    void drop(Context ctx) {
        collections.drop(ctx.pathParam("name"));
        ctx.status(204);
    }

    void records(Context ctx) {
        Params.allowOnly(ctx, Set.of("limit", "cursor", "key"));
        CollectionSchema c = collections.require(ctx.pathParam("name"));
        int limit = Params.limit(ctx, 100, 10_000);
        long after = Params.position(ctx);
        String key = ctx.queryParam("key");
        List<Object> keyValues = key == null ? null : keyValues(c, key);
        CollectionStore.RecordPage page = collections.records(c, limit, after, keyValues);
        Answers.page(ctx, "records", page.records(), page.nextAfter() == null ? null : String.valueOf(page.nextAfter()));
    }

    /**
     * The typed key values that {@code key=} names: a JSON array of one value per key field, or for a
     * single-field key also the value's text itself (so {@code key=} is the empty string). Text that
     * is a JSON array is always the array form: a key whose value looks like one is found as
     * {@code key=["[1]"]}.
     */
    private List<Object> keyValues(CollectionSchema c, String key) {
        List<String> texts = new ArrayList<>();
        JsonNode parts = jsonArray(key);
        if (parts == null && c.key().size() == 1) {
            texts.add(key);
        } else if (parts != null && parts.size() == c.key().size()) {
            parts.forEach(p -> texts.add(p.isNull() ? null : p.asText()));
        } else {
            throw SluiceException.Invalid.option("key", c.key().size() == 1
                    ? "collection " + c.name() + " has the key " + c.key() + ": give key as the value, or a JSON"
                    + " array of 1 value"
                    : "collection " + c.name() + " has the composite key " + c.key() + ": give key as a JSON array of "
                    + c.key().size() + " values");
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

    /** The text as a JSON array of scalar values, or null when it is not one. */
    private JsonNode jsonArray(String text) {
        if (!text.startsWith("[")) {
            return null;
        }
        try {
            JsonNode node = json.readTree(text);
            if (node == null || !node.isArray()) {
                return null;
            }
            for (JsonNode item : node) {
                if (item.isContainerNode()) {
                    return null;
                }
            }
            return node;
        } catch (java.io.IOException | RuntimeException e) {
            return null;
        }
    }
}
