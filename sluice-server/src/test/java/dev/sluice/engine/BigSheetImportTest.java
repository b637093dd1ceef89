package dev.sluice.engine;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A 1,000,000-row sheet imported by a {@code sluice import} process whose heap is 512 MB
 * (docs/concepts.md, "Excel files"): every row a unique shared string, so the shared strings spill
 * to disk, and a date-styled column. The workbook is written here, streamed, the way spreadsheet
 * programs lay it out (sheet, shared strings and styles as separate parts).
 */
class BigSheetImportTest {
    private static final int ROWS = 1_000_000;
    private static final Pattern GC_PEAK = Pattern.compile("(\\d+)M->\\d+M\\(\\d+M\\)");

    @TempDir
    Path dir;

    @Test
    void a_million_row_sheet_imports_within_a_512_mb_heap() throws Exception {
        Path workbook = dir.resolve("big.xlsx");
        writeWorkbook(workbook, ROWS);
        Path gc = dir.resolve("gc.log");

        long start = System.nanoTime();
        CliProcess run = CliProcess.run(dir, "import", List.of("-Xmx512m", "-Xlog:gc:file=" + gc), 900,
                "import", workbook.toString(), "--collection", "big", "--create", "--key", "id",
                "--data-dir", dir.resolve("data").toString());
        long seconds = (System.nanoTime() - start) / 1_000_000_000L;

        assertThat(run.exitCode()).as(run.err()).isZero();
        String rows = String.format(Locale.ROOT, "%,d", ROWS);
        assertThat(run.err()).contains("completed: " + rows + " rows")
                .contains("created " + rows + ", updated 0, unchanged 0, skipped 0, failed 0")
                .contains("created collection big: id integer (key), name string, day date, amount");
        System.out.printf("xlsx %,d rows (%,d bytes): imported in %d s, peak heap before a collection %d MB of 512%n",
                ROWS, Files.size(workbook), seconds, peakHeapMb(gc));
    }

    private static long peakHeapMb(Path gcLog) throws IOException {
        Matcher m = GC_PEAK.matcher(Files.readString(gcLog));
        long peak = 0;
        while (m.find()) {
            peak = Math.max(peak, Long.parseLong(m.group(1)));
        }
        return peak;
    }

    /** A workbook of one sheet: id, name (a shared string per row), day (a date style), amount. */
    static void writeWorkbook(Path file, int rows) throws IOException {
        try (ZipOutputStream zip = new ZipOutputStream(new BufferedOutputStream(Files.newOutputStream(file), 1 << 16))) {
            part(zip, "[Content_Types].xml", """
                    <?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">\
                    <Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>\
                    <Default Extension="xml" ContentType="application/xml"/></Types>""");
            part(zip, "_rels/.rels", """
                    <?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">\
                    <Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>\
                    </Relationships>""");
            part(zip, "xl/workbook.xml", """
                    <?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" \
                    xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets>\
                    <sheet name="Data" sheetId="1" r:id="rId1"/></sheets></workbook>""");
            part(zip, "xl/_rels/workbook.xml.rels", """
                    <?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">\
                    <Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>\
                    <Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/>\
                    <Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>\
                    </Relationships>""");
            part(zip, "xl/styles.xml", """
                    <?xml version="1.0" encoding="UTF-8"?><styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">\
                    <cellXfs count="2"><xf numFmtId="0"/><xf numFmtId="14" applyNumberFormat="1"/></cellXfs></styleSheet>""");
            zip.putNextEntry(new ZipEntry("xl/worksheets/sheet1.xml"));
            Writer sheet = new OutputStreamWriter(unclosed(zip), StandardCharsets.UTF_8);
            sheet.write("<?xml version=\"1.0\" encoding=\"UTF-8\"?><worksheet xmlns=\"http://schemas.openxmlformats.org/"
                    + "spreadsheetml/2006/main\"><sheetData><row r=\"1\"><c r=\"A1\" t=\"s\"><v>0</v></c><c r=\"B1\" t=\"s\">"
                    + "<v>1</v></c><c r=\"C1\" t=\"s\"><v>2</v></c><c r=\"D1\" t=\"s\"><v>3</v></c></row>");
            for (int i = 1; i <= rows; i++) {
                int r = i + 1;
                sheet.write("<row r=\"" + r + "\"><c r=\"A" + r + "\"><v>" + i + "</v></c><c r=\"B" + r + "\" t=\"s\"><v>"
                        + (i + 3) + "</v></c><c r=\"C" + r + "\" s=\"1\"><v>" + (40_000 + i % 10_000) + "</v></c><c r=\"D"
                        + r + "\"><v>" + (i % 1000) + "." + (i % 97) + "</v></c></row>");
            }
            sheet.write("</sheetData></worksheet>");
            sheet.flush();
            zip.closeEntry();
            zip.putNextEntry(new ZipEntry("xl/sharedStrings.xml"));
            Writer strings = new OutputStreamWriter(unclosed(zip), StandardCharsets.UTF_8);
            strings.write("<?xml version=\"1.0\" encoding=\"UTF-8\"?><sst xmlns=\"http://schemas.openxmlformats.org/"
                    + "spreadsheetml/2006/main\"><si><t>id</t></si><si><t>name</t></si><si><t>day</t></si><si><t>amount</t></si>");
            for (int i = 1; i <= rows; i++) {
                strings.write("<si><t>person number " + i + " of the big sheet</t></si>");
            }
            strings.write("</sst>");
            strings.flush();
            zip.closeEntry();
        }
    }

    private static void part(ZipOutputStream zip, String name, String xml) throws IOException {
        zip.putNextEntry(new ZipEntry(name));
        zip.write(xml.getBytes(StandardCharsets.UTF_8));
        zip.closeEntry();
    }

    private static OutputStream unclosed(OutputStream out) {
        return new java.io.FilterOutputStream(out) {
            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                out.write(b, off, len);
            }

            @Override
            public void close() {
            }
        };
    }
}
