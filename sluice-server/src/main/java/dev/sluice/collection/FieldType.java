package dev.sluice.collection;

import java.util.Locale;

/**
 * The value types a collection field may have. Each knows its wire name; conversion from text
 * and JSON lives in {@link ValueConverter}.
 *
 * <p>Immutable and thread-safe.
 */
public enum FieldType {
    STRING, INTEGER, NUMBER, DECIMAL, BOOLEAN, DATE, TIMESTAMP, UUID, JSON;

    /** The name used in collection definitions and in the API, e.g. {@code "integer"}. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The type with this wire name, or null when there is none. */
    public static FieldType fromWireName(String name) {
        if (name == null) {
            return null;
        }
        for (FieldType type : values()) {
            if (type.wireName().equals(name)) {
                return type;
            }
        }
        return null;
    }
}
