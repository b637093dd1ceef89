package dev.sluice.cli;

import dev.sluice.client.Collection;
import dev.sluice.collection.CollectionSchema;
import dev.sluice.wire.CollectionWire;

import java.util.ArrayList;
import java.util.List;

/** Collection definitions between the domain, the wire and a line of text. Stateless. */
final class Definitions {
    private Definitions() {
    }

    static Collection toWire(CollectionSchema c) {
        return CollectionWire.of(c, null);
    }

    /** E.g. {@code email string (key), age integer, joined date}. */
    static String describe(Collection c) {
        List<String> parts = new ArrayList<>();
        for (Collection.Field f : c.fields()) {
            parts.add(f.name() + " " + f.type() + (f.format() == null ? "" : " (" + f.format() + ")")
                    + (c.key().contains(f.name()) ? " (key)" : "")
                    + (f.required() && !c.key().contains(f.name()) ? " required" : ""));
        }
        return String.join(", ", parts);
    }
}
