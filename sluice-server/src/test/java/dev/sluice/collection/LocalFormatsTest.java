package dev.sluice.collection;

import dev.sluice.error.SluiceException;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Local forms of values (docs/concepts.md, "Local formats"), through the converter an import builds. */
class LocalFormatsTest {
    private static final List<Field> FIELDS = List.of(
            new Field("id", FieldType.INTEGER, true, null),
            new Field("amount", FieldType.DECIMAL, false, null),
            new Field("ratio", FieldType.NUMBER, false, null),
            new Field("active", FieldType.BOOLEAN, false, null),
            new Field("joined", FieldType.DATE, false, null, "dd/MM/yyyy"),
            new Field("seen", FieldType.TIMESTAMP, false, null),
            new Field("name", FieldType.STRING, false, null),
            new Field("ref", FieldType.UUID, false, null));
    private static final CollectionSchema PEOPLE = CollectionSchema.define("people", FIELDS, List.of("id"), false);

    private static Object read(ValueFormats formats, String field, String text) throws InvalidValue {
        int index = PEOPLE.fields().indexOf(PEOPLE.field(field));
        return ValueConverter.forCollection(PEOPLE, formats).text(PEOPLE.field(field), index, text);
    }

    private static ValueFormats numbers(String decimal, String thousands) {
        return new ValueFormats(Map.of(), decimal, thousands, null, null, false);
    }

    private static ValueFormats seenIn(String format) {
        return new ValueFormats(Map.of("seen", format), null, null, null, null, false);
    }

    private static void assertRefused(ValueFormats formats, String field, String text, String message) {
        assertThatThrownBy(() -> read(formats, field, text)).isInstanceOf(InvalidValue.class).hasMessage(message)
                .extracting(e -> ((InvalidValue) e).code()).isEqualTo("invalid_value");
    }

    private static void assertBadOption(ValueFormats formats, String option, String message) {
        assertThatThrownBy(() -> formats.validate(PEOPLE)).isInstanceOf(SluiceException.Invalid.class)
                .hasMessageContaining(message)
                .satisfies(e -> assertThat(((SluiceException) e).code()).isEqualTo("invalid_option"))
                .satisfies(e -> assertThat(((SluiceException) e).details()).containsEntry("option", option));
    }

    @Test
    void a_date_field_reads_its_own_format_and_a_real_calendar_day_only() throws InvalidValue {
        assertThat(read(ValueFormats.DEFAULT, "joined", "31/12/2024")).isEqualTo(LocalDate.of(2024, 12, 31));
        assertThat(read(ValueFormats.DEFAULT, "joined", " 29/02/2024 ")).isEqualTo(LocalDate.of(2024, 2, 29));
        assertRefused(ValueFormats.DEFAULT, "joined", "31/02/2024", "'31/02/2024' is not a date in format dd/MM/yyyy");
        assertRefused(ValueFormats.DEFAULT, "joined", "29/02/2023", "'29/02/2023' is not a date in format dd/MM/yyyy");
        assertRefused(ValueFormats.DEFAULT, "joined", "2024-12-31", "'2024-12-31' is not a date in format dd/MM/yyyy");
        assertRefused(ValueFormats.DEFAULT, "joined", "1/12/2024", "'1/12/2024' is not a date in format dd/MM/yyyy");
        assertRefused(ValueFormats.DEFAULT, "joined", "31/12/20245", "'31/12/20245' is not a date in format dd/MM/yyyy");
        assertRefused(ValueFormats.DEFAULT, "joined", "00/12/2024", "'00/12/2024' is not a date in format dd/MM/yyyy");
    }

    @Test
    void an_import_replaces_a_fields_format_and_one_letter_parts_take_one_or_two_digits() throws InvalidValue {
        ValueFormats us = new ValueFormats(Map.of("joined", "M/d/yyyy"), null, null, null, null, false);
        assertThat(read(us, "joined", "12/31/2024")).isEqualTo(LocalDate.of(2024, 12, 31));
        assertThat(read(us, "joined", "2/9/2024")).isEqualTo(LocalDate.of(2024, 2, 9));
        assertRefused(us, "joined", "13/1/2024", "'13/1/2024' is not a date in format M/d/yyyy");
        assertRefused(us, "joined", "123/1/2024", "'123/1/2024' is not a date in format M/d/yyyy");
    }

