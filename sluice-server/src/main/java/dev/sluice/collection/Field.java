package dev.sluice.collection;

/**
 * One typed field of a collection. Immutable.
 *
 * @param name      the field and column name, {@code ^[a-z][a-z0-9_]{0,62}$}
 * @param type      the value type
 * @param required  true when null is refused (key fields are always required)
 * @param maxLength for strings, the largest length in characters; null for no limit
 * @param format    for dates and timestamps, the local form values are written in ({@code dd.MM.yyyy},
 *                  {@code epoch_millis}, see {@link TemporalFormat}); null for ISO-8601
 */
public record Field(String name, FieldType type, boolean required, Integer maxLength, String format) {

    /** A field without a format. */
    public Field(String name, FieldType type, boolean required, Integer maxLength) {
        this(name, type, required, maxLength, null);
    }

    /** This field, required. */
    public Field asRequired() {
        return new Field(name, type, true, maxLength, format);
    }
}
