package dev.sluice.format;

import dev.sluice.job.SourceFormat;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;

import static dev.sluice.format.Sources.assertCells;
import static dev.sluice.format.Sources.assertMalformed;
import static dev.sluice.format.Sources.dialect;
import static dev.sluice.format.Sources.open;
import static dev.sluice.format.Sources.readAll;
import static dev.sluice.format.Sources.utf8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CsvRowReaderTest {

    @Test
    void quoted_delimiters_doubled_quotes_and_quoted_newlines_are_read_with_the_line_where_each_record_starts()
            throws IOException {
        RowReader reader = open("csv/quoting.csv", SourceFormat.CSV);

        assertThat(reader.columns()).containsExactly("id", "name", "note");
        List<SourceRow> rows = readAll(reader);
        assertThat(rows).hasSize(5);
        assertCells(rows.get(0), 2, "1", "Smith, Ada", "she said \"hi\"");
        assertCells(rows.get(1), 3, "2", "multi\nline\nname", "x");
        assertCells(rows.get(2), 6, "3", "plain", null);
        assertCells(rows.get(3), 7, "4", "", "");
        assertCells(rows.get(4), 8, "5", " padded ", "a \"quoted\", comma, and\ttab");
    }

    @Test
    void quoted_empty_field_is_empty_string_and_unquoted_is_null() throws IOException {
        List<SourceRow> rows = readAll(open(utf8("a,b,c\n,\"\",x\n"), SourceFormat.CSV, Dialect.DEFAULT));

        assertThat(rows).hasSize(1);
        assertCells(rows.get(0), 2, null, "", "x");
    }

    @Test
    void crlf_line_endings_and_a_byte_order_mark_are_handled() throws IOException {
        RowReader reader = open("csv/crlf_bom.csv", SourceFormat.CSV);

        assertThat(reader.columns()).containsExactly("id", "name");
        List<SourceRow> rows = readAll(reader);
        assertThat(rows).hasSize(3);
        assertCells(rows.get(0), 2, "1", "Ada");
        assertCells(rows.get(1), 3, "2", "Grace\r\nHopper");
        assertCells(rows.get(2), 5, "3", "Linus");
    }

    @Test
    void a_record_with_the_wrong_number_of_fields_is_malformed_and_the_next_ones_are_still_read() throws IOException {
        List<SourceRow> rows = readAll(open("csv/field_count.csv", SourceFormat.CSV));

        assertThat(rows).hasSize(5);
        assertCells(rows.get(0), 2, "1", "2", "3");
        assertMalformed(rows.get(1), 3, "has 4 fields, but the header has 3", "1", "2", "3", "4");
        assertMalformed(rows.get(2), 4, "has 2 fields, but the header has 3", "1", "2");
        assertCells(rows.get(3), 7, "7", "8", "9");
        assertMalformed(rows.get(4), 8, "has 1 field, but the header has 3", "x");
    }

    @Test
    void malformed_rows_keep_the_fields_as_found_even_those_that_would_be_null() throws IOException {
        Dialect dialect = dialect(true, List.of(), Set.of("NULL"));

        List<SourceRow> rows = readAll(open(utf8("a,b\n,NULL,\"\"\n"), SourceFormat.CSV, dialect));

        assertThat(rows).hasSize(1);
        assertMalformed(rows.get(0), 2, "has 3 fields, but the header has 2", "", "NULL", "");
    }

    @Test
    void tsv_uses_tabs_and_keeps_commas_inside_fields() throws IOException {
        RowReader reader = open("csv/people.tsv", SourceFormat.TSV);

        assertThat(reader.columns()).containsExactly("id", "name", "city");
        List<SourceRow> rows = readAll(reader);
        assertThat(rows).hasSize(3);
        assertCells(rows.get(0), 2, "1", "Ada Lovelace", "London, UK");
        assertCells(rows.get(1), 3, "2", "Tab\there", null);
        assertCells(rows.get(2), 4, "3", "", "Paris");
    }

    @Test
    void a_delimiter_option_overrides_the_format_default() throws IOException {
        Dialect semicolons = new Dialect(';', '\'', true, List.of(), Set.of(), StandardCharsets.UTF_8, false);

        List<SourceRow> rows = readAll(open(utf8("a;b\n'x;y';'it''s'\n"), SourceFormat.CSV, semicolons));

        assertThat(rows).hasSize(1);
        assertCells(rows.get(0), 2, "x;y", "it's");
    }

    @Test
    void unquoted_cells_equal_to_a_null_value_are_null_but_quoted_ones_are_text() throws IOException {
        Dialect dialect = dialect(true, List.of(), Set.of("NULL", "N/A"));

        List<SourceRow> rows = readAll(Readers.open(Sources.fixture("csv/null_values.csv"), SourceFormat.CSV, dialect));

        assertThat(rows).hasSize(6);
        assertCells(rows.get(0), 2, "1", null);
        assertCells(rows.get(1), 3, "2", "NULL");
        assertCells(rows.get(2), 4, "3", null);
        assertCells(rows.get(3), 5, "4", null);
        assertCells(rows.get(4), 6, "5", " NULL");
        assertCells(rows.get(5), 7, "6", "null");
    }

    @Test
    void header_false_takes_the_column_names_from_the_columns_option_and_reads_the_first_line_as_data()
            throws IOException {
        Dialect dialect = dialect(false, List.of("id", "name"), Set.of());

        RowReader reader = Readers.open(Sources.fixture("csv/no_header.csv"), SourceFormat.CSV, dialect);

        assertThat(reader.columns()).containsExactly("id", "name");
        List<SourceRow> rows = readAll(reader);
        assertThat(rows).hasSize(2);
        assertCells(rows.get(0), 1, "1", "Ada");
        assertCells(rows.get(1), 2, "2", "Grace");
    }

    @Test
    void header_false_without_columns_is_refused() {
        Dialect dialect = dialect(false, List.of(), Set.of());

        assertThatThrownBy(() -> Readers.open(Sources.fixture("csv/no_header.csv"), SourceFormat.CSV, dialect))
                .isInstanceOf(UnreadableSourceException.class)
                .hasMessage("header=false needs columns: name the columns with the columns option");
    }

    @Test
    void columns_option_with_a_header_skips_the_header_row_and_names_the_columns() throws IOException {
        Dialect dialect = dialect(true, List.of("key", "label", "extra"), Set.of());

        RowReader reader = Readers.open(Sources.fixture("csv/no_header.csv"), SourceFormat.CSV, dialect);

        assertThat(reader.columns()).containsExactly("key", "label", "extra");
        List<SourceRow> rows = readAll(reader);
        assertThat(rows).hasSize(1);
        assertMalformed(rows.get(0), 2, "has 2 fields, but 3 columns were named", "2", "Grace");
    }

    @Test
    void column_names_are_trimmed() throws IOException {
        RowReader reader = open("csv/header_only.csv", SourceFormat.CSV);

        assertThat(reader.columns()).containsExactly("id", "name");
        assertThat(readAll(reader)).isEmpty();
    }

    @Test
    void a_blank_column_name_is_refused_with_its_position() {
        assertThatThrownBy(() -> open("csv/blank_column_name.csv", SourceFormat.CSV))
                .isInstanceOf(UnreadableSourceException.class)
                .hasMessage("the header has a blank column name (column 2)");
    }

    @Test
    void a_repeated_column_name_is_refused_naming_it() {
        assertThatThrownBy(() -> open("csv/duplicate_column_name.csv", SourceFormat.CSV))
                .isInstanceOf(UnreadableSourceException.class)
                .hasMessage("the header names column 'id' twice (columns 1 and 3)");
    }

    @Test
    void a_repeated_name_in_the_columns_option_is_refused() {
        Dialect dialect = dialect(false, List.of("id", "id"), Set.of());

        assertThatThrownBy(() -> open(utf8("1,2\n"), SourceFormat.CSV, dialect))
                .isInstanceOf(UnreadableSourceException.class)
                .hasMessage("the columns option names column 'id' twice (columns 1 and 2)");
    }

    @Test
    void an_empty_source_is_a_reader_without_columns_or_rows() throws IOException {
        RowReader reader = open(new byte[0], SourceFormat.CSV, Dialect.DEFAULT);

        assertThat(reader.columns()).isEmpty();
        assertThat(readAll(reader)).isEmpty();
    }

    @Test
    void a_source_of_only_blank_lines_and_a_bom_is_empty_too() throws IOException {
        RowReader reader = open(utf8("\uFEFF\n\r\n\n"), SourceFormat.CSV, Dialect.DEFAULT);

        assertThat(reader.columns()).isEmpty();
        assertThat(readAll(reader)).isEmpty();
    }

    @Test
    void an_unterminated_quote_fails_its_record_at_the_line_where_the_quote_opened() throws IOException {
        List<SourceRow> rows = readAll(open("csv/unclosed_quote.csv", SourceFormat.CSV));

        assertThat(rows).hasSize(2);
        assertCells(rows.get(0), 2, "1", "2");
        assertMalformed(rows.get(1), 3, "is broken: the quote opened on line 3 is never closed", "3", "open\n4,5\n");
    }

    @Test
    void the_rows_an_unterminated_quote_swallows_are_not_imported_silently() throws IOException {
        StringBuilder csv = new StringBuilder("a,b\nb,\"abc\n");
        for (int i = 0; i < 1000; i++) {
            csv.append(i).append(",row ").append(i).append('\n');
        }

        List<SourceRow> rows = readAll(open(utf8(csv.toString()), SourceFormat.CSV, Dialect.DEFAULT));

        assertThat(rows).hasSize(1);
        assertThat(rows.get(0)).isInstanceOf(SourceRow.Malformed.class);
        assertThat(rows.get(0).line()).isEqualTo(2);
        assertThat(((SourceRow.Malformed) rows.get(0)).message())
                .isEqualTo("is broken: the quote opened on line 2 is never closed");
    }

    @Test
    void text_after_a_closing_quote_fails_the_record_instead_of_changing_the_value() throws IOException {
        List<SourceRow> rows = readAll(open(utf8("a,b\n\"he\"llo,1\n\"ok\",\"\"\"x\"\"\"\n"), SourceFormat.CSV,
                Dialect.DEFAULT));

        assertThat(rows).hasSize(2);
        assertMalformed(rows.get(0), 2, "has text after the closing quote of a field (a quote inside a quoted field"
                + " is written twice: \"\")", "hello", "1");
        assertCells(rows.get(1), 3, "ok", "\"x\"");
    }

    @Test
    void text_after_a_closing_quote_in_the_fixture_is_located_too() throws IOException {
        List<SourceRow> rows = readAll(open("csv/text_after_quote.csv", SourceFormat.CSV));

        assertThat(rows).hasSize(1);
        assertThat(rows.get(0)).isInstanceOf(SourceRow.Malformed.class);
        assertThat(rows.get(0).line()).isEqualTo(2);
    }

    @Test
    void a_field_longer_than_the_record_limit_fails_its_record_and_the_rows_after_it_are_read() throws IOException {
        String huge = "x".repeat(17_000_000);
        RowReader reader = open(utf8("a,b\n1,2\n3,\"" + huge + "\"\n5,6\n"), SourceFormat.CSV, Dialect.DEFAULT);

        assertCells(reader.next(), 2, "1", "2");
        SourceRow tooLong = reader.next();
        assertThat(tooLong).isInstanceOf(SourceRow.Malformed.class);
        assertThat(tooLong.line()).isEqualTo(3);
        assertThat(((SourceRow.Malformed) tooLong).message()).isEqualTo("is longer than 16 MB (--max-record-bytes)");
        assertThat(String.join("", ((SourceRow.Malformed) tooLong).raw())).hasSizeLessThan(2_000);
        assertCells(reader.next(), 4, "5", "6");
        assertThat(reader.next()).isNull();
        reader.close();
    }

    @Test
    void records_longer_than_a_small_limit_fail_wherever_they_break_it_and_lines_stay_right() throws IOException {
        String longLine = "y".repeat(3000);
        String quotedLines = "\"" + "line\n".repeat(1000) + "\"";
        String csv = "a,b\n1,2\n3," + longLine + "\n4," + quotedLines + "\n\n5,\"é\"\"\"\n6," + "ü".repeat(600) + "\n7,8";

        List<SourceRow> rows = readAll(Readers.open(new ByteArrayInputStream(utf8(csv)), SourceFormat.CSV,
                Dialect.DEFAULT, new RecordLimit(1024)));

        assertThat(rows).hasSize(6);
        assertCells(rows.get(0), 2, "1", "2");
        assertThat(rows.get(1)).isInstanceOf(SourceRow.Malformed.class);
        assertThat(rows.get(1).line()).isEqualTo(3);
        assertThat(((SourceRow.Malformed) rows.get(1)).message()).isEqualTo("is longer than 1 KB (--max-record-bytes)");
        assertThat(rows.get(2)).isInstanceOf(SourceRow.Malformed.class);
        assertThat(rows.get(2).line()).isEqualTo(4);
        assertCells(rows.get(3), 1006, "5", "é\"");
        assertThat(rows.get(4)).isInstanceOf(SourceRow.Malformed.class); // 600 two-byte characters: 1202 bytes
        assertThat(rows.get(4).line()).isEqualTo(1007);
        assertCells(rows.get(5), 1008, "7", "8");
    }

    @Test
    void a_last_record_without_a_newline_is_read() throws IOException {
        List<SourceRow> rows = readAll(open(utf8("a,b\r\n1,2\r\n3,"), SourceFormat.CSV, Dialect.DEFAULT));

        assertThat(rows).hasSize(2);
        assertCells(rows.get(0), 2, "1", "2");
        assertCells(rows.get(1), 3, "3", null);
    }

    @Test
    void a_quote_that_is_also_the_delimiter_is_refused() {
        Dialect dialect = new Dialect(',', ',', true, List.of(), Set.of(), StandardCharsets.UTF_8, false);

        assertThatThrownBy(() -> open(utf8("a,b\n"), SourceFormat.CSV, dialect))
                .isInstanceOf(UnreadableSourceException.class)
                .hasMessage("the CSV dialect is not usable:"
                        + " Control characters must differ (fieldSeparator=,, quoteCharacter=,)");
    }
}