    @Test
    void a_timestamp_pattern_reads_as_utc_with_its_fraction() throws InvalidValue {
        assertThat(read(seenIn("dd.MM.yyyy HH:mm:ss.SSS"), "seen", "31.12.2024 23:59:58.120"))
                .isEqualTo(Instant.parse("2024-12-31T23:59:58.120Z"));
        assertThat(read(seenIn("yyyyMMdd'T'HHmm"), "seen", "20240229T0705"))
                .isEqualTo(Instant.parse("2024-02-29T07:05:00Z"));
        assertThat(read(seenIn("dd.MM.yyyy"), "seen", "01.01.2025")).isEqualTo(Instant.parse("2025-01-01T00:00:00Z"));
        assertRefused(seenIn("dd.MM.yyyy HH:mm"), "seen", "31.12.2024 24:00",
                "'31.12.2024 24:00' is not a timestamp in format dd.MM.yyyy HH:mm");
        assertRefused(seenIn("dd.MM.yyyy HH:mm"), "seen", "31.12.2024",
                "'31.12.2024' is not a timestamp in format dd.MM.yyyy HH:mm");
    }

    @Test
    void epoch_seconds_and_millis_read_counts_since_1970_within_the_iso_years() throws InvalidValue {
        assertThat(read(seenIn("epoch_seconds"), "seen", "1735689600")).isEqualTo(Instant.parse("2025-01-01T00:00:00Z"));
        assertThat(read(seenIn("epoch_seconds"), "seen", "-1.5")).isEqualTo(Instant.parse("1969-12-31T23:59:58.500Z"));
        assertThat(read(seenIn("epoch_seconds"), "seen", "-0.25")).isEqualTo(Instant.parse("1969-12-31T23:59:59.750Z"));
        assertThat(read(seenIn("epoch_millis"), "seen", "1735689600123")).isEqualTo(Instant.parse("2025-01-01T00:00:00.123Z"));
        assertThat(read(seenIn("epoch_millis"), "seen", "-1.5")).isEqualTo(Instant.parse("1969-12-31T23:59:59.998500Z"));
        assertRefused(seenIn("epoch_millis"), "seen", "1.1234", "'1.1234' is not a timestamp in format epoch_millis");
        assertRefused(seenIn("epoch_seconds"), "seen", "99999999999999999999",
                "'99999999999999999999' is not a timestamp in format epoch_seconds");
        assertRefused(seenIn("epoch_seconds"), "seen", "253402300800", // 10000-01-01
                "'253402300800' is not a timestamp in format epoch_seconds");
        assertRefused(seenIn("epoch_seconds"), "seen", "1e9", "'1e9' is not a timestamp in format epoch_seconds");
        assertRefused(seenIn("epoch_seconds"), "seen", "+5", "'+5' is not a timestamp in format epoch_seconds");
    }

