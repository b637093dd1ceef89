package dev.sluice.format;

import dev.sluice.job.SourceFormat;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.List;

import static dev.sluice.format.Sources.assertJson;
import static dev.sluice.format.Sources.assertMalformed;
import static dev.sluice.format.Sources.open;
import static dev.sluice.format.Sources.readAll;
import static dev.sluice.format.Sources.utf8;
import static org.assertj.core.api.Assertions.assertThat;

class JsonLinesRowReaderTest {

    @Test
    void broken_and_non_object_lines_are_malformed_and_the_lines_after_them_are_still_read() throws IOException {
        RowReader reader = open("jsonl/mixed.jsonl", SourceFormat.JSONL);

        assertThat(reader.columns()).isEmpty();
        List<SourceRow> rows = readAll(reader);
        assertThat(rows).hasSize(8);
        assertJson(rows.get(0), 1, "{\"id\":1,\"name\":\"Ada\"}");
        assertMalformed(rows.get(1), 2, "is not valid JSON: Unexpected end-of-input within/between Object entries"
                + " at column 16", "{\"id\":2,\"name\":");
        assertJson(rows.get(2), 4, "{\"id\":3,\"price\":1.50}");
        assertMalformed(rows.get(3), 5, "is a JSON array, expected an object", "[1,2]");
        assertMalformed(rows.get(4), 6, "is a JSON string, expected an object", "\"just a string\"");
        assertMalformed(rows.get(5), 7, "is not valid JSON: more than one value, the next at column 10",
                "{\"id\":4} {\"id\":5}");
        assertMalformed(rows.get(6), 9, "is JSON null, expected an object", "null");
        assertJson(rows.get(7), 10, "{\"id\":6,\"name\":\"Zoë\"}");
    }

    @Test
    void jackson_messages_lose_their_source_description_and_say_the_column_within_the_line() throws IOException {
        List<SourceRow> rows = readAll(open(utf8("{\"id\":1}\n{\"a\":[1,2\n{\"a\":tru}\n"), SourceFormat.JSONL,
                Dialect.DEFAULT));

        assertThat(rows).hasSize(3);
        assertMalformed(rows.get(1), 2, "is not valid JSON: Unexpected end-of-input: expected close marker for Array"
                + " (start marker at column 6) at column 10", "{\"a\":[1,2");
        assertMalformed(rows.get(2), 3, "is not valid JSON: Unrecognized token 'tru': was expecting (JSON String,"
                + " Number, Array, Object or token 'null', 'true' or 'false') at column 6", "{\"a\":tru}");
    }

    @Test
    void decimals_keep_their_exact_value_and_scale() throws IOException {
        byte[] line = utf8("{\"a\":1.50,\"b\":100.0,\"c\":0.1000000000000000055511151231257827}\n");

        List<SourceRow> rows = readAll(open(line, SourceFormat.JSONL, Dialect.DEFAULT));

        JsonNode value = ((SourceRow.Json) rows.get(0)).value();
        assertThat(value.get("a").decimalValue()).isEqualTo(new BigDecimal("1.50"));
        assertThat(value.get("b").decimalValue()).isEqualTo(new BigDecimal("100.0"));
        assertThat(value.get("c").decimalValue()).isEqualTo(new BigDecimal("0.1000000000000000055511151231257827"));
    }

    @Test
    void crlf_line_endings_blank_lines_and_a_byte_order_mark_are_handled() throws IOException {
        List<SourceRow> rows = readAll(open("jsonl/crlf_bom.jsonl", SourceFormat.JSONL));

        assertThat(rows).hasSize(2);
        assertJson(rows.get(0), 1, "{\"id\":1}");
        assertJson(rows.get(1), 3, "{\"id\":2,\"note\":\"a\\r\\nb\"}");
        assertThat(((SourceRow.Json) rows.get(1)).value().get("note").textValue()).isEqualTo("a\r\nb");
    }

    @Test
    void a_very_long_line_within_the_record_limit_is_read_whole() throws IOException {
        String big = "x".repeat(30_000_000);

        List<SourceRow> rows = readAll(Readers.open(new ByteArrayInputStream(utf8("{\"big\":\"" + big + "\"}\n{\"id\":2}")),
                SourceFormat.JSONL, Dialect.DEFAULT, new RecordLimit(32L * 1024 * 1024)));

        assertThat(rows).hasSize(2);
        assertThat(((SourceRow.Json) rows.get(0)).value().get("big").textValue()).isEqualTo(big);
        assertJson(rows.get(1), 2, "{\"id\":2}");
    }

    @Test
    void an_empty_source_has_no_rows() throws IOException {
        assertThat(readAll(open(new byte[0], SourceFormat.JSONL, Dialect.DEFAULT))).isEmpty();
    }

