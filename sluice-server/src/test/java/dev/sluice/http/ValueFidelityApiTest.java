package dev.sluice.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import dev.sluice.client.ImportJob;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static dev.sluice.http.ApiAssertions.assertCounts;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * No value is stored differently from what the file says without the row saying so
 * (docs/concepts.md, "Fidelity"): values a field cannot hold exactly fail their row with a located
 * {@code invalid_value}, the rows around them import, and what was accepted reads back as written.
 */
class ValueFidelityApiTest {
    private static final ObjectMapper EXACT = new ObjectMapper()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .configure(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES, false);
    private static final String FIELDS = "id:integer, n:number, s:string, j:json";

    @RegisterExtension
    static final RunningServer server = RunningServer.sqliteOrPostgres(ServerOptions.chunkRows(100));

    private static List<String> failures(ImportJob job) {
        return server.results(job.id(), "outcome=failed").stream()
                .map(r -> r.get("line").asLong() + " " + r.get("error").get("field").asText(null) + ": "
                        + r.get("error").get("message").asText())
                .toList();
    }

    @Test
    void ndjson_values_a_field_cannot_hold_exactly_fail_their_row_and_the_other_rows_import()
            throws JsonProcessingException {
        server.createCollection("ndjson_fidelity", FIELDS, "id");
        String lines = """
                {"id": 1, "n": 1.5, "j": {"x": 1}}
                {"id": 2, "n": 1e-999999999}
                {"id": 3, "n": 4.9e-325}
                {"id": 4, "j": 1e999999}
                {"id": 5, "j": {"a": 1, "a": 2}}
                {"id": 6, "s": "\\ud800"}
                {"id": 7, "id": 8}
                {"id": 9, "other": 1e2147483648, "n": 4.9e-324}
                {"id": 10, "n": 1e2147483648}
                {"id": 11, "s": "\\ud83d\\ude00 ok", "j": [1.50, 1e2, 4.9e-325, "x"]}
                """;

        ImportJob job = server.importAndWait("ndjson_fidelity", "", "application/x-ndjson",
                lines.getBytes(StandardCharsets.UTF_8));

        assertThat(job.state()).isEqualTo("completed_with_errors");
        assertCounts(job.counts(), 3, 0, 0, 0, 7);
        assertThat(failures(job)).containsExactly(
                "2 n: '1e-999999999' is not a number (out of range: too close to zero for a 64-bit double,"
                        + " whose smallest is 4.9e-324)",
                "3 n: '4.9e-325' is not a number (out of range: too close to zero for a 64-bit double,"
                        + " whose smallest is 4.9e-324)",
                "4 j: holds the number '1e999999', out of range for JSON values: at most 131072 digits before"
                        + " the point and 16383 after",
                "5 j: holds the member 'a' twice: which value is meant cannot be told",
                "6 s: '\\ud800' is not a valid Unicode string: lone surrogate \\ud800 at character 1",
                "7 id: is given twice in the record: which value is meant cannot be told",
                "9 n: '1e2147483648' is not a number (out of range)");
        assertThat(server.record("ndjson_fidelity", "1").get("n").doubleValue()).isEqualTo(1.5);
        assertThat(server.record("ndjson_fidelity", "1").get("j").toString()).isEqualTo("{\"x\":1}");
        assertThat(server.record("ndjson_fidelity", "9").get("n").doubleValue()).isEqualTo(Double.MIN_VALUE);
        JsonNode eleven = server.record("ndjson_fidelity", "11");
        assertThat(eleven.get("s").asText()).isEqualTo("\uD83D\uDE00 ok");
        // read exactly: the client's tree model would make 4.9e-325 a double, 0.0
        JsonNode j = EXACT.readTree(server.get("/v1/collections/ndjson_fidelity/records?key=11").text())
                .get("records").get(0).get("j");
        assertThat(j).hasSize(4);
        assertThat(j.get(0).decimalValue()).isEqualTo(new BigDecimal("1.50"));
        assertThat(j.get(1).decimalValue()).isEqualByComparingTo("100");
        assertThat(j.get(2).decimalValue()).isEqualByComparingTo(new BigDecimal("4.9e-325"));
        assertThat(j.get(3).asText()).isEqualTo("x");
    }