    @Test
    void a_decimal_comma_with_dotted_thousands_reads_only_groups_of_three() throws InvalidValue {
        ValueFormats german = numbers(",", ".");
        assertThat(read(german, "amount", "1.234.567,50")).isEqualTo(new BigDecimal("1234567.50"));
        assertThat(read(german, "amount", "1234567,50")).isEqualTo(new BigDecimal("1234567.50"));
        assertThat(read(german, "amount", "-1.234,5")).isEqualTo(new BigDecimal("-1234.5"));
        assertThat(read(german, "amount", ",5")).isEqualTo(new BigDecimal("0.5"));
        assertThat(read(german, "ratio", "-1,5e3")).isEqualTo(-1500.0);
        assertThat(read(german, "id", " -12.345 ")).isEqualTo(-12345L);
        assertRefused(german, "amount", "1.23.4", "'1.23.4' is not a decimal in format 1.234.567,89");
        assertRefused(german, "amount", "1.2345,6", "'1.2345,6' is not a decimal in format 1.234.567,89");
        assertRefused(german, "amount", "1234.567", "'1234.567' is not a decimal in format 1.234.567,89");
        assertRefused(german, "amount", "1,234,5", "'1,234,5' is not a decimal in format 1.234.567,89");
        assertRefused(german, "id", "1,5", "'1,5' is not an integer in format 1.234.567");
        assertRefused(german, "id", "9.223.372.036.854.775.808",
                "'9.223.372.036.854.775.808' is not an integer (out of 64-bit range)");
        assertRefused(german, "ratio", "1e400", "'1e400' is not a number (out of range)");
    }

    @Test
    void with_the_decimal_point_a_decimal_comma_fails_rather_than_being_misread() throws InvalidValue {
        assertRefused(ValueFormats.DEFAULT, "amount", "1,5", "'1,5' is not a decimal");
        ValueFormats us = numbers(".", ",");
        assertThat(read(us, "amount", "1,234.5")).isEqualTo(new BigDecimal("1234.5"));
        assertRefused(us, "amount", "1,5", "'1,5' is not a decimal in format 1,234,567.89");
        assertRefused(numbers(",", null), "amount", "1.5", "'1.5' is not a decimal in format 1234567,89");
    }

    @Test
    void space_and_apostrophe_thousands_include_the_no_break_spaces() throws InvalidValue {
        assertThat(read(numbers(",", " "), "amount", "1 234\u00A0567\u202F890,5")).isEqualTo(new BigDecimal("1234567890.5"));
        assertThat(read(numbers(".", "'"), "id", "1'000'000")).isEqualTo(1_000_000L);
        assertRefused(numbers(".", "'"), "id", "1'00'000", "'1'00'000' is not an integer in format 1'234'567");
    }

    @Test
    void the_default_vocabulary_and_an_imports_own_words_read_booleans_without_regard_to_case() throws InvalidValue {
        for (String yes : List.of("true", "T", "Yes", "y", "1", "ON", " true ")) {
            assertThat(read(ValueFormats.DEFAULT, "active", yes)).as(yes).isEqualTo(Boolean.TRUE);
        }
        ValueFormats words = new ValueFormats(Map.of(), null, null, List.of("Ja", "oui"), List.of("nein"), false);
        assertThat(read(words, "active", "JA")).isEqualTo(Boolean.TRUE);
        assertThat(read(words, "active", "Nein")).isEqualTo(Boolean.FALSE);
        assertRefused(words, "active", "yes", "'yes' is not a boolean (true: Ja, oui; false: nein)");
        ValueFormats onlyTrue = new ValueFormats(Map.of(), null, null, List.of("x"), null, false);
        assertThat(read(onlyTrue, "active", "no")).isEqualTo(Boolean.FALSE);
    }

    @Test
    void strings_keep_their_blanks_unless_trim_while_other_types_ignore_them() throws InvalidValue {
        assertThat(read(ValueFormats.DEFAULT, "name", "  Ada ")).isEqualTo("  Ada ");
        assertThat(read(new ValueFormats(Map.of(), null, null, null, null, true), "name", "  Ada ")).isEqualTo("Ada");
        assertThat(read(ValueFormats.DEFAULT, "ref", " 0190b5c2-7d1a-7000-8000-000000000001\t"))
                .isEqualTo(UUID.fromString("0190b5c2-7d1a-7000-8000-000000000001"));
        assertThat(read(ValueFormats.DEFAULT, "id", " 42 ")).isEqualTo(42L);
    }

