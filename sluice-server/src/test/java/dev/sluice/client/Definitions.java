package dev.sluice.client;

import java.util.ArrayList;
import java.util.List;

/** Collection definitions for the SDK tests. Stateless. */
final class Definitions {
    private Definitions() {
    }

    /**
     * A definition from a compact description such as {@code "email:string!, name:string, age:integer"}
     * ({@code !} marks a required field) with the given key fields.
     */
    static Collection collection(String name, String fields, String... key) {
        List<Collection.Field> list = new ArrayList<>();
        for (String part : fields.split(",")) {
            String[] nameType = part.trim().split(":");
            boolean required = nameType[1].endsWith("!");
            String type = required ? nameType[1].substring(0, nameType[1].length() - 1) : nameType[1];
            list.add(new Collection.Field(nameType[0], type, required, null));
        }
        return new Collection(name, list, List.of(key), false, null, null, null);
    }

    /** Creates a {@code people} style collection: email (key), name, age. */
    static Collection people(SluiceClient client, String name) {
        return client.createCollection(collection(name, "email:string!, name:string, age:integer", "email"));
    }
}
