package dev.sluice.format;

import dev.sluice.job.SourceFormat;
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
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class JsonArrayRowReaderTest {

    @Test
    void elements_are_streamed_numbered_by_index_and_non_objects_are_malformed() throws IOException {
        RowReader reader = open("json/array.json", SourceFormat.JSON);

        assertThat(reader.columns()).isEmpty();
        List<SourceRow> rows = readAll(reader);
        assertThat(rows).hasSize(5);
        assertJson(rows.get(0), 1, "{\"id\":1,\"name\":\"Ada\"}");
        assertJson(rows.get(1), 2, "{\"id\":2,\"price\":100.0,\"tags\":[\"a\",\"b\"]}");
        assertThat(((SourceRow.Json) rows.get(1)).value().get("price").decimalValue())
                .isEqualTo(new BigDecimal("100.0"));
        assertMalformed(rows.get(2), 3, "is a JSON number, expected an object", "42");
        assertMalformed(rows.get(3), 4, "is a JSON array, expected an object", "[1,{\"x\":2}]");
        assertJson(rows.get(4), 5, "{\"id\":3,\"nested\":{\"deep\":[true,null]}}");
    }

    @Test
    void an_empty_array_has_no_rows() throws IOException {
        assertThat(readAll(open("json/empty_array.json", SourceFormat.JSON))).isEmpty();
    }

    @Test
    void a_document_that_is_an_object_is_refused_at_open() {
        assertThatThrownBy(() -> open("json/not_an_array.json", SourceFormat.JSON))
                .isInstanceOf(UnreadableSourceException.class)
                .hasMessage("expected a JSON array of objects, found an object"
                        + " (for one object per line, use format jsonl)");
    }

    @Test
    void a_document_that_is_a_scalar_or_nothing_is_refused_at_open() {
        assertThatThrownBy(() -> open(utf8("\"text\""), SourceFormat.JSON, Dialect.DEFAULT))
                .isInstanceOf(UnreadableSourceException.class)
                .hasMessage("expected a JSON array of objects, found a string");
        assertThatThrownBy(() -> open(utf8("  \n"), SourceFormat.JSON, Dialect.DEFAULT))
                .isInstanceOf(UnreadableSourceException.class)
                .hasMessage("expected a JSON array of objects, found an empty source");
        assertThatThrownBy(() -> open(utf8("nope"), SourceFormat.JSON, Dialect.DEFAULT))
                .isInstanceOf(UnreadableSourceException.class)
                .hasMessage("expected a JSON array of objects, but the source is not valid JSON at line 1, column 1:"
                        + " Unrecognized token 'nope': was expecting (JSON String, Number, Array, Object"
                        + " or token 'null', 'true' or 'false')");
    }

    @Test
    void broken_json_mid_array_stops_the_source_with_its_line_and_column() throws IOException {
        RowReader reader = open("json/broken_array.json", SourceFormat.JSON);

        assertJson(reader.next(), 1, "{\"id\":1}");
        assertThatThrownBy(reader::next)
                .isInstanceOf(UnreadableSourceException.class)
                .hasMessage("the JSON array is broken at line 3, column 12 (after element 1):"
                        + " Unexpected character (',' (code 44)): was expecting double-quote to start field name");
        assertThat(reader.next()).isNull();
        reader.close();
    }

    @Test
    void a_truncated_array_stops_the_source_after_its_last_whole_element() throws IOException {
        RowReader reader = open("json/truncated_array.json", SourceFormat.JSON);

        assertJson(reader.next(), 1, "{\"id\":1}");
        assertJson(reader.next(), 2, "{\"id\":2}");
        assertThatThrownBy(reader::next)
                .isInstanceOf(UnreadableSourceException.class)
                .hasMessage("the JSON array is broken at line 4, column 1 (after element 2):"
                        + " Unexpected end-of-input: expected close marker for Array"
                        + " (start marker at line 1, column 1)");
        reader.close();
    }

    @Test
    void content_after_the_array_is_refused() throws IOException {
        RowReader reader = open(utf8("[{\"id\":1}]\n{\"id\":2}"), SourceFormat.JSON, Dialect.DEFAULT);

        assertJson(reader.next(), 1, "{\"id\":1}");
        assertThatThrownBy(reader::next)
                .isInstanceOf(UnreadableSourceException.class)
                .hasMessage("unexpected content after the JSON array at line 2, column 1");
        reader.close();
    }

    @Test
    void an_exponent_beyond_32_bits_is_read_as_written_and_the_elements_after_it_too() throws IOException {
        List<SourceRow> rows = readAll(open(utf8("[{\"id\":1},{\"id\":2,\"x\":1e2147483648},{\"id\":3}]"),
                SourceFormat.JSON, Dialect.DEFAULT));

        assertThat(rows).hasSize(3);
        assertJson(rows.get(1), 2, "{\"id\":2,\"x\":1e2147483648}");
        assertJson(rows.get(2), 3, "{\"id\":3}");
    }

    @Test
    void a_member_given_twice_is_a_problem_of_that_member_not_of_the_array() throws IOException {
        List<SourceRow> rows = readAll(open(utf8("[{\"id\":1,\"id\":2},{\"id\":3}]"), SourceFormat.JSON,
                Dialect.DEFAULT));

        assertThat(rows).hasSize(2);
        assertThat(((SourceRow.Json) rows.get(0)).problems())
                .containsEntry("id", "is given twice in the record: which value is meant cannot be told");
        assertThat(((SourceRow.Json) rows.get(1)).problems()).isEmpty();
    }

    @Test
    void a_break_says_its_physical_line_and_jackson_settings_stay_out_of_the_message() throws IOException {
        RowReader reader = open(utf8("[{\"id\":1},\n{\"id\":2},\n{\"id\":NaN}]"), SourceFormat.JSON, Dialect.DEFAULT);

        reader.next();
        reader.next();
        assertThatThrownBy(reader::next)
                .isInstanceOf(UnreadableSourceException.class)
                .hasMessage("the JSON array is broken at line 3, column 10 (after element 2): NaN is not a JSON number")
                .extracting(e -> ((UnreadableSourceException) e).line()).isEqualTo(3L);
        reader.close();
    }

    @Test
    void nesting_too_deep_is_said_in_plain_words() throws IOException {
        RowReader reader = open(utf8("[{\"a\":" + "[".repeat(1000) + "]".repeat(1000) + "}]"), SourceFormat.JSON,
                Dialect.DEFAULT);

        assertThatThrownBy(reader::next)
                .isInstanceOf(UnreadableSourceException.class)
                .hasMessageEndingWith("(before its first element): nesting deeper than 1000 levels");
        reader.close();
    }

    @Test
    void an_element_longer_than_the_record_limit_is_malformed_and_the_elements_after_it_are_read() throws IOException {
        String big = "{\"id\":2,\"s\":\"a \\\" ] } [ { " + "q".repeat(3000) + "\",\"n\":[[{\"x\":\"]\"}]," + "1,".repeat(900)
                + "2]}";
        String text = "[\n {\"id\":1},\n " + big + " ,\n {\"id\":3}, \"" + "w".repeat(2000) + "\", {\"id\":5}, [" + "0,".repeat(800)
                + "0] ]";

        List<SourceRow> rows = readAll(Readers.open(new ByteArrayInputStream(utf8(text)), SourceFormat.JSON,
                Dialect.DEFAULT, new RecordLimit(1024)));

        assertThat(rows).hasSize(6);
        assertJson(rows.get(0), 1, "{\"id\":1}");
        assertMalformed(rows.get(1), 2, "is longer than 1 KB (--max-record-bytes)");
        assertJson(rows.get(2), 3, "{\"id\":3}");
        assertMalformed(rows.get(3), 4, "is longer than 1 KB (--max-record-bytes)");
        assertJson(rows.get(4), 5, "{\"id\":5}");
        assertMalformed(rows.get(5), 6, "is longer than 1 KB (--max-record-bytes)");
    }

    @Test
    void content_after_an_array_whose_last_element_was_too_long_is_still_refused() throws IOException {
        String text = "[{\"s\":\"" + "q".repeat(3000) + "\"}] {}";
        RowReader reader = Readers.open(new ByteArrayInputStream(utf8(text)), SourceFormat.JSON, Dialect.DEFAULT,
                new RecordLimit(1024));

        assertThat(reader.next()).isInstanceOf(SourceRow.Malformed.class);
        assertThatThrownBy(reader::next).isInstanceOf(UnreadableSourceException.class)
                .hasMessageStartingWith("unexpected content after the JSON array");
        reader.close();
    }
}