    @Test
    void a_bad_setting_is_refused_by_its_option_name() {
        assertBadOption(numbers(";", null), "decimal_separator", "decimal_separator is '.' or ','");
        assertBadOption(numbers(".", "_"), "thousands_separator", "thousands_separator is");
        assertBadOption(numbers(",", ","), "thousands_separator", "are both ','");
        assertBadOption(new ValueFormats(Map.of("nope", "dd.MM.yyyy"), null, null, null, null, false), "formats",
                "not a field of collection people");
        assertBadOption(new ValueFormats(Map.of("joined", "dd.MM.yy"), null, null, null, null, false), "formats",
                "'yy' is not a part of a format");
        assertBadOption(new ValueFormats(Map.of("amount", "dd.MM.yyyy"), null, null, null, null, false), "formats",
                "applies to date and timestamp fields only");
        assertBadOption(new ValueFormats(Map.of(), null, null, List.of("ja", "no"), null, false), "true_values",
                "no would be read as both true and false");
        assertBadOption(new ValueFormats(Map.of(), null, null, null, List.of(" "), false), "false_values", "blank");
        assertBadOption(new ValueFormats(Map.of(), null, null, List.of(), null, false), "true_values", "at least one");
    }

    @Test
    void a_pattern_that_does_not_parse_is_refused_when_the_collection_is_defined() {
        for (String[] bad : new String[][] {
                {"DATE", "dd/MM/yyy", "'yyy' is not a part of a format"},
                {"DATE", "dd/MM/yyyy HH:mm", "has a time part"},
                {"DATE", "epoch_seconds", "applies to timestamp fields only"},
                {"TIMESTAMP", "dd.MM.yyyy mm", "has 'm' without 'H'"},
                {"TIMESTAMP", "dd.MM.yyyy'T", "opens a quote it does not close"},
                {"DATE", "dMyyyy", "must be followed by a separator"},
                {"DATE", "dd.MM", "has no year"},
                {"DATE", "dd.MM.yyyy.dd", "'d' appears twice"},
                {"STRING", "dd.MM.yyyy", "applies to date and timestamp fields only"}}) {
            Field field = new Field("joined", FieldType.valueOf(bad[0]), false, null, bad[1]);
            assertThatThrownBy(() -> CollectionSchema.define("people", List.of(field), List.of("joined"), false))
                    .as(bad[1]).isInstanceOf(SluiceException.Invalid.class)
                    .hasMessageStartingWith("field 'joined' (" + bad[0].toLowerCase() + "): ")
                    .hasMessageContaining(bad[2])
                    .satisfies(e -> assertThat(((SluiceException) e).code()).isEqualTo("invalid_collection"));
        }
    }

    @Test
    void json_strings_take_the_local_forms_and_an_epoch_field_takes_json_numbers() throws Exception {
        ValueConverter converter = ValueConverter.forCollection(PEOPLE,
                new ValueFormats(Map.of("seen", "epoch_millis"), ",", ".", null, null, false));
        com.fasterxml.jackson.databind.ObjectMapper mapper = new com.fasterxml.jackson.databind.ObjectMapper();
        assertThat(converter.json(PEOPLE.field("joined"), 4, mapper.readTree("\"31/12/2024\"")))
                .isEqualTo(LocalDate.of(2024, 12, 31));
        assertThat(converter.json(PEOPLE.field("amount"), 1, mapper.readTree("\"1.234,5\"")))
                .isEqualTo(new BigDecimal("1234.5"));
        assertThat(converter.json(PEOPLE.field("seen"), 5, mapper.readTree("1735689600123")))
                .isEqualTo(Instant.parse("2025-01-01T00:00:00.123Z"));
        assertThatThrownBy(() -> converter.json(PEOPLE.field("joined"), 4, mapper.readTree("20241231")))
                .hasMessage("'20241231' is not a date in format dd/MM/yyyy");
    }

    @Test
    void the_canonical_converter_ignores_a_fields_format_so_keys_are_looked_up_as_they_read_back() throws InvalidValue {
        Field joined = PEOPLE.field("joined");
        assertThat(ValueConverter.fromText(joined, "2024-12-31")).isEqualTo(LocalDate.of(2024, 12, 31));
    }
}
