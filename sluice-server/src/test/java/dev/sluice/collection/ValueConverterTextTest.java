package dev.sluice.collection;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ValueConverterTextTest {

    static Field field(FieldType type) {
        return new Field("f", type, false, null);
    }

    static Object convert(FieldType type, String text) throws InvalidValue {
        return ValueConverter.fromText(field(type), text);
    }

    static void assertInvalid(FieldType type, String text, String message) {
        assertThatThrownBy(() -> convert(type, text))
                .isInstanceOf(InvalidValue.class)
                .hasMessage(message)
                .extracting(e -> ((InvalidValue) e).code()).isEqualTo("invalid_value");
    }

    @Test
    void null_text_is_null_for_every_type() throws InvalidValue {
        for (FieldType type : FieldType.values()) {
            assertThat(convert(type, null)).as(type.wireName()).isNull();
        }
    }

    @Test
    void blank_text_is_null_for_every_type_but_string_and_json() throws InvalidValue {
        for (FieldType type : FieldType.values()) {
            if (type != FieldType.STRING && type != FieldType.JSON) {
                assertThat(convert(type, "")).as(type.wireName()).isNull();
                assertThat(convert(type, " \t ")).as(type.wireName()).isNull();
            }
        }
        assertThat(convert(FieldType.STRING, "")).isEqualTo("");
        assertThat(convert(FieldType.STRING, " \t ")).isEqualTo(" \t ");
        assertInvalid(FieldType.JSON, "", "'' is not valid JSON");
    }

    // string

    @Test
    void string_is_kept_exactly_without_trimming() throws InvalidValue {
        assertThat(convert(FieldType.STRING, "  Ada \n")).isEqualTo("  Ada \n");
    }

    @Test
    void string_max_length_counts_code_points_not_chars() throws InvalidValue {
        Field email = new Field("email", FieldType.STRING, true, 3);

        assertThat(ValueConverter.fromText(email, "😀😀😀")).isEqualTo("😀😀😀");
        assertThat(ValueConverter.fromText(email, "abc")).isEqualTo("abc");
        assertThatThrownBy(() -> ValueConverter.fromText(email, "abcd"))
                .isInstanceOf(InvalidValue.class)
                .hasMessage("is 4 characters, longer than max_length 3")
                .extracting(e -> ((InvalidValue) e).code()).isEqualTo("too_long");
        assertThatThrownBy(() -> ValueConverter.fromText(email, "😀😀😀😀"))
                .hasMessage("is 4 characters, longer than max_length 3");
    }

    @Test
    void string_too_long_message_gives_both_lengths() {
        Field email = new Field("email", FieldType.STRING, true, 320);

        assertThatThrownBy(() -> ValueConverter.fromText(email, "x".repeat(400)))
                .hasMessage("is 400 characters, longer than max_length 320");
    }

    // integer

    @Test
    void integer_accepts_an_optional_sign_digits_and_surrounding_whitespace() throws InvalidValue {
        assertThat(convert(FieldType.INTEGER, "42")).isEqualTo(42L);
        assertThat(convert(FieldType.INTEGER, " -7 ")).isEqualTo(-7L);
        assertThat(convert(FieldType.INTEGER, "+0012")).isEqualTo(12L);
        assertThat(convert(FieldType.INTEGER, "-0")).isEqualTo(0L);
    }

    @Test
    void integer_accepts_the_64_bit_limits_and_refuses_one_past_them() throws InvalidValue {
        assertThat(convert(FieldType.INTEGER, "9223372036854775807")).isEqualTo(Long.MAX_VALUE);
        assertThat(convert(FieldType.INTEGER, "-9223372036854775808")).isEqualTo(Long.MIN_VALUE);
        assertInvalid(FieldType.INTEGER, "9223372036854775808",
                "'9223372036854775808' is not an integer (out of 64-bit range)");
        assertInvalid(FieldType.INTEGER, "-9223372036854775809",
                "'-9223372036854775809' is not an integer (out of 64-bit range)");
        assertInvalid(FieldType.INTEGER, "99999999999999999999999",
                "'99999999999999999999999' is not an integer (out of 64-bit range)");
    }

    @Test
    void integer_refuses_decimals_exponents_and_other_digits() {
        assertInvalid(FieldType.INTEGER, "abc", "'abc' is not an integer");
        assertInvalid(FieldType.INTEGER, "42.0", "'42.0' is not an integer");
        assertInvalid(FieldType.INTEGER, "1e3", "'1e3' is not an integer");
        assertInvalid(FieldType.INTEGER, "-", "'-' is not an integer");
        assertInvalid(FieldType.INTEGER, "+-1", "'+-1' is not an integer");
        assertInvalid(FieldType.INTEGER, "1 000", "'1 000' is not an integer");
        assertInvalid(FieldType.INTEGER, "٣", "'٣' is not an integer");
        assertInvalid(FieldType.INTEGER, "99999999999999999999x", "'99999999999999999999x' is not an integer");
    }

    // number

    @Test
    void number_accepts_plain_and_scientific_decimals() throws InvalidValue {
        assertThat(convert(FieldType.NUMBER, "1.5")).isEqualTo(1.5d);
        assertThat(convert(FieldType.NUMBER, " -2 ")).isEqualTo(-2.0d);
        assertThat(convert(FieldType.NUMBER, "6.02E23")).isEqualTo(6.02e23d);
        assertThat(convert(FieldType.NUMBER, "1e-3")).isEqualTo(0.001d);
        assertThat(convert(FieldType.NUMBER, ".5")).isEqualTo(0.5d);
        assertThat(convert(FieldType.NUMBER, "5.")).isEqualTo(5.0d);
        assertThat(convert(FieldType.NUMBER, "+1.7976931348623157E308")).isEqualTo(Double.MAX_VALUE);
    }

    @ParameterizedTest
    @ValueSource(strings = {"1.5.2", "0x1p3", "1d", "1f", "NaN", "Infinity", "-Infinity", "1e", "e3", ".", "1,5",
            "--1"})
    void number_refuses_java_only_and_malformed_forms(String text) {
        assertInvalid(FieldType.NUMBER, text, "'" + text + "' is not a number");
    }

    @Test
    void number_refuses_values_beyond_double_range() {
        assertInvalid(FieldType.NUMBER, "1e400", "'1e400' is not a number (out of range)");
    }

    // decimal

    @Test
    void decimal_is_exact_and_keeps_the_scale_it_was_written_with() throws InvalidValue {
        assertThat(convert(FieldType.DECIMAL, "1.50")).isEqualTo(new BigDecimal("1.50"));
        assertThat(((BigDecimal) convert(FieldType.DECIMAL, "1.50")).scale()).isEqualTo(2);
        assertThat(convert(FieldType.DECIMAL, "0.1000000000000000055511151231257827"))
                .isEqualTo(new BigDecimal("0.1000000000000000055511151231257827"));
        assertThat(convert(FieldType.DECIMAL, "12345678901234567890.123"))
                .isEqualTo(new BigDecimal("12345678901234567890.123"));
        assertThat(convert(FieldType.DECIMAL, "-1.2e3")).isEqualTo(new BigDecimal("-1.2E+3"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"x", "1.2.3", "NaN", "1e", "0x10"})
    void decimal_refuses_what_is_not_a_decimal_literal(String text) {
        assertInvalid(FieldType.DECIMAL, text, "'" + text + "' is not a decimal");
    }

    @ParameterizedTest
    @ValueSource(strings = {"1e999999999", "1e131072", "-1e-16384", "0.1e-16383", "1e9999999999"})
    void decimal_refuses_values_beyond_what_a_column_can_hold(String text) {
        assertInvalid(FieldType.DECIMAL, text,
                "'" + text + "' is not a decimal (out of range: at most 131072 digits before the point and 16383 after)");
    }

    @Test
    void decimal_accepts_values_at_the_edge_of_the_range() throws InvalidValue {
        assertThat(convert(FieldType.DECIMAL, "1e131071")).isEqualTo(new BigDecimal("1e131071"));
        assertThat(convert(FieldType.DECIMAL, "1e-16383")).isEqualTo(new BigDecimal("1e-16383"));
    }

    // boolean

    @ParameterizedTest
    @ValueSource(strings = {"true", "TRUE", "t", "T", "yes", "Yes", "y", "1", "on", "ON", " true "})
    void boolean_true_forms(String text) throws InvalidValue {
        assertThat(convert(FieldType.BOOLEAN, text)).isEqualTo(Boolean.TRUE);
    }

    @ParameterizedTest
    @ValueSource(strings = {"false", "False", "f", "F", "no", "NO", "n", "0", "off", "Off"})
    void boolean_false_forms(String text) throws InvalidValue {
        assertThat(convert(FieldType.BOOLEAN, text)).isEqualTo(Boolean.FALSE);
    }

    @ParameterizedTest
    @ValueSource(strings = {"maybe", "2", "tru", "yess", "-1", "oui"})
    void boolean_refuses_other_words(String text) {
        assertInvalid(FieldType.BOOLEAN, text, "'" + text + "' is not a boolean (expected true/false, yes/no, 1/0)");
    }

    // date

    @Test
    void date_is_iso_year_month_day() throws InvalidValue {
        assertThat(convert(FieldType.DATE, "2026-11-22")).isEqualTo(LocalDate.of(2026, 11, 22));
        assertThat(convert(FieldType.DATE, " 2024-02-29 ")).isEqualTo(LocalDate.of(2024, 2, 29));
    }

    @ParameterizedTest
    @ValueSource(strings = {"2026-13-01", "2026-02-30", "2025-02-29", "26-11-22", "2026/11/22", "2026-1-22",
            "2026-11-22T10:00:00Z", "22.11.2026", "２０２６-11-22"})
    void date_refuses_other_forms_and_days_not_in_the_calendar(String text) {
        assertInvalid(FieldType.DATE, text, "'" + text + "' is not a date (expected YYYY-MM-DD)");
    }

    // timestamp

    @Test
    void timestamp_with_z_or_an_offset_is_converted_to_utc() throws InvalidValue {
        assertThat(convert(FieldType.TIMESTAMP, "2026-11-22T10:00:00Z"))
                .isEqualTo(Instant.parse("2026-11-22T10:00:00Z"));
        assertThat(convert(FieldType.TIMESTAMP, "2026-11-22T10:00:00+02:00"))
                .isEqualTo(Instant.parse("2026-11-22T08:00:00Z"));
        assertThat(convert(FieldType.TIMESTAMP, "2026-11-22T10:00:00-0530"))
                .isEqualTo(Instant.parse("2026-11-22T15:30:00Z"));
        assertThat(convert(FieldType.TIMESTAMP, "2026-11-22T01:00:00+05"))
                .isEqualTo(Instant.parse("2026-11-21T20:00:00Z"));
    }

    @Test
    void timestamp_without_a_zone_is_utc_and_a_space_may_replace_the_t() throws InvalidValue {
        Instant ten = Instant.parse("2026-11-22T10:00:00Z");

        assertThat(convert(FieldType.TIMESTAMP, "2026-11-22T10:00:00")).isEqualTo(ten);
        assertThat(convert(FieldType.TIMESTAMP, "2026-11-22 10:00:00")).isEqualTo(ten);
        assertThat(convert(FieldType.TIMESTAMP, "2026-11-22 10:00")).isEqualTo(ten);
    }

    @Test
    void timestamp_keeps_fractional_seconds_to_the_microsecond() throws InvalidValue {
        assertThat(convert(FieldType.TIMESTAMP, "2026-11-22T10:00:00.5Z"))
                .isEqualTo(Instant.parse("2026-11-22T10:00:00.500Z"));
        assertThat(convert(FieldType.TIMESTAMP, "2026-11-22 10:00:00.123456+01:00"))
                .isEqualTo(Instant.parse("2026-11-22T09:00:00.123456Z"));
        assertThat(convert(FieldType.TIMESTAMP, "2026-11-22 10:00:00.123456000+01:00"))
                .isEqualTo(Instant.parse("2026-11-22T09:00:00.123456Z"));
    }

    /** PostgreSQL keeps microseconds: a finer timestamp is refused on both databases, never rounded. */
    @ParameterizedTest
    @ValueSource(strings = {"2026-11-22T10:00:00.123456789Z", "2026-11-22 10:00:00.1234567+01:00",
            "2026-11-22T10:00:00.000000001Z"})
    void timestamp_refuses_precision_finer_than_microseconds(String text) {
        assertInvalid(FieldType.TIMESTAMP, text,
                "'" + text + "' has more precision than microseconds, which is what Sluice keeps");
    }

    @Test
    void timestamp_of_a_bare_date_is_midnight_utc() throws InvalidValue {
        assertThat(convert(FieldType.TIMESTAMP, "2026-11-22")).isEqualTo(Instant.parse("2026-11-22T00:00:00Z"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"noon", "2026-11-22T25:00:00Z", "2026-11-22T10:60:00Z", "2026-11-22T10:00:61Z",
            "2026-11-22T10Z", "2026-11-22T10:00:00.Z", "2026-11-22T10:00:00.1234567891Z", "2026-11-22T10:00:00+19:00",
            "2026-11-22T10:00:00 Z", "2026-11-22X10:00:00", "2026-02-30T10:00:00Z", "2026-11-22T10:00:00+1",
            "1732269600", "2026-11-22T10:00:00Z[UTC]"})
    void timestamp_refuses_what_is_not_iso_8601(String text) {
        assertInvalid(FieldType.TIMESTAMP, text,
                "'" + text + "' is not a timestamp (expected ISO-8601, e.g. 2026-11-22T10:00:00Z)");
    }

    // uuid

    @Test
    void uuid_in_canonical_form_in_any_case() throws InvalidValue {
        UUID expected = UUID.fromString("123e4567-e89b-12d3-a456-426614174000");

        assertThat(convert(FieldType.UUID, "123e4567-e89b-12d3-a456-426614174000")).isEqualTo(expected);
        assertThat(convert(FieldType.UUID, " 123E4567-E89B-12D3-A456-426614174000 ")).isEqualTo(expected);
        assertThat(convert(FieldType.UUID, "ffffffff-ffff-ffff-ffff-ffffffffffff"))
                .isEqualTo(new UUID(-1L, -1L));
    }

    @ParameterizedTest
    @ValueSource(strings = {"123", "1-1-1-1-1", "123e4567e89b12d3a456426614174000",
            "123e4567-e89b-12d3-a456-42661417400g", "{123e4567-e89b-12d3-a456-426614174000}",
            "123e4567-e89b-12d3-a456_426614174000"})
    void uuid_refuses_anything_but_the_canonical_form(String text) {
        assertInvalid(FieldType.UUID, text, "'" + text + "' is not a UUID");
    }

    // json

    @Test
    void json_text_is_stored_compactly_with_exact_numbers() throws InvalidValue {
        assertThat(convert(FieldType.JSON, " { \"a\" : [1, 2.50, true, null], \"b\": \"x\" } "))
                .isEqualTo("{\"a\":[1,2.50,true,null],\"b\":\"x\"}");
        assertThat(convert(FieldType.JSON, "\"text\"")).isEqualTo("\"text\"");
        assertThat(convert(FieldType.JSON, "12345678901234567890.5")).isEqualTo("12345678901234567890.5");
    }

    @ParameterizedTest
    @ValueSource(strings = {"{bad", "{} {}", "abc", "[1,]", "{'a':1}"})
    void json_text_must_be_one_valid_json_value(String text) {
        assertInvalid(FieldType.JSON, text, "'" + text + "' is not valid JSON");
    }

    // messages

    @Test
    void long_values_are_cut_to_40_characters_in_the_message() {
        String text = "abcdefghij".repeat(5);

        assertInvalid(FieldType.INTEGER, text, "'" + text.substring(0, 40) + "…' is not an integer");
    }

    @Test
    void the_cut_never_splits_a_surrogate_pair() {
        String text = "x".repeat(39) + "😀" + "tail";

        assertInvalid(FieldType.UUID, text, "'" + "x".repeat(39) + "…' is not a UUID");
    }

    @Test
    void a_number_a_double_would_hold_as_zero_is_refused() throws InvalidValue {
        String tooClose = " is not a number (out of range: too close to zero for a 64-bit double, whose smallest is 4.9e-324)";
        assertInvalid(FieldType.NUMBER, "1e-999999999", "'1e-999999999'" + tooClose);
        assertInvalid(FieldType.NUMBER, "4.9e-325", "'4.9e-325'" + tooClose);
        assertThat(convert(FieldType.NUMBER, "4.9e-324")).isEqualTo(Double.MIN_VALUE);
        assertThat(convert(FieldType.NUMBER, "0.0e-999999999")).isEqualTo(0.0);
        assertThat(convert(FieldType.DECIMAL, "0e-99999999999")).isEqualTo(BigDecimal.ZERO);
    }
}
