package dev.sluice.http;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.client.ImportJob;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static dev.sluice.http.ApiAssertions.assertCounts;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Failed rows that can really be fixed and sent again (docs/http-api.md#per-row-results): a
 * {@code malformed_row} keeps the record as written in {@code raw} and in the failed-rows CSV's
 * {@code _raw}; a job of several files names each failed row's file in {@code _file}, and a retry
 * with that CSV fixed reports each row under its original file and line.
 */
class FixableRowsApiTest {
    @RegisterExtension
    static final RunningServer server = RunningServer.sqliteOrPostgres(ServerOptions.chunkRows(100));

    /** The failed results of a job as {@code line code raw}, raw in brackets. */
    private static List<String> failed(ImportJob job) {
        return server.results(job.id(), "outcome=failed").stream()
                .map(r -> r.get("line").asLong() + " " + r.get("error").get("code").asText() + " ["
                        + (r.get("raw").isNull() ? "null" : r.get("raw").asText()) + "]").toList();
    }

    /** A job of two files: a.csv with a ragged row, b.csv with an id that is not a number. */
    private static ImportJob twoFiles(String collection) {
        server.createCollection(collection, "id:integer, name:string", "id");
        Multipart form = new Multipart().request("{\"collection\": \"" + collection + "\"}")
                .file("a.csv", "text/csv", "id,name\n1,a\n2,b,extra\n")
                .file("b.csv", "text/csv", "id,name\nx,bee\n4,d\n");
        RunningServer.Answer created = server.post("/v1/imports", form.contentType(), form.bytes());
        assertThat(created.status()).as("%s", created).isEqualTo(202);
        return server.awaitEnd(created.as(ImportJob.class).id());
    }

    @Test
    void a_ragged_csv_row_keeps_its_physical_lines_as_written_and_other_rows_keep_no_raw_text() {
        server.createCollection("ragged_raw", "id:integer, name:string", "id");

        ImportJob job = server.importCsv("ragged_raw", "results=all",
                "id,name\r\n1,a\r\n2,b,extra\r\n3,\"line one\r\nline two\",x\r\n4,d\r\nz,e\r\n");

        assertCounts(job.counts(), 2, 0, 0, 0, 3);
        assertThat(failed(job)).containsExactly("3 malformed_row [2,b,extra]",
                "4 malformed_row [3,\"line one\r\nline two\",x]", "7 invalid_value [null]");
        assertThat(server.results(job.id(), "outcome=created")).hasSize(2)
                .allSatisfy(r -> assertThat(r.get("raw").isNull()).isTrue());
    }

    @Test
    void a_quote_never_closed_keeps_every_line_from_its_record_to_the_end_of_the_file() {
        server.createCollection("open_quote_raw", "id:integer, name:string", "id");

        ImportJob job = server.importCsv("open_quote_raw", "", "id,name\n1,a\n2,\"open\nstill open\n\nlast,line\n");

        assertCounts(job.counts(), 1, 0, 0, 0, 1);
        assertThat(failed(job)).containsExactly("3 malformed_row [2,\"open\nstill open\n\nlast,line\n]");
    }

    @Test
    void a_broken_ndjson_line_keeps_the_line_and_a_bad_value_keeps_no_raw_text() {
        server.createCollection("ndjson_raw", "id:integer, name:string", "id");

        ImportJob job = server.importAndWait("ndjson_raw", "", "application/x-ndjson",
                "{\"id\": 1, \"name\": \"a\"}\n{\"id\": 2, \"name\": \n[3]\n{\"id\": \"x\"}\n"
                        .getBytes(StandardCharsets.UTF_8));

        assertThat(failed(job)).containsExactly("2 malformed_row [{\"id\": 2, \"name\": ]", "3 malformed_row [[3]]",
                "4 invalid_value [null]");
    }

    @Test
    void the_failed_rows_csv_of_a_job_of_two_files_names_each_rows_file_and_keeps_a_malformed_row_as_written() {
        ImportJob job = twoFiles("two_files_raw");

        String csv = server.get(job.links().failedRows()).text();

        assertThat(csv).isEqualTo("""
                id,name,_file,_line,_error_code,_error_field,_error_message,_raw
                2,b,a.csv,3,malformed_row,,"has 3 fields, but the header has 2","2,b,extra"
                x,bee,b.csv,2,invalid_value,id,'x' is not an integer,
                """);
        assertThat(server.get(job.links().failedRows() + "&file=b.csv").text()).isEqualTo("""
                id,name,_file,_line,_error_code,_error_field,_error_message,_raw
                x,bee,b.csv,2,invalid_value,id,'x' is not an integer,
                """);
    }

    @Test
    void a_retry_with_the_fixed_failed_rows_csv_keeps_each_rows_original_file_and_line() {
        ImportJob parent = twoFiles("two_files_retry");
        String failedRows = server.get(parent.links().failedRows()).text();
        String fixed = failedRows.replace("x,bee,b.csv", "3,bee,b.csv");

        RunningServer.Answer a = server.post("/v1/imports/" + parent.id() + "/retry?strict=true&results=all&wait=true",
                "text/csv", fixed);

        assertThat(a.status()).as("%s", a).isEqualTo(200);
        ImportJob child = a.as(ImportJob.class);
        assertCounts(child.counts(), 2, 0, 0, 0, 0);
        assertThat(server.results(child.id(), "")).extracting(FixableRowsApiTest::fileLineOutcome)
                .containsExactly("a.csv:3 created", "b.csv:2 created");
        assertThat(server.record("two_files_retry", "2").get("name").asText()).isEqualTo("b");
        assertThat(server.record("two_files_retry", "3").get("name").asText()).isEqualTo("bee");
    }

    @Test
    void rows_that_fail_again_in_a_fixed_file_keep_their_file_in_the_next_failed_rows_csv() {
        ImportJob parent = twoFiles("two_files_again");
        String failedRows = server.get(parent.links().failedRows()).text();

        RunningServer.Answer a = server.post("/v1/imports/" + parent.id() + "/retry?wait=true", "text/csv", failedRows);

        ImportJob child = a.as(ImportJob.class);
        assertThat(server.results(child.id(), "")).extracting(FixableRowsApiTest::fileLineOutcome)
                .containsExactly("b.csv:2 failed");
        assertThat(server.get(child.links().failedRows()).text()).isEqualTo("""
                id,name,_file,_line,_error_code,_error_field,_error_message,_raw
                x,bee,b.csv,2,invalid_value,id,'x' is not an integer,
                """);
    }

    private static String fileLineOutcome(JsonNode r) {
        return r.get("file").asText() + ":" + r.get("line").asLong() + " " + r.get("outcome").asText();
    }
}
