package dev.sluice.format;

import dev.sluice.error.SluiceException;
import dev.sluice.job.SourceFormat;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Reads workbooks written by openpyxl and XlsxWriter (src/test/resources/xlsx/make_fixtures.py). */
class XlsxRowReaderTest {

    @Test
    void the_first_sheet_reads_with_dates_from_styles_text_kept_as_text_and_formulas_as_cached_values()
            throws IOException {
        List<SourceRow> rows = read("people.xlsx", null);

        assertThat(reader("people.xlsx", null).columns()).containsExactly("id", "code", "name", "born", "seen",
                "score", "count", "active", "total", "note", "spare");
        assertThat(rows).hasSize(5);
        assertCells(rows.get(0), 2, "1", "00123", "Ada", "1815-12-10", "2024-01-05T10:30:00", "0.1", "3", "true",
                "6", null, null);
        assertCells(rows.get(1), 3, "2", "007", "Grace", "1906-12-09", "2024-02-29T23:59:59", "2.5", "1000000",
                "false", "2000000", null, null);
        assertCells(rows.get(2), 4, "3", "0", "Linus", "1969-12-28", "1970-01-01T00:00:00", "-17.25", "-4", "true", "-8",
                null, null);
    }

    @Test
    void an_empty_row_keeps_the_numbering_and_a_merged_value_is_in_its_top_left_cell_only() throws IOException {
        List<SourceRow> rows = read("people.xlsx", null);

        assertCells(rows.get(3), 6, "4", "0042", "Margaret", "1936-08-17", "2000-01-01T12:00:00.250", "0.001", "7",
                "false", "14", "merged across note and spare", null);
    }

    @Test
    void a_spreadsheet_error_is_a_problem_of_its_cell_only() throws IOException {
        SourceRow.Cells cells = (SourceRow.Cells) read("people.xlsx", null).get(4);

        assertThat(cells.line()).isEqualTo(7);
        assertThat(cells.values()[5]).isEqualTo("#N/A");
        assertThat(cells.problems()[5]).isEqualTo("cell F7 holds the spreadsheet error #N/A");
        assertThat(cells.problems()[6]).isNull();
    }

    @Test
    void a_sheet_is_chosen_by_name_whatever_its_case() throws IOException {
        RowReader reader = reader("people.xlsx", "orders");

        assertThat(reader.columns()).containsExactly("order_id", "amount", "placed");
        List<SourceRow> rows = all(reader);
        assertCells(rows.get(0), 2, "10", "12.5", "2024-03-01");
        assertCells(rows.get(1), 3, "11", "99", "2024-03-02");
    }

    @Test
    void an_empty_sheet_has_no_columns_and_no_rows() throws IOException {
        RowReader reader = reader("people.xlsx", "Empty");

        assertThat(reader.columns()).isEmpty();
        assertThat(reader.next()).isNull();
        assertThat(read("empty.xlsx", null)).isEmpty();
    }

    @Test
    void a_sheet_the_workbook_lacks_is_refused_naming_those_it_has() {
        assertThatThrownBy(() -> reader("people.xlsx", "Staff"))
                .isInstanceOf(UnreadableSourceException.class)
                .hasMessage("the workbook has no sheet 'Staff'; its sheets are 'People', 'Orders', 'Empty'");
        assertThatThrownBy(() -> XlsxRowReader.checkSheet(fixture("people.xlsx"), "Staff"))
                .isInstanceOf(SluiceException.Invalid.class)
                .hasMessage("the workbook has no sheet 'Staff'; its sheets are 'People', 'Orders', 'Empty'");
    }

    @Test
    void shared_strings_rich_text_and_string_formulas_read_as_written() throws IOException {
        List<SourceRow> rows = read("shared.xlsx", null);

        assertCells(rows.get(0), 2, "A-001", "Bolt", "10", "0.25", "2.5", "2023-06-01", "unit");
        assertCells(rows.get(1), 3, "0999", "Nut", "250", "0.05", "12.5", "2024-12-31", "bulk");
    }

    @Test
    void a_workbook_counting_from_1904_gives_the_same_dates() throws IOException {
        assertCells(read("dates1904.xlsx", null).get(0), 2, "1", "2024-01-05");
    }

