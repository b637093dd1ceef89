package dev.sluice.cli;

import dev.sluice.client.Collection;

import java.util.ArrayList;
import java.util.List;

/** Collection definitions between the domain, the wire and a line of text. Stateless. */
final class Definitions {
    private Definitions() {
    }

    static Collection toWire(dev.sluice.collection.Collection c) {
        List<Collection.Field> fields = new ArrayList<>();
        for (var f : c.fields()) {
            fields.add(new Collection.Field(f.name(), f.type().wireName(), f.required(), f.maxLength()));
        }
        return new Collection(c.name(), fields, c.key(), c.keyCaseInsensitive(), null, null, null);
    }

    /** E.g. {@code email string (key), age integer, joined date}. */
    static String describe(Collection c) {
        List<String> parts = new ArrayList<>();
        for (Collection.Field f : c.fields()) {
            parts.add(f.name() + " " + f.type() + (c.key().contains(f.name()) ? " (key)" : "")
                    + (f.required() && !c.key().contains(f.name()) ? " required" : ""));
        }
        return String.join(", ", parts);
    }
}
