package dev.sluice.collection;

/**
 * One typed field of a collection.
 *
 * @param name      the field and column name, {@code ^[a-z][a-z0-9_]{0,62}$}
 * @param type      the value type
 * @param required  true when null is refused (key fields are always required)
 * @param maxLength for strings, the largest length in characters; null for no limit
 */
public record Field(String name, FieldType type, boolean required, Integer maxLength) {
}