    @Test
    void shared_strings_past_the_memory_bound_move_to_disk_and_read_back_the_same() throws IOException {
        try (XlsxSharedStrings strings = new XlsxSharedStrings(10)) {
            List<String> written = new ArrayList<>();
            for (int i = 0; i < 1000; i++) {
                String s = i % 7 == 0 ? "" : "text " + i + " é€😀";
                written.add(s);
                strings.add(s);
            }
            java.lang.reflect.Method finish = XlsxSharedStrings.class.getDeclaredMethod("finish");
            finish.setAccessible(true);
            finish.invoke(strings);
            assertThat(strings.spilled()).isTrue();
            for (int i = 999; i >= 0; i -= 13) {
                assertThat(strings.get(i)).isEqualTo(written.get(i));
            }
            assertThat(strings.get(1000)).isNull();
        } catch (ReflectiveOperationException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void a_part_that_inflates_past_the_bound_is_refused_as_a_zip_bomb() throws IOException {
        byte[] workbook = bytes(fixture("empty.xlsx"));
        Path bomb = Files.createTempFile("bomb", ".xlsx");
        try {
            Files.write(bomb, withSheet(workbook, "<worksheet><sheetData>" + "<row/>".repeat(4_000_000)
                    + "</sheetData></worksheet>"));
            assertThatThrownBy(() -> all(XlsxRowReader.open(bomb, Dialect.DEFAULT, RecordLimit.DEFAULT)))
                    .isInstanceOf(UnreadableSourceException.class)
                    .hasMessage("the xlsx part xl/worksheets/sheet1.xml inflates to more than 100 times its"
                            + " compressed size: refused as a zip bomb");
        } finally {
            Files.deleteIfExists(bomb);
        }
    }

    @Test
    void a_file_that_is_no_zip_is_unreadable() {
        assertThatThrownBy(() -> Readers.open(new java.io.ByteArrayInputStream("id\n1\n".getBytes(
                StandardCharsets.UTF_8)), SourceFormat.XLSX, Dialect.DEFAULT))
                .isInstanceOf(UnreadableSourceException.class)
                .hasMessageStartingWith("not an xlsx file: it is not a zip archive");
    }

    @Test
    void style_number_formats_tell_dates_times_and_numbers_apart() {
        assertThat(XlsxStyles.ofCode("yyyy-mm-dd")).isEqualTo(XlsxStyles.Kind.DATE);
        assertThat(XlsxStyles.ofCode("d mmm yyyy")).isEqualTo(XlsxStyles.Kind.DATE);
        assertThat(XlsxStyles.ofCode("m/d/yy h:mm AM/PM")).isEqualTo(XlsxStyles.Kind.TIMESTAMP);
        assertThat(XlsxStyles.ofCode("mm:ss")).isEqualTo(XlsxStyles.Kind.TIME);
        assertThat(XlsxStyles.ofCode("[h]:mm")).isEqualTo(XlsxStyles.Kind.NUMBER);
        assertThat(XlsxStyles.ofCode("#,##0.00 \"days\";[Red]-0")).isEqualTo(XlsxStyles.Kind.NUMBER);
        assertThat(XlsxStyles.ofCode("0.00E+00")).isEqualTo(XlsxStyles.Kind.NUMBER);
        assertThat(XlsxStyles.builtIn(14)).isEqualTo(XlsxStyles.Kind.DATE);
        assertThat(XlsxStyles.builtIn(22)).isEqualTo(XlsxStyles.Kind.TIMESTAMP);
    }

    @Test
    void serials_follow_excels_calendar_including_its_phantom_leap_day() throws Exception {
        assertThat(XlsxCellValues.dateTime("1", XlsxStyles.Kind.DATE, false)).isEqualTo("1900-01-01");
        assertThat(XlsxCellValues.dateTime("59", XlsxStyles.Kind.DATE, false)).isEqualTo("1900-02-28");
        assertThat(XlsxCellValues.dateTime("61", XlsxStyles.Kind.DATE, false)).isEqualTo("1900-03-01");
        assertThatThrownBy(() -> XlsxCellValues.dateTime("60", XlsxStyles.Kind.DATE, false))
                .hasMessage("holds 60, Excel's 1900-02-29, a day that does not exist");
        assertThat(XlsxCellValues.dateTime("0.75", XlsxStyles.Kind.TIME, false)).isEqualTo("18:00:00");
        assertThat(XlsxCellValues.number("0.10000000000000001")).isEqualTo("0.1");
        assertThat(XlsxCellValues.number("1E+3")).isEqualTo("1000");
        assertThat(XlsxCellValues.number("123456789012345678")).isEqualTo("123456789012345678");
    }

    private static void assertCells(SourceRow row, long line, String... values) {
        assertThat(row).isInstanceOf(SourceRow.Cells.class);
        assertThat(row.line()).isEqualTo(line);
        assertThat(((SourceRow.Cells) row).values()).containsExactly(values);
    }

    static Path fixture(String name) {
        return Path.of("src/test/resources/xlsx", name);
    }

    private static RowReader reader(String fixture, String sheet) throws IOException {
        Dialect d = Dialect.DEFAULT;
        Dialect dialect = new Dialect(d.delimiter(), d.quote(), d.header(), d.columns(), Set.of(), d.encoding(),
                d.strict(), sheet);
        InputStream in = Files.newInputStream(fixture(fixture));
        return Readers.open(in, SourceFormat.XLSX, dialect);
    }

    private static List<SourceRow> read(String fixture, String sheet) throws IOException {
        return all(reader(fixture, sheet));
    }

    private static List<SourceRow> all(RowReader reader) throws IOException {
        try (reader) {
            List<SourceRow> rows = new ArrayList<>();
            for (SourceRow row = reader.next(); row != null; row = reader.next()) {
                rows.add(row);
            }
            return rows;
        }
    }

    private static byte[] bytes(Path file) throws IOException {
        return Files.readAllBytes(file);
    }

    /** The workbook with its first sheet's XML replaced. */
    private static byte[] withSheet(byte[] workbook, String sheet) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (java.util.zip.ZipInputStream in = new java.util.zip.ZipInputStream(new java.io.ByteArrayInputStream(workbook));
             ZipOutputStream zip = new ZipOutputStream(out)) {
            for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                zip.putNextEntry(new ZipEntry(e.getName()));
                zip.write(e.getName().equals("xl/worksheets/sheet1.xml") ? sheet.getBytes(StandardCharsets.UTF_8)
                        : in.readAllBytes());
                zip.closeEntry();
            }
        }
        return out.toByteArray();
    }
}
