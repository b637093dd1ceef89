package dev.sluice.wire;

import dev.sluice.collection.CollectionSchema;
import dev.sluice.collection.Field;

import java.util.ArrayList;
import java.util.List;

/**
 * A collection definition in its wire form, the one the HTTP API answers and the client sends;
 * shared by {@code http} and {@code cli}, which may not import each other. Stateless.
 */
public final class CollectionWire {
    private CollectionWire() {
    }

    /**
     * @param recordCount its records, or null when not counted (a definition not stored yet)
     * @return the wire form; a definition not stored yet has no creation time and no table
     */
    public static dev.sluice.client.Collection of(CollectionSchema c, Long recordCount) {
        List<dev.sluice.client.Collection.Field> fields = new ArrayList<>();
        for (Field f : c.fields()) {
            fields.add(new dev.sluice.client.Collection.Field(f.name(), f.type().wireName(), f.required(), f.maxLength(),
                    f.format()));
        }
        boolean stored = c.createdAt() != null;
        return new dev.sluice.client.Collection(c.name(), fields, c.key(), c.keyCaseInsensitive(), recordCount,
                c.createdAt(), stored ? c.name() : null);
    }
}