    @Test
    void numbers_are_read_as_written_even_beyond_what_a_big_decimal_or_a_double_holds() throws IOException {
        List<SourceRow> rows = readAll(open(utf8("{\"id\":1}\n{\"a\":1e2147483648,\"b\":1e999999,\"c\":4.9e-325}\n"
                + "{\"id\":3}\n"), SourceFormat.JSONL, Dialect.DEFAULT));

        assertThat(rows).hasSize(3);
        JsonNode value = ((SourceRow.Json) rows.get(1)).value();
        assertThat(value.get("a").asText()).isEqualTo("1e2147483648");
        assertThat(value.get("b").asText()).isEqualTo("1e999999"); // Jackson's own reading made it Infinity
        assertThat(value.get("b").decimalValue()).isEqualTo(new BigDecimal("1e999999"));
        assertThat(value.get("c").decimalValue()).isEqualTo(new BigDecimal("4.9e-325"));
        assertJson(rows.get(2), 3, "{\"id\":3}");
    }

    @Test
    void duplicate_members_and_lone_surrogates_are_problems_of_the_top_level_member_holding_them() throws IOException {
        List<SourceRow> rows = readAll(open(utf8("{\"id\":1,\"id\":2,\"j\":{\"a\":1,\"a\":2},\"s\":\"x\\ud800\","
                + "\"ok\":{\"a\":{\"a\":1}},\"e\":\"\\ud83d\\ude00\"}\n"), SourceFormat.JSONL, Dialect.DEFAULT));

        SourceRow.Json row = (SourceRow.Json) rows.get(0);
        assertThat(row.problems()).containsOnlyKeys("id", "j", "s");
        assertThat(row.problems().get("id")).isEqualTo("is given twice in the record: which value is meant cannot be told");
        assertThat(row.problems().get("j")).isEqualTo("holds the member 'a' twice: which value is meant cannot be told");
        assertThat(row.problems().get("s"))
                .isEqualTo("'x\\ud800' is not a valid Unicode string: lone surrogate \\ud800 at character 2");
    }

    @Test
    void jackson_settings_never_reach_the_message() throws IOException {
        List<SourceRow> rows = readAll(open(utf8("{\"a\":NaN}\n{\"a\":-Infinity}\n{\"a\":+1}\n{\"a\":"
                + "[".repeat(1000) + "]".repeat(1000) + "}\n"), SourceFormat.JSONL, Dialect.DEFAULT));

        assertThat(rows).extracting(r -> ((SourceRow.Malformed) r).message()).containsExactly(
                "is not valid JSON: NaN is not a JSON number at column 9",
                "is not valid JSON: -Infinity is not a JSON number at column 15",
                "is not valid JSON: Unexpected character ('+' (code 43)) in numeric value: JSON spec does not allow"
                        + " numbers to have plus signs at column 7",
                "is not valid JSON: nesting deeper than 1000 levels");
    }

    @Test
    void a_line_longer_than_the_record_limit_is_malformed_without_being_held_and_reading_goes_on() throws IOException {
        String text = "{\"id\":1}\r\n{\"id\":2,\"big\":\"" + "z".repeat(5000) + "\"}\n\n{\"id\":3}\r{\"id\":4}";

        List<SourceRow> rows = readAll(Readers.open(new ByteArrayInputStream(utf8(text)), SourceFormat.JSONL,
                Dialect.DEFAULT, new RecordLimit(1024)));

        assertThat(rows).hasSize(4);
        assertJson(rows.get(0), 1, "{\"id\":1}");
        assertThat(rows.get(1)).isInstanceOf(SourceRow.Malformed.class);
        SourceRow.Malformed tooLong = (SourceRow.Malformed) rows.get(1);
        assertThat(tooLong.line()).isEqualTo(2);
        assertThat(tooLong.message()).isEqualTo("is longer than 1 KB (--max-record-bytes)");
        assertThat(tooLong.raw()[0]).startsWith("{\"id\":2,").endsWith("… (cut)").hasSize(1000 + "… (cut)".length());
        assertJson(rows.get(2), 4, "{\"id\":3}");
        assertJson(rows.get(3), 5, "{\"id\":4}");
    }

    @Test
    void a_line_of_exactly_the_limit_is_read() throws IOException {
        String line = "{\"s\":\"" + "a".repeat(1024 - 8) + "\"}";

        List<SourceRow> rows = readAll(Readers.open(new ByteArrayInputStream(utf8(line + "\n" + line + "a\n")),
                SourceFormat.JSONL, Dialect.DEFAULT, new RecordLimit(1024)));

        assertThat(rows.get(0)).isInstanceOf(SourceRow.Json.class);
        assertThat(rows.get(1)).isInstanceOf(SourceRow.Malformed.class);
    }
}