    @Test
    void an_exponent_beyond_32_bits_in_a_json_array_fails_only_its_row() {
        server.createCollection("array_fidelity", FIELDS, "id");
        String array = "[{\"id\": 1}, {\"id\": 2, \"n\": 1e2147483648}, {\"id\": 3, \"unknown\": -1e-2147483649},"
                + " {\"id\": 4, \"s\": 1e2147483648}]";

        ImportJob job = server.importAndWait("array_fidelity", "", "application/json",
                array.getBytes(StandardCharsets.UTF_8));

        assertThat(job.state()).isEqualTo("completed_with_errors");
        assertCounts(job.counts(), 3, 0, 0, 0, 1);
        assertThat(failures(job)).containsExactly("2 n: '1e2147483648' is not a number (out of range)");
        assertThat(server.record("array_fidelity", "4").get("s").asText()).isEqualTo("1e2147483648");
    }

    @Test
    void a_csv_json_cell_that_cannot_be_stored_as_written_fails_its_own_line() {
        server.createCollection("csv_fidelity", FIELDS, "id");
        String csv = "id,j\n1,\"{\"\"a\"\":1}\"\n2,1e2147483648\n3,\"{\"\"a\"\":1,\"\"a\"\":2}\"\n4,\"[\"\"\\ud800\"\"]\"\n"
                + "5,1e999999\n6,\"[1.50]\"\n";

        ImportJob job = server.importCsv("csv_fidelity", "", csv);

        assertThat(job.state()).isEqualTo("completed_with_errors");
        assertCounts(job.counts(), 2, 0, 0, 0, 4);
        assertThat(failures(job)).containsExactly(
                "3 j: holds the number '1e2147483648', out of range for JSON values: at most 131072 digits before"
                        + " the point and 16383 after",
                "4 j: holds the member 'a' twice: which value is meant cannot be told",
                "5 j: '\\ud800' is not a valid Unicode string: lone surrogate \\ud800 at character 1",
                "6 j: holds the number '1e999999', out of range for JSON values: at most 131072 digits before"
                        + " the point and 16383 after");
        assertThat(server.record("csv_fidelity", "1").get("j").toString()).isEqualTo("{\"a\":1}");
        assertThat(server.record("csv_fidelity", "6").get("j").get(0).decimalValue()).isEqualByComparingTo("1.50");
    }

    @Test
    void a_broken_json_array_names_the_line_where_it_broke_in_plain_words() {
        server.createCollection("array_broken", FIELDS, "id");
        String array = "[{\"id\": 1},\n{\"id\": 2},\n{\"id\": 3, \"n\": NaN}]";

        ImportJob job = server.importAndWait("array_broken", "", "application/json",
                array.getBytes(StandardCharsets.UTF_8));

        assertThat(job.state()).isEqualTo("failed");
        assertCounts(job.counts(), 2, 0, 0, 0, 0);
        assertThat(job.error().code()).isEqualTo("unreadable_source");
        assertThat(job.error().message()).isEqualTo("upload.json line 3: the JSON array is broken at line 3,"
                + " column 19 (after element 2): NaN is not a JSON number");
    }

    @Test
    void undecodable_bytes_are_named_on_the_line_where_they_are() {
        server.createCollection("bad_bytes", FIELDS, "id");
        byte[] body = "id,s\n1,a\n2,\u00ff\n".getBytes(StandardCharsets.ISO_8859_1);

        ImportJob job = server.importAndWait("bad_bytes", "", "text/csv", body);

        assertThat(job.state()).isEqualTo("failed");
        assertThat(job.error().message()).startsWith("upload.csv line 3: the source is not valid UTF-8 at line 3 ");
    }
}
