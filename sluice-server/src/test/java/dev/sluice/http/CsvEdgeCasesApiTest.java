package dev.sluice.http;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.client.ImportJob;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static dev.sluice.http.ApiAssertions.assertCounts;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * RFC 4180 end to end: what a CSV file says arrives in the table, and every result names the
 * physical line where its record starts.
 */
class CsvEdgeCasesApiTest {
    @RegisterExtension
    static final RunningServer server = RunningServer.sqliteOrPostgres(ServerOptions.chunkRows(100));

    static byte[] fixture(String name) {
        try (InputStream in = CsvEdgeCasesApiTest.class.getResourceAsStream("/api/" + name)) {
            if (in == null) {
                throw new IllegalStateException("no fixture api/" + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void quoting_crlf_and_a_byte_order_mark_arrive_as_written_with_each_result_on_the_line_its_record_starts() {
        server.createCollection("rfc", "id:integer, name:string, note:string", "id");

        ImportJob job = server.importAndWait("rfc", "results=all&file_name=rfc.csv", "text/csv",
                fixture("rfc4180_crlf_bom.csv"));

        assertThat(job.state()).isEqualTo("completed_with_errors");
        assertCounts(job.counts(), 6, 0, 0, 0, 2);
        List<JsonNode> results = server.results(job.id(), "");
        assertThat(results).extracting(ApiAssertions::lineAndOutcome)
                .containsExactly("2 created", "3 created", "6 created", "7 created", "8 failed", "9 failed",
                        "10 created", "13 created");
        assertThat(job.errorSamples()).containsExactly(
                "rfc.csv line 8: id: 'five' is not an integer",
                "rfc.csv line 9: has 2 fields, but the header has 3");
        JsonNode malformed = results.get(5).get("error");
        assertThat(malformed.get("code").asText()).isEqualTo("malformed_row");
        assertThat(malformed.get("field").isNull()).isTrue();
        assertThat(malformed.get("message").asText()).isEqualTo("has 2 fields, but the header has 3");
    }

    @Test
    void the_records_hold_quoted_commas_doubled_quotes_and_quoted_newlines_exactly() {
        server.createCollection("rfc_values", "id:integer, name:string, note:string", "id");
        server.importAndWait("rfc_values", "", "text/csv", fixture("rfc4180_crlf_bom.csv"));

        List<JsonNode> records = server.records("rfc_values");

        assertThat(records).extracting(r -> r.get("id").asLong()).containsExactly(1L, 2L, 3L, 4L, 7L, 8L);
        assertThat(records.get(0).get("name").asText()).isEqualTo("Smith, Ada");
        assertThat(records.get(0).get("note").asText()).isEqualTo("she said \"hi\"");
        assertThat(records.get(1).get("name").asText()).isEqualTo("multi\r\nline\r\nname");
        assertThat(records.get(4).get("name").asText()).isEqualTo("line one\r\nline two");
        assertThat(records.get(4).get("note").asText()).isEqualTo("z");
    }

    @Test
    void an_empty_unquoted_field_is_null_and_a_quoted_empty_field_is_the_empty_string() {
        server.createCollection("nulls", "id:integer, name:string, note:string", "id");
        server.importAndWait("nulls", "", "text/csv", fixture("rfc4180_crlf_bom.csv"));

        JsonNode three = server.record("nulls", "3");
        JsonNode four = server.record("nulls", "4");
        JsonNode eight = server.record("nulls", "8");

        assertThat(three.get("name").asText()).isEqualTo("plain");
        assertThat(three.get("note").isNull()).as("3's note: %s", three).isTrue();
        assertThat(four.get("name").isTextual()).isTrue();
        assertThat(four.get("name").asText()).isEmpty();
        assertThat(four.get("note").isTextual()).isTrue();
        assertThat(four.get("note").asText()).isEmpty();
        assertThat(eight.get("note").isTextual()).isTrue();
        assertThat(eight.get("note").asText()).isEmpty();
    }

    @Test
    void lf_only_files_count_lines_the_same_way() {
        server.createCollection("lf", "id:integer, note:string", "id");

        ImportJob job = server.importCsv("lf", "results=all",
                "id,note\n1,\"a\nb\nc\"\n2,plain\nx,bad\n3,\"d\ne\"\n4,end\n");

        assertThat(server.results(job.id(), "")).extracting(ApiAssertions::lineAndOutcome)
                .containsExactly("2 created", "5 created", "6 failed", "7 created", "9 created");
        assertThat(server.record("lf", "1").get("note").asText()).isEqualTo("a\nb\nc");
    }

    @Test
    void a_required_field_given_as_an_empty_unquoted_cell_is_missing_but_as_a_quoted_empty_string_is_present() {
        server.createCollection("req", "id:integer, name:string!", "id");

        ImportJob job = server.importCsv("req", "", "id,name\n1,\n2,\"\"\n");

        assertCounts(job.counts(), 1, 0, 0, 0, 1);
        assertThat(job.errorSamples()).containsExactly("upload.csv line 2: name: is required but empty");
        assertThat(server.record("req", "2").get("name").asText()).isEmpty();
    }

    @Test
    void null_values_turn_unquoted_markers_into_null_but_leave_quoted_ones_as_text() {
        server.createCollection("markers", "id:integer, a:string, b:integer", "id");

        ImportJob job = server.importCsv("markers", "null_values=NULL,N/A", "id,a,b\n1,NULL,N/A\n2,\"NULL\",7\n");

        assertThat(job.state()).isEqualTo("completed");
        assertThat(server.record("markers", "1").get("a").isNull()).isTrue();
        assertThat(server.record("markers", "1").get("b").isNull()).isTrue();
        assertThat(server.record("markers", "2").get("a").asText()).isEqualTo("NULL");
    }

    @Test
    void tsv_is_read_by_its_content_type_with_commas_kept_inside_fields() {
        server.createCollection("tabs", "id:integer, name:string", "id");

        ImportJob job = server.importAndWait("tabs", "", "text/tab-separated-values",
                "id\tname\n1\tSmith, Ada\n2\tBob\n".getBytes(StandardCharsets.UTF_8));

        assertThat(job.files().get(0).format()).isEqualTo("tsv");
        assertThat(job.files().get(0).name()).isEqualTo("upload.tsv");
        assertCounts(job.counts(), 2, 0, 0, 0, 0);
        assertThat(server.record("tabs", "1").get("name").asText()).isEqualTo("Smith, Ada");
    }

    @Test
    void a_header_without_the_key_column_fails_every_row_as_missing_the_key() {
        server.createCollection("nokey", "id:integer, name:string", "id");

        ImportJob job = server.importCsv("nokey", "", "name\nAda\nBob\n");

        assertThat(job.state()).isEqualTo("completed_with_errors");
        assertCounts(job.counts(), 0, 0, 0, 0, 2);
        assertThat(job.errorSamples()).containsExactly(
                "upload.csv line 2: id: is required but the source has no id",
                "upload.csv line 3: id: is required but the source has no id");
    }

    @Test
    void header_false_with_columns_reads_the_first_line_as_data() {
        server.createCollection("headless", "id:integer, name:string", "id");

        ImportJob job = server.importCsv("headless", "header=false&columns=id,name&results=all", "1,Ada\n2,Bob\n");

        assertCounts(job.counts(), 2, 0, 0, 0, 0);
        assertThat(server.results(job.id(), "")).extracting(r -> r.get("line").asLong()).containsExactly(1L, 2L);
        assertThat(server.record("headless", "1").get("name").asText()).isEqualTo("Ada");
    }
}
