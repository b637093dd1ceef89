package dev.sluice.cli;

import dev.sluice.client.Collection;
import dev.sluice.collection.CollectionSchema;
import dev.sluice.collection.Field;
import dev.sluice.collection.FieldType;
import dev.sluice.infer.Inference;
import dev.sluice.wire.CollectionWire;

import java.util.ArrayList;
import java.util.List;

/** Collection definitions between the domain, the wire, an inference and a line of text. Stateless. */
final class Definitions {
    private Definitions() {
    }

    static Collection toWire(CollectionSchema c) {
        return CollectionWire.of(c, null);
    }

    /**
     * The inferred definition as a collection. A column whose values need a format the import options
     * cannot name yet (a date not in ISO form, a decimal comma, grouped digits) becomes {@code string},
     * so every value is still stored exactly as written; {@code notes} receives one line per such column.
     *
     * @throws dev.sluice.error.SluiceException when {@code key} names no inferred field
     */
    static CollectionSchema fromInference(String name, Inference inferred, List<String> key, List<String> notes) {
        Inference.Dialect d = inferred.dialect();
        boolean localNumbers = ",".equals(d.decimalSeparator()) || d.thousandsSeparator() != null;
        List<Field> fields = new ArrayList<>();
        for (Inference.FieldDefinition f : inferred.definition().fields()) {
            FieldType type = FieldType.fromWireName(f.type());
            boolean numeric = type == FieldType.INTEGER || type == FieldType.NUMBER || type == FieldType.DECIMAL;
            if (f.format() != null || (numeric && localNumbers)) {
                notes.add("field " + f.name() + " is " + type.wireName() + (f.format() == null ? "" : " in format "
                        + f.format()) + " in the file; created as string so that every value is kept as written");
                type = FieldType.STRING;
            }
            fields.add(new Field(f.name(), type, false, null));
        }
        return CollectionSchema.define(name, fields, key, false);
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
