package dev.sluice.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code sluice import} and {@code sluice infer} on xlsx workbooks known by their extension (fixtures
 * written by openpyxl, src/test/resources/xlsx/make_fixtures.py).
 */
class XlsxCommandTest {
    @TempDir
    Path dir;

    private Path workbook(String fixture, String as) throws Exception {
        return Files.copy(Path.of("src/test/resources/xlsx", fixture), dir.resolve(as));
    }

    @Test
    void an_xlsx_file_imports_by_its_extension_and_create_infers_dates_from_its_styles() throws Exception {
        Path file = workbook("people.xlsx", "staff.xlsx");

        CliRun run = CliRun.of("import", file.toString(), "-c", "staff", "--create", "--key", "id",
                "--data-dir", dir.resolve("data").toString());

        assertThat(run.exitCode()).as(run.err()).isEqualTo(2);
        assertThat(run.err()).contains("created collection staff: id integer (key), code string, name string,"
                + " born date, seen timestamp")
                .contains("created 4, updated 0, unchanged 0, skipped 0, failed 1")
                .contains("staff.xlsx line 7: score: cell F7 holds the spreadsheet error #N/A");
    }

    @Test
    void sheet_picks_the_sheet_to_import_and_infer() throws Exception {
        Path file = workbook("people.xlsx", "book.xlsx");

        CliRun infer = CliRun.of("infer", file.toString(), "--sheet", "Orders");
        CliRun run = CliRun.of("import", file.toString(), "-c", "orders", "--create", "--key", "order_id",
                "--sheet", "Orders", "--data-dir", dir.resolve("data").toString());
        CliRun missing = CliRun.of("infer", file.toString(), "--sheet", "Staff");

        assertThat(infer.exitCode()).as(infer.err()).isZero();
        assertThat(infer.out()).contains("placed -> placed date");
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.err()).contains("created 2, updated 0");
        assertThat(missing.exitCode()).isEqualTo(1);
        assertThat(missing.err()).contains("the workbook has no sheet 'Staff'; its sheets are 'People', 'Orders', 'Empty'");
    }
}
