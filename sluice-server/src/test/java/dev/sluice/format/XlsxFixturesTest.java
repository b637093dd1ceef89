package dev.sluice.format;

import dev.sluice.job.SourceFormat;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The committed xlsx fixtures are what their script makes: it runs again here (openpyxl and XlsxWriter,
 * installed by .ci/run) into target/, and every sheet of each new workbook reads as the committed one.
 */
class XlsxFixturesTest {
    private static final Path SCRIPT = Path.of("src/test/resources/xlsx/make_fixtures.py");

    @Test
    void the_fixtures_script_writes_workbooks_that_read_as_the_committed_ones() throws Exception {
        Path out = Files.createDirectories(Path.of("target/xlsx-fixtures"));
        Files.copy(SCRIPT, out.resolve("make_fixtures.py"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        Process p = new ProcessBuilder("python3", "make_fixtures.py").directory(out.toFile()).redirectErrorStream(true)
                .start();
        String said = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as("python3 %s failed (install its writers: pip install openpyxl xlsxwriter):%n%s",
                SCRIPT, said).isZero();
        for (String name : List.of("people.xlsx", "shared.xlsx", "empty.xlsx", "dates1904.xlsx")) {
            Path committed = SCRIPT.resolveSibling(name);
            for (String sheet : XlsxRowReader.sheetNames(committed)) {
                assertThat(rows(out.resolve(name), sheet)).as("%s sheet %s", name, sheet)
                        .isEqualTo(rows(committed, sheet));
            }
        }
    }

    private static List<String> rows(Path file, String sheet) throws IOException {
        Dialect d = Dialect.DEFAULT;
        Dialect dialect = new Dialect(null, d.quote(), true, List.of(), Set.of(), d.encoding(), false, sheet);
        List<String> rows = new ArrayList<>();
        try (InputStream in = Files.newInputStream(file); RowReader reader = Readers.open(in, SourceFormat.XLSX, dialect)) {
            rows.add(reader.columns().toString());
            for (SourceRow row = reader.next(); row != null; row = reader.next()) {
                SourceRow.Cells cells = (SourceRow.Cells) row;
                rows.add(row.line() + " " + Arrays.toString(cells.values()) + " " + Arrays.toString(cells.problems()));
            }
        }
        return rows;
    }
}
