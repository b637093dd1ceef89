package dev.sluice.collection;

import com.fasterxml.jackson.databind.JsonNode;

import java.math.BigDecimal;

/**
 * Converts raw values (CSV text or JSON nodes) to the Java value stored for a field.
 * Stateless and thread-safe.
 *
 * <p>Java values by type: STRING {@code String}, INTEGER {@code Long}, NUMBER {@code Double},
 * DECIMAL {@code java.math.BigDecimal}, BOOLEAN {@code Boolean}, DATE {@code java.time.LocalDate},
 * TIMESTAMP {@code java.time.Instant}, UUID {@code java.util.UUID}, JSON {@code String} (compact JSON text).
 *
 * <p>No value is stored differently from what the source says (docs/concepts.md, "Fidelity"): a
 * number beyond a double's range, or so close to zero that a double would hold 0.0, is refused for a
 * NUMBER field, and a JSON value whose numbers PostgreSQL's jsonb cannot hold is refused on either
 * database. JSON trees are expected as {@link JsonTree} reads them.
 *
 * <p>Text rules: a STRING is kept exactly as given and a JSON cell must parse as one JSON value; every
 * other type is trimmed first, and blank text is null. Bad input only ever throws {@link InvalidValue},
 * whose message quotes the value and says what was expected but never names the field (the caller does).
 * This runs for every cell of every row, so the text forms are parsed by hand, without regex or
 * exceptions on the good path.
 */
public final class ValueConverter {
    private ValueConverter() {
    }

    /**
     * Converts CSV text. Null in, null out; the required check is the caller's.
     *
     * @throws InvalidValue with code {@code invalid_value} or {@code too_long}
     */
    public static Object fromText(Field field, String text) throws InvalidValue {
        if (text == null) {
            return null;
        }
        FieldType type = field.type();
        if (type == FieldType.STRING) {
            return checkedLength(field, text);
        }
        if (type == FieldType.JSON) {
            return JsonText.compact(text);
        }
        String value = text.strip();
        if (value.isEmpty()) {
            return null;
        }
        return switch (type) {
            case INTEGER -> NumberSyntax.parseLong(value);
            case NUMBER -> NumberSyntax.parseDouble(value);
            case DECIMAL -> NumberSyntax.parseDecimal(value);
            case BOOLEAN -> ValueSyntax.parseBoolean(value);
            case DATE -> ValueSyntax.parseDate(value);
            case TIMESTAMP -> TimestampSyntax.parse(value);
            case UUID -> ValueSyntax.parseUuid(value);
            case STRING, JSON -> throw new IllegalStateException("handled above: " + type);
        };
    }

    /**
     * Converts a JSON value. Null, a missing node or a JSON null give null. Non-string types also
     * accept a JSON string holding their text form; a string field accepts numbers and booleans as
     * their JSON text.
     *
     * @throws InvalidValue with code {@code invalid_value} or {@code too_long}
     */
    public static Object fromJson(Field field, JsonNode node) throws InvalidValue {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return null;
        }
        FieldType type = field.type();
        if (type == FieldType.JSON) {
            return JsonText.storable(node);
        }
        if (node.isContainerNode()) {
            throw InvalidValue.invalid((node.isObject() ? "an object" : "an array") + " is not " + article(type));
        }
        if (type == FieldType.STRING) {
            if (node.isTextual() || node.isNumber() || node.isBoolean()) {
                return checkedLength(field, node.asText());
            }
            throw InvalidValue.invalid(Messages.quote(node.asText()) + " is not a string");
        }
        if (node.isTextual()) {
            return fromText(field, node.textValue());
        }
        return switch (type) {
            case INTEGER -> JsonNumbers.toLong(node);
            case NUMBER -> JsonNumbers.toDouble(node);
            case DECIMAL -> JsonNumbers.toDecimal(node);
            case BOOLEAN -> toBoolean(node);
            case DATE -> throw Messages.notADate(node.asText());
            case TIMESTAMP -> throw Messages.notATimestamp(node.asText());
            case UUID -> throw Messages.notAUuid(node.asText());
            case STRING, JSON -> throw new IllegalStateException("handled above: " + type);
        };
    }

    private static Boolean toBoolean(JsonNode node) throws InvalidValue {
        if (node.isBoolean()) {
            return node.booleanValue();
        }
        if (node.isNumber()) {
            BigDecimal value = node.isIntegralNumber() && node.canConvertToLong()
                    ? BigDecimal.valueOf(node.longValue())
                    : JsonNumbers.exactOrNull(node);
            if (value != null && value.compareTo(BigDecimal.ZERO) == 0) {
                return Boolean.FALSE;
            }
            if (value != null && value.compareTo(BigDecimal.ONE) == 0) {
                return Boolean.TRUE;
            }
        }
        throw Messages.notABoolean(node.asText());
    }

    private static String checkedLength(Field field, String text) throws InvalidValue {
        Integer max = field.maxLength();
        // a string never has more code points than chars, so the count is only needed past max
        if (max != null && text.length() > max) {
            int length = text.codePointCount(0, text.length());
            if (length > max) {
                throw new InvalidValue("too_long",
                        "is " + length + " characters, longer than max_length " + max);
            }
        }
        return text;
    }

    private static String article(FieldType type) {
        return switch (type) {
            case STRING -> "a string";
            case INTEGER -> "an integer";
            case NUMBER -> "a number";
            case DECIMAL -> "a decimal";
            case BOOLEAN -> "a boolean";
            case DATE -> "a date";
            case TIMESTAMP -> "a timestamp";
            case UUID -> "a UUID";
            case JSON -> "JSON";
        };
    }
}
