package dev.sluice.http;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.client.ImportJob;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static dev.sluice.http.ApiAssertions.assertCounts;
import static dev.sluice.http.ApiAssertions.assertError;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * xlsx workbooks written by openpyxl and XlsxWriter (src/test/resources/xlsx/make_fixtures.py) imported
 * over HTTP: the first sheet or one named, dates from cell styles, text with leading zeros kept, formulas
 * as their cached values, a spreadsheet error as a failed cell; inference reads them too (docs/concepts.md,
 * "Excel files").
 */
class XlsxImportApiTest {
    static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    static final String PEOPLE = "id:integer, code:string, name:string, born:date, seen:timestamp,"
            + " score:number, count:integer, active:boolean, total:integer, note:string, spare:string";

    @RegisterExtension
    static final RunningServer server = RunningServer.sqliteOrPostgres(ServerOptions.chunkRows(100));

    static byte[] fixture(String name) {
        try {
            return Files.readAllBytes(Path.of("src/test/resources/xlsx", name));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void the_first_sheet_imports_with_typed_values_and_an_error_cell_fails_its_row_at_its_row_number() {
        server.createCollection("people", PEOPLE, "id");

        ImportJob job = server.importAndWait("people", "", XLSX, fixture("people.xlsx"));

        assertThat(job.state()).isEqualTo("completed_with_errors");
        assertThat(job.files().get(0).format()).isEqualTo("xlsx");
        assertCounts(job.counts(), 4, 0, 0, 0, 1);
        JsonNode ada = server.record("people", "1");
        assertThat(ada.get("code").asText()).isEqualTo("00123");
        assertThat(ada.get("born").asText()).isEqualTo("1815-12-10");
        assertThat(ada.get("seen").asText()).isEqualTo("2024-01-05T10:30:00Z");
        assertThat(ada.get("score").asDouble()).isEqualTo(0.1);
        assertThat(ada.get("total").asLong()).isEqualTo(6);
        assertThat(ada.get("active").asBoolean()).isTrue();
        JsonNode margaret = server.record("people", "4");
        assertThat(margaret.get("seen").asText()).isEqualTo("2000-01-01T12:00:00.250Z");
        assertThat(margaret.get("note").asText()).isEqualTo("merged across note and spare");
        assertThat(margaret.get("spare").isNull()).isTrue();
        List<JsonNode> failed = server.results(job.id(), "outcome=failed");
        assertThat(failed).hasSize(1);
        assertThat(failed.get(0).get("line").asLong()).isEqualTo(7);
        assertThat(failed.get(0).get("error").get("code").asText()).isEqualTo("cell_error");
        assertThat(failed.get(0).get("error").get("field").asText()).isEqualTo("score");
        assertThat(failed.get(0).get("error").get("message").asText())
                .isEqualTo("cell F7 holds the spreadsheet error #N/A");
    }

    @Test
    void a_sheet_named_in_the_query_is_the_one_read() {
        server.createCollection("orders", "order_id:integer, amount:decimal, placed:date", "order_id");

        ImportJob job = server.importAndWait("orders", "sheet=Orders", XLSX, fixture("people.xlsx"));

        assertCounts(job.counts(), 2, 0, 0, 0, 0);
        assertThat(server.record("orders", "10").get("placed").asText()).isEqualTo("2024-03-01");
        assertThat(server.record("orders", "11").get("amount").asText()).isEqualTo("99");
    }

    @Test
    void a_sheet_the_workbook_lacks_is_400_invalid_option_naming_its_sheets() {
        server.createCollection("nosheet", "order_id:integer", "order_id");

        RunningServer.Answer answer = server.post("/v1/collections/nosheet/import?sheet=Staff", XLSX,
                fixture("people.xlsx"));

        JsonNode error = assertError(answer, 400, "invalid_option");
        assertThat(error.get("message").asText())
                .isEqualTo("the workbook has no sheet 'Staff'; its sheets are 'People', 'Orders', 'Empty'");
        assertThat(error.get("details").get("option").asText()).isEqualTo("sheet");
        assertError(server.post("/v1/collections/nosheet/import?sheet=Orders", "text/csv", "order_id\n1\n"),
                400, "invalid_option");
    }

    @Test
    void an_empty_sheet_completes_with_no_rows() {
        server.createCollection("nothing", "id:integer", "id");

        ImportJob job = server.importAndWait("nothing", "", XLSX, fixture("empty.xlsx"));

        assertThat(job.state()).isEqualTo("completed");
        assertCounts(job.counts(), 0, 0, 0, 0, 0);
    }

    @Test
    void shared_strings_and_formulas_of_another_writer_import_as_cached() {
        server.createCollection("stock", "sku:string, label:string, qty:integer, price:decimal, value:decimal,"
                + " since:date, kind:string", "sku");

        ImportJob job = server.importAndWait("stock", "format=xlsx", "application/octet-stream",
                fixture("shared.xlsx"));

        assertCounts(job.counts(), 2, 0, 0, 0, 0);
        JsonNode nut = server.record("stock", "0999");
        assertThat(nut.get("value").asText()).isEqualTo("12.5");
        assertThat(nut.get("kind").asText()).isEqualTo("bulk");
        assertThat(nut.get("since").asText()).isEqualTo("2024-12-31");
        assertThat(server.record("stock", "A-001").get("label").asText()).isEqualTo("Bolt");
    }

    @Test
    void inference_types_date_styled_columns_as_dates_and_keeps_leading_zeros_as_text() {
        RunningServer.Answer answer = server.post("/v1/infer", XLSX, fixture("people.xlsx"));

        assertThat(answer.status()).as("%s", answer).isEqualTo(200);
        JsonNode doc = answer.json();
        assertThat(doc.get("dialect").get("format").asText()).isEqualTo("xlsx");
        assertThat(typeOf(doc, "id")).isEqualTo("integer");
        assertThat(typeOf(doc, "code")).isEqualTo("string");
        assertThat(typeOf(doc, "born")).isEqualTo("date");
        assertThat(typeOf(doc, "seen")).isEqualTo("timestamp");
        assertThat(typeOf(doc, "count")).isEqualTo("integer");
        assertThat(typeOf(doc, "active")).isEqualTo("boolean");
        assertError(server.post("/v1/infer?sheet=Staff", XLSX, fixture("people.xlsx")), 400, "invalid_option");
    }

    private static String typeOf(JsonNode inference, String column) {
        for (JsonNode c : inference.get("columns")) {
            if (c.get("source").asText().equals(column)) {
                return c.get("type").asText();
            }
        }
        throw new AssertionError("no column " + column + " in " + inference);
    }
}
