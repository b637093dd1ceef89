package dev.sluice.collection;

import com.fasterxml.jackson.databind.JsonNode;

import java.math.BigDecimal;

/**
 * Converts raw values (CSV text or JSON nodes) to the Java value stored for a field.
 * Immutable and thread-safe.
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
 *
 * <p>The static methods read the canonical forms. An instance from {@link #forCollection} reads one
 * collection's fields in the local forms of a {@link ValueFormats} (and each field's own {@code format}),
 * compiled once; with {@link ValueFormats#DEFAULT} and no field formats it reads exactly the canonical forms.
 */
public final class ValueConverter {
    private static final ValueConverter CANONICAL = new ValueConverter(new TemporalFormat[0], null, null, false);

    /** Per field index, its compiled date or timestamp format, or null for ISO-8601. */
    private final TemporalFormat[] temporal;
    /** Null for canonical numbers. */
    private final NumberText numbers;
    /** Null for the default vocabulary. */
    private final BooleanWords booleans;
    private final boolean trim;

    private ValueConverter(TemporalFormat[] temporal, NumberText numbers, BooleanWords booleans, boolean trim) {
        this.temporal = temporal;
        this.numbers = numbers;
        this.booleans = booleans;
        this.trim = trim;
    }

    /**
     * A converter for the fields of {@code collection}, by index, in the forms {@code formats} says.
     *
     * @throws dev.sluice.error.SluiceException.Invalid {@code invalid_option} naming a setting that is wrong
     */
    public static ValueConverter forCollection(CollectionSchema collection, ValueFormats formats) {
        formats.validate(collection);
        TemporalFormat[] temporal = new TemporalFormat[collection.fields().size()];
        for (int i = 0; i < temporal.length; i++) {
            Field field = collection.fields().get(i);
            String spec = formats.formats().getOrDefault(field.name(), field.format());
            temporal[i] = spec == null ? null : TemporalFormat.compile(field.type(), spec);
        }
        NumberText numbers = formats.canonicalNumbers() ? null : new NumberText(formats.decimal(), formats.thousands());
        BooleanWords booleans = formats.trueValues() == null && formats.falseValues() == null ? null
                : new BooleanWords(formats.trueValues(), formats.falseValues());
        return new ValueConverter(temporal, numbers, booleans, formats.trim());
    }

    /**
     * Converts CSV text in its canonical form, whatever the field's {@code format}. Null in, null out;
     * the required check is the caller's.
     *
     * @throws InvalidValue with code {@code invalid_value} or {@code too_long}
     */
    public static Object fromText(Field field, String text) throws InvalidValue {
        return CANONICAL.text(field, null, text);
    }

    /**
     * Converts a JSON value in the canonical forms. Null, a missing node or a JSON null give null.
     * Non-string types also accept a JSON string holding their text form; a string field accepts
     * numbers and booleans as their JSON text.
     *
     * @throws InvalidValue with code {@code invalid_value} or {@code too_long}
     */
    public static Object fromJson(Field field, JsonNode node) throws InvalidValue {
        return CANONICAL.json(field, null, node);
    }

    /** Converts the text of field {@code index} of the collection, as {@link #fromText} in this converter's forms. */
    public Object text(Field field, int index, String text) throws InvalidValue {
        return text(field, temporal[index], text);
    }

    /** Converts the JSON value of field {@code index} of the collection, as {@link #fromJson} in its forms. */
    public Object json(Field field, int index, JsonNode node) throws InvalidValue {
        return json(field, temporal[index], node);
    }

    private Object text(Field field, TemporalFormat format, String text) throws InvalidValue {
        if (text == null) {
            return null;
        }
        FieldType type = field.type();
        if (type == FieldType.STRING) {
            return checkedLength(field, trim ? text.strip() : text);
        }
        if (type == FieldType.JSON) {
            return JsonText.compact(text);
        }
        String value = text.strip();
        if (value.isEmpty()) {
            return null;
        }
        return switch (type) {
            case INTEGER -> numbers == null ? NumberSyntax.parseLong(value) : localLong(value);
            case NUMBER -> numbers == null ? NumberSyntax.parseDouble(value) : localDouble(value);
            case DECIMAL -> numbers == null ? NumberSyntax.parseDecimal(value) : localDecimal(value);
            case BOOLEAN -> booleans == null ? ValueSyntax.parseBoolean(value) : booleans.parse(value);
            case DATE -> format == null ? ValueSyntax.parseDate(value) : format.date(value);
            case TIMESTAMP -> format == null ? TimestampSyntax.parse(value) : format.timestamp(value);
            case UUID -> ValueSyntax.parseUuid(value);
            case STRING, JSON -> throw new IllegalStateException("handled above: " + type);
        };
    }

    private Long localLong(String value) throws InvalidValue {
        return parsedLocal(numbers.integer(value), value, NumberSyntax::parseLong);
    }

    private Double localDouble(String value) throws InvalidValue {
        return parsedLocal(numbers.decimal(value, "a number"), value, NumberSyntax::parseDouble);
    }

    private BigDecimal localDecimal(String value) throws InvalidValue {
        return parsedLocal(numbers.decimal(value, "a decimal"), value, NumberSyntax::parseDecimal);
    }

    /** A number read in its canonical form; a refusal quotes the value as the file wrote it. */
    private static <T> T parsedLocal(String canonical, String value, CanonicalParse<T> parse) throws InvalidValue {
        try {
            return parse.apply(canonical);
        } catch (InvalidValue e) {
            throw Messages.requoted(e, canonical, value);
        }
    }

    private interface CanonicalParse<T> {
        T apply(String canonical) throws InvalidValue;
    }

    private Object json(Field field, TemporalFormat format, JsonNode node) throws InvalidValue {
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
                return checkedLength(field, trim && node.isTextual() ? node.textValue().strip() : node.asText());
            }
            throw InvalidValue.invalid(Messages.quote(node.asText()) + " is not a string");
        }
        if (node.isTextual()) {
            return text(field, format, node.textValue());
        }
        return switch (type) {
            case INTEGER -> JsonNumbers.toLong(node);
            case NUMBER -> JsonNumbers.toDouble(node);
            case DECIMAL -> JsonNumbers.toDecimal(node);
            case BOOLEAN -> toBoolean(node);
            case DATE -> throw format == null ? Messages.notADate(node.asText())
                    : Messages.notADateIn(node.asText(), format.spec());
            case TIMESTAMP -> epochFromJson(format, node);
            case UUID -> throw Messages.notAUuid(node.asText());
            case STRING, JSON -> throw new IllegalStateException("handled above: " + type);
        };
    }

    /** A JSON number is a timestamp only under an epoch format. */
    private static Object epochFromJson(TemporalFormat format, JsonNode node) throws InvalidValue {
        if (format == null) {
            throw Messages.notATimestamp(node.asText());
        }
        BigDecimal exact = node.isNumber() ? JsonNumbers.exactOrNull(node) : null;
        if (!(format instanceof EpochFormat) || exact == null) {
            throw Messages.notATimestampIn(node.asText(), format.spec());
        }
        return format.timestamp(exact.toPlainString());
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
