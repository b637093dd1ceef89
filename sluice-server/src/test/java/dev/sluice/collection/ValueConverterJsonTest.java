package dev.sluice.collection;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.NullNode;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ValueConverterJsonTest {
    /** Configured like the readers' mapper: exact decimals, zeros kept. */
    private static final ObjectMapper EXACT = new ObjectMapper()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .configure(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES, false);
    /** A default mapper: floats become doubles. */
    private static final ObjectMapper PLAIN = new ObjectMapper();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    static JsonNode json(String text) {
        try {
            return EXACT.readTree(text);
        } catch (Exception e) {
            throw new IllegalArgumentException(text, e);
        }
    }

    static JsonNode doubleJson(String text) {
        try {
            return PLAIN.readTree(text);
        } catch (Exception e) {
            throw new IllegalArgumentException(text, e);
        }
    }

    static Object convert(FieldType type, JsonNode node) throws InvalidValue {
        return ValueConverter.fromJson(new Field("f", type, false, null), node);
    }

    static void assertInvalid(FieldType type, JsonNode node, String message) {
        assertThatThrownBy(() -> convert(type, node))
                .isInstanceOf(InvalidValue.class)
                .hasMessage(message)
                .extracting(e -> ((InvalidValue) e).code()).isEqualTo("invalid_value");
    }

    @Test
    void null_missing_and_json_null_are_null_for_every_type() throws InvalidValue {
        for (FieldType type : FieldType.values()) {
            assertThat(convert(type, null)).as(type.wireName()).isNull();
            assertThat(convert(type, NullNode.getInstance())).as(type.wireName()).isNull();
            assertThat(convert(type, MissingNode.getInstance())).as(type.wireName()).isNull();
        }
    }

    @Test
    void string_accepts_strings_and_the_json_text_of_numbers_and_booleans() throws InvalidValue {
        assertThat(convert(FieldType.STRING, json("\" Ada \""))).isEqualTo(" Ada ");
        assertThat(convert(FieldType.STRING, json("42"))).isEqualTo("42");
        assertThat(convert(FieldType.STRING, json("1.50"))).isEqualTo("1.50");
        assertThat(convert(FieldType.STRING, json("true"))).isEqualTo("true");
    }

    @Test
    void string_refuses_objects_and_arrays() {
        assertInvalid(FieldType.STRING, json("{\"a\":1}"), "an object is not a string");
        assertInvalid(FieldType.STRING, json("[1]"), "an array is not a string");
    }

    @Test
    void string_max_length_applies_to_json_values_too() {
        Field code = new Field("code", FieldType.STRING, false, 2);

        assertThatThrownBy(() -> ValueConverter.fromJson(code, json("\"abc\"")))
                .isInstanceOf(InvalidValue.class)
                .hasMessage("is 3 characters, longer than max_length 2");
        assertThatThrownBy(() -> ValueConverter.fromJson(code, json("123")))
                .hasMessage("is 3 characters, longer than max_length 2");
    }

    @Test
    void integer_accepts_integral_numbers_including_integral_floats() throws InvalidValue {
        assertThat(convert(FieldType.INTEGER, json("42"))).isEqualTo(42L);
        assertThat(convert(FieldType.INTEGER, json("9223372036854775807"))).isEqualTo(Long.MAX_VALUE);
        assertThat(convert(FieldType.INTEGER, json("-9223372036854775808"))).isEqualTo(Long.MIN_VALUE);
        assertThat(convert(FieldType.INTEGER, json("42.0"))).isEqualTo(42L);
        assertThat(convert(FieldType.INTEGER, json("1e3"))).isEqualTo(1000L);
        assertThat(convert(FieldType.INTEGER, doubleJson("42.0"))).isEqualTo(42L);
        assertThat(convert(FieldType.INTEGER, doubleJson("-0.0"))).isEqualTo(0L);
        assertThat(convert(FieldType.INTEGER, json("\" 17 \""))).isEqualTo(17L);
        assertThat(convert(FieldType.INTEGER, json("\"\""))).isNull();
    }

    @Test
    void integer_refuses_fractions_overflow_and_other_kinds() {
        assertInvalid(FieldType.INTEGER, json("42.5"), "'42.5' is not an integer");
        assertInvalid(FieldType.INTEGER, doubleJson("42.5"), "'42.5' is not an integer");
        assertInvalid(FieldType.INTEGER, json("9223372036854775808"),
                "'9223372036854775808' is not an integer (out of 64-bit range)");
        assertInvalid(FieldType.INTEGER, json("1e19"), "'1E+19' is not an integer (out of 64-bit range)");
        assertInvalid(FieldType.INTEGER, doubleJson("9.223372036854775807E18"),
                "'9.223372036854776E18' is not an integer (out of 64-bit range)");
        assertInvalid(FieldType.INTEGER, json("\"42.0\""), "'42.0' is not an integer");
        assertInvalid(FieldType.INTEGER, json("true"), "'true' is not an integer");
        assertInvalid(FieldType.INTEGER, json("[1]"), "an array is not an integer");
        assertInvalid(FieldType.INTEGER, json("{}"), "an object is not an integer");
    }

    @Test
    void number_accepts_numbers_and_numeric_strings() throws InvalidValue {
        assertThat(convert(FieldType.NUMBER, json("1.5"))).isEqualTo(1.5d);
        assertThat(convert(FieldType.NUMBER, json("7"))).isEqualTo(7.0d);
        assertThat(convert(FieldType.NUMBER, doubleJson("2.25"))).isEqualTo(2.25d);
        assertThat(convert(FieldType.NUMBER, json("\"6.02e23\""))).isEqualTo(6.02e23d);
    }

    @Test
    void number_refuses_infinite_values_and_other_kinds() {
        assertInvalid(FieldType.NUMBER, json("1e400"), "'1E+400' is not a number (out of range)");
        assertInvalid(FieldType.NUMBER, json("\"NaN\""), "'NaN' is not a number");
        assertInvalid(FieldType.NUMBER, NODES.numberNode(Double.NaN), "'NaN' is not a number");
        assertInvalid(FieldType.NUMBER, json("false"), "'false' is not a number");
        assertInvalid(FieldType.NUMBER, json("{\"a\":1}"), "an object is not a number");
    }

    @Test
    void decimal_keeps_the_exact_value_of_a_big_decimal_node() throws InvalidValue {
        assertThat(convert(FieldType.DECIMAL, json("1.50"))).isEqualTo(new BigDecimal("1.50"));
        assertThat(convert(FieldType.DECIMAL, json("0.1000000000000000055511151231257827")))
                .isEqualTo(new BigDecimal("0.1000000000000000055511151231257827"));
        assertThat(convert(FieldType.DECIMAL, json("123456789012345678901234567890")))
                .isEqualTo(new BigDecimal("123456789012345678901234567890"));
        assertThat(convert(FieldType.DECIMAL, json("\"2.500\""))).isEqualTo(new BigDecimal("2.500"));
    }

    @Test
    void decimal_from_a_double_node_uses_its_shortest_decimal_text() throws InvalidValue {
        assertThat(convert(FieldType.DECIMAL, doubleJson("0.1"))).isEqualTo(new BigDecimal("0.1"));
        assertThat(convert(FieldType.DECIMAL, NODES.numberNode(0.1f))).isEqualTo(new BigDecimal("0.1"));
    }

    @Test
    void decimal_refuses_non_finite_values_and_other_kinds() {
        assertInvalid(FieldType.DECIMAL, NODES.numberNode(Double.POSITIVE_INFINITY), "'Infinity' is not a decimal");
        assertInvalid(FieldType.DECIMAL, json("true"), "'true' is not a decimal");
        assertInvalid(FieldType.DECIMAL, json("\"x\""), "'x' is not a decimal");
        assertInvalid(FieldType.DECIMAL, json("[]"), "an array is not a decimal");
    }

    @Test
    void boolean_accepts_json_booleans_numbers_zero_and_one_and_boolean_words() throws InvalidValue {
        assertThat(convert(FieldType.BOOLEAN, json("true"))).isEqualTo(true);
        assertThat(convert(FieldType.BOOLEAN, json("false"))).isEqualTo(false);
        assertThat(convert(FieldType.BOOLEAN, json("1"))).isEqualTo(true);
        assertThat(convert(FieldType.BOOLEAN, json("0"))).isEqualTo(false);
        assertThat(convert(FieldType.BOOLEAN, json("1.0"))).isEqualTo(true);
        assertThat(convert(FieldType.BOOLEAN, json("\"Yes\""))).isEqualTo(true);
        assertThat(convert(FieldType.BOOLEAN, json("\"off\""))).isEqualTo(false);
    }

    @Test
    void boolean_refuses_other_numbers_and_words() {
        String expected = " is not a boolean (expected true/false, yes/no, 1/0)";
        assertInvalid(FieldType.BOOLEAN, json("2"), "'2'" + expected);
        assertInvalid(FieldType.BOOLEAN, json("0.5"), "'0.5'" + expected);
        assertInvalid(FieldType.BOOLEAN, json("\"maybe\""), "'maybe'" + expected);
        assertInvalid(FieldType.BOOLEAN, json("{}"), "an object is not a boolean");
    }

    @Test
    void date_timestamp_and_uuid_come_from_strings() throws InvalidValue {
        assertThat(convert(FieldType.DATE, json("\"2026-11-22\""))).isEqualTo(LocalDate.of(2026, 11, 22));
        assertThat(convert(FieldType.TIMESTAMP, json("\"2026-11-22T10:00:00+01:00\"")))
                .isEqualTo(Instant.parse("2026-11-22T09:00:00Z"));
        assertThat(convert(FieldType.UUID, json("\"123e4567-e89b-12d3-a456-426614174000\"")))
                .isEqualTo(UUID.fromString("123e4567-e89b-12d3-a456-426614174000"));
    }

    @Test
    void date_timestamp_and_uuid_refuse_numbers_with_the_usual_message() {
        assertInvalid(FieldType.DATE, json("20261122"), "'20261122' is not a date (expected YYYY-MM-DD)");
        assertInvalid(FieldType.DATE, json("\"2026-13-01\""), "'2026-13-01' is not a date (expected YYYY-MM-DD)");
        assertInvalid(FieldType.TIMESTAMP, json("1732269600"),
                "'1732269600' is not a timestamp (expected ISO-8601, e.g. 2026-11-22T10:00:00Z)");
        assertInvalid(FieldType.UUID, json("123"), "'123' is not a UUID");
        assertInvalid(FieldType.UUID, json("[\"123e4567-e89b-12d3-a456-426614174000\"]"), "an array is not a UUID");
        assertInvalid(FieldType.TIMESTAMP, json("{}"), "an object is not a timestamp");
        assertInvalid(FieldType.DATE, json("{}"), "an object is not a date");
    }

    @Test
    void json_field_stores_any_value_as_compact_json_text() throws InvalidValue {
        assertThat(convert(FieldType.JSON, json("{ \"a\" : [1, 2.50, {\"b\": null}] }")))
                .isEqualTo("{\"a\":[1,2.50,{\"b\":null}]}");
        assertThat(convert(FieldType.JSON, json("\"text\""))).isEqualTo("\"text\"");
        assertThat(convert(FieldType.JSON, json("12"))).isEqualTo("12");
        assertThat(convert(FieldType.JSON, NODES.numberNode(new BigInteger("123456789012345678901234567890"))))
                .isEqualTo("123456789012345678901234567890");
    }

    /** As the readers read it: through {@link JsonTree}, numbers as written. */
    static JsonNode written(String text) {
        try (JsonParser parser = new JsonFactory().createParser(text)) {
            parser.nextToken();
            return JsonTree.readValue(parser).value();
        } catch (Exception e) {
            throw new IllegalArgumentException(text, e);
        }
    }

    private static final String TOO_CLOSE_TO_ZERO =
            " is not a number (out of range: too close to zero for a 64-bit double, whose smallest is 4.9e-324)";

    @Test
    void a_number_a_double_would_hold_as_zero_is_refused_and_the_smallest_subnormal_is_kept() throws InvalidValue {
        assertInvalid(FieldType.NUMBER, written("1e-999999999"), "'1e-999999999'" + TOO_CLOSE_TO_ZERO);
        assertInvalid(FieldType.NUMBER, written("4.9e-325"), "'4.9e-325'" + TOO_CLOSE_TO_ZERO);
        assertInvalid(FieldType.NUMBER, written("-1e-2147483649"), "'-1e-2147483649'" + TOO_CLOSE_TO_ZERO);
        assertThat(convert(FieldType.NUMBER, written("4.9e-324"))).isEqualTo(Double.MIN_VALUE);
        assertThat(convert(FieldType.NUMBER, written("0.000e-5"))).isEqualTo(0.0);
        assertThat(convert(FieldType.NUMBER, written("0e-99999999999"))).isEqualTo(0.0);
    }

    @Test
    void an_exponent_beyond_32_bits_is_out_of_range_for_numeric_types_and_kept_as_written_by_a_string() throws InvalidValue {
        JsonNode huge = written("1e2147483648");

        assertInvalid(FieldType.NUMBER, huge, "'1e2147483648' is not a number (out of range)");
        assertInvalid(FieldType.INTEGER, huge, "'1e2147483648' is not an integer (out of 64-bit range)");
        assertInvalid(FieldType.DECIMAL, huge, "'1e2147483648' is not a decimal (out of range: at most 131072"
                + " digits before the point and 16383 after)");
        assertInvalid(FieldType.BOOLEAN, huge, "'1e2147483648' is not a boolean (expected true/false, yes/no, 1/0)");
        assertInvalid(FieldType.JSON, huge, "holds the number '1e2147483648', out of range for JSON values:"
                + " at most 131072 digits before the point and 16383 after");
        assertThat(convert(FieldType.STRING, huge)).isEqualTo("1e2147483648");
        assertThat(convert(FieldType.STRING, written("1.0e2"))).isEqualTo("1.0e2");
    }

    @Test
    void a_json_value_keeps_its_numbers_as_written_or_is_refused_when_jsonb_could_not_hold_them() throws InvalidValue {
        assertThat(convert(FieldType.JSON, written("{\"a\":1.50,\"b\":1e2,\"c\":4.9e-325,\"d\":1e131071}")))
                .isEqualTo("{\"a\":1.50,\"b\":1e2,\"c\":4.9e-325,\"d\":1e131071}");
        assertInvalid(FieldType.JSON, written("[1e999999]"), "holds the number '1e999999', out of range for JSON"
                + " values: at most 131072 digits before the point and 16383 after");
        assertInvalid(FieldType.JSON, written("{\"a\":[1e-16384]}"), "holds the number '1e-16384', out of range"
                + " for JSON values: at most 131072 digits before the point and 16383 after");
    }

    @Test
    void a_json_cell_with_a_duplicate_member_a_lone_surrogate_or_an_outsize_number_is_refused() throws InvalidValue {
        Field json = new Field("f", FieldType.JSON, false, null);

        assertThatThrownBy(() -> ValueConverter.fromText(json, "{\"a\":1,\"a\":2}"))
                .hasMessage("holds the member 'a' twice: which value is meant cannot be told");
        assertThatThrownBy(() -> ValueConverter.fromText(json, "{\"b\":[\"x\\ud800\"]}"))
                .hasMessage("'x\\ud800' is not a valid Unicode string: lone surrogate \\ud800 at character 2");
        assertThatThrownBy(() -> ValueConverter.fromText(json, "1e2147483648"))
                .isInstanceOf(InvalidValue.class)
                .hasMessage("holds the number '1e2147483648', out of range for JSON values: at most 131072 digits"
                        + " before the point and 16383 after");
        assertThat(ValueConverter.fromText(json, " {\"a\": {\"a\": 1}, \"b\": \"\\ud83d\\ude00\"} "))
                .isEqualTo("{\"a\":{\"a\":1},\"b\":\"\ud83d\ude00\"}");
    }
}
