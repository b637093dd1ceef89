package dev.sluice.http;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.client.ImportJob;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static dev.sluice.http.ApiAssertions.assertAddsUp;
import static dev.sluice.http.ApiAssertions.assertCounts;
import static dev.sluice.http.ApiAssertions.assertError;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Input a database cannot hold, or a request that cannot be read, gets a clear answer on both
 * databases: a NUL (U+0000) in a key never holds a worker, a timestamp finer than microseconds is
 * refused alike everywhere, and a malformed header or parameter is a 4xx in the JSON error shape.
 */
class UnstorableInputApiTest {
    @RegisterExtension
    static final RunningServer server = RunningServer.sqliteOrPostgres(ServerOptions.chunkRows(100));

    private static List<String> results(ImportJob job) {
        RunningServer.Answer a = server.get("/v1/imports/" + job.id() + "/results?limit=100");
        assertThat(a.status()).as("results: %s", a).isEqualTo(200);
        List<String> out = new ArrayList<>();
        for (JsonNode r : a.json().get("results")) {
            JsonNode error = r.get("error");
            out.add(r.get("line").asLong() + " " + r.get("outcome").asText()
                    + (error == null || error.isNull() ? "" : " " + error.get("code").asText()));
        }
        return out;
    }

    @ParameterizedTest
    @ValueSource(strings = {"text/csv; ;; charset", "text/csv; charset=", "text/csv; charset=no-such-set",
            "text/csv; charset=\"utf-8", "; charset=utf-8"})
    void a_malformed_content_type_is_refused_naming_the_header(String contentType) {
        server.createCollection("odd_type_" + Math.abs(contentType.hashCode()), "id:integer, name:string", "id");

        RunningServer.Answer a = server.post("/v1/collections/odd_type_" + Math.abs(contentType.hashCode()) + "/import?wait=true", contentType, "id,name\n1,a\n");

        JsonNode error = assertError(a, 415, "unsupported_media_type");
        assertThat(error.get("message").asText()).startsWith("the Content-Type header '" + contentType + "' is malformed: ");
        assertThat(error.get("details").get("content_type").asText()).isEqualTo(contentType);
    }

    @Test
    void empty_content_type_parameters_are_allowed() {
        server.createCollection("empty_params", "id:integer, name:string", "id");

        ImportJob job = server.importAndWait("empty_params", "", "text/csv; ; charset=utf-8;",
                "id,name\n1,a\n".getBytes(StandardCharsets.UTF_8));

        assertCounts(job.counts(), 1, 0, 0, 0, 0);
    }

    @Test
    void a_nul_in_a_csv_key_fails_its_row_on_postgres_and_the_job_ends() {
        server.createCollection("nul_keys_csv", "id:string, name:string", "id");

        ImportJob job = server.importCsv("nul_keys_csv", "results=all",
                "id,name\na,x\nb\u0000c,y\nd,z\u0000z\ne,w\n");

        assertAddsUp(job.counts());
        if (server.onPostgres()) {
            assertThat(job.state()).isEqualTo("completed_with_errors");
            assertCounts(job.counts(), 2, 0, 0, 0, 2);
            assertThat(results(job)).containsExactly("2 created", "3 failed write_error", "4 failed write_error",
                    "5 created");
        } else {
            assertThat(job.state()).isEqualTo("completed");
            assertThat(server.record("nul_keys_csv", "b\u0000c").get("name").asText()).isEqualTo("y");
        }
        assertThat(server.record("nul_keys_csv", "e").get("name").asText()).isEqualTo("w");
    }

    @Test
    void a_nul_in_an_ndjson_key_fails_its_row_on_postgres_and_the_job_ends() {
        server.createCollection("nul_keys_json", "id:string, name:string", "id");
        byte[] body = ("{\"id\": \"a\", \"name\": \"x\"}\n{\"id\": \"b\\u0000c\", \"name\": \"y\"}\n"
                + "{\"id\": \"d\", \"name\": \"z\\u0000\"}\n{\"id\": \"e\", \"name\": \"w\"}\n").getBytes(StandardCharsets.UTF_8);

        ImportJob job = server.importAndWait("nul_keys_json", "results=all", "application/x-ndjson", body);

        assertAddsUp(job.counts());
        if (server.onPostgres()) {
            assertThat(job.state()).isEqualTo("completed_with_errors");
            assertThat(results(job)).containsExactly("1 created", "2 failed write_error", "3 failed write_error",
                    "4 created");
            assertThat(job.errorSamples()).allSatisfy(s -> assertThat(s).doesNotContain("\u0000"));
        } else {
            assertThat(job.state()).isEqualTo("completed");
            assertThat(server.record("nul_keys_json", "b\u0000c").get("name").asText()).isEqualTo("y");
        }
        assertThat(server.record("nul_keys_json", "e").get("name").asText()).isEqualTo("w");
    }

    @Test
    void a_key_with_a_nul_reads_as_no_record_instead_of_an_unavailable_database() {
        server.createCollection("nul_lookup", "id:string, name:string", "id");
        server.importCsv("nul_lookup", "", "id,name\na,x\n");

        RunningServer.Answer a = server.get("/v1/collections/nul_lookup/records?key=%00%ff");

        assertThat(a.status()).as("%s", a).isEqualTo(200);
        assertThat(a.json().get("records")).isEmpty();
    }

    @Test
    void a_timestamp_finer_than_microseconds_fails_its_row_on_both_databases() {
        server.createCollection("fine_times", "id:integer, at:timestamp", "id");

        ImportJob job = server.importCsv("fine_times", "",
                "id,at\n1,2024-01-01T00:00:00.123456789Z\n2,2024-01-01T00:00:00.123456Z\n3,2024-01-01T00:00:00.1234560Z\n");

        assertCounts(job.counts(), 2, 0, 0, 0, 1);
        assertThat(job.errorSamples()).containsExactly("upload.csv line 2: at: '2024-01-01T00:00:00.123456789Z'"
                + " has more precision than microseconds, which is what Sluice keeps");
        assertThat(server.record("fine_times", "2").get("at").asText()).isEqualTo("2024-01-01T00:00:00.123456Z");
        assertThat(server.record("fine_times", "3").get("at").asText()).isEqualTo("2024-01-01T00:00:00.123456Z");
    }

    @Test
    void a_file_name_with_a_control_character_is_an_invalid_option() {
        server.createCollection("odd_names", "id:integer, name:string", "id");

        RunningServer.Answer a = server.post("/v1/collections/odd_names/import?file_name=a%00.csv", "text/csv",
                "id,name\n1,a\n");

        JsonNode error = assertError(a, 400, "invalid_option");
        assertThat(error.get("details").get("option").asText()).isEqualTo("file_name");
    }
}
