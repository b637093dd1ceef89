package dev.sluice.http;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.client.ImportJob;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.zip.GZIPOutputStream;

import static dev.sluice.http.ApiAssertions.assertCounts;
import static org.assertj.core.api.Assertions.assertThat;

/** NDJSON uploads, JSON value conversion, and gzip bodies with and without {@code Content-Encoding}. */
class NdjsonAndGzipApiTest {
    private static final String TYPED = "id:integer, name:string, score:number, price:decimal, active:boolean,"
            + " born:date, seen:timestamp, tags:json, ref:uuid";
    private static final String LINES = """
            {"id": 1, "name": "Ada", "score": 1.5, "price": 19.90, "active": true, "born": "1990-02-03", \
            "seen": "2026-01-02T03:04:05Z", "tags": ["a", {"b": 2}], "ref": "0b7e5a3c-3f1e-4c1a-9d2b-6a5f4e3d2c1b"}
            {"id": 2, "name": 42, "active": false, "seen": "2026-01-02T03:04:05+02:00"}
            {"id": 3, "name": "broken"

            {"id": "4", "active": 0, "price": "0.10"}
            [1, 2]
            {"id": 5.5}
            {"id": 6, "born": "yesterday"}
            {"id": 7, "tags": null, "name": null}
            """;

    @RegisterExtension
    static final RunningServer server = RunningServer.sqliteOrPostgres(ServerOptions.chunkRows(100));

    static byte[] gzip(String text) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(text.getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    @Test
    void ndjson_rows_are_imported_and_broken_lines_fail_as_malformed_rows_on_their_line() {
        server.createCollection("ndjson", TYPED, "id");

        ImportJob job = server.importAndWait("ndjson", "", "application/x-ndjson",
                LINES.getBytes(StandardCharsets.UTF_8));

        assertThat(job.state()).isEqualTo("completed_with_errors");
        assertThat(job.files().get(0).format()).isEqualTo("jsonl");
        assertThat(job.files().get(0).name()).isEqualTo("upload.jsonl");
        assertCounts(job.counts(), 4, 0, 0, 0, 4);
        List<JsonNode> failed = server.results(job.id(), "outcome=failed");
        assertThat(failed).extracting(r -> r.get("line").asLong() + " " + r.get("error").get("code").asText() + " "
                        + r.get("error").get("field").asText(null))
                .containsExactly("3 malformed_row null", "6 malformed_row null", "7 invalid_value id",
                        "8 invalid_value born");
        assertThat(failed.get(0).get("error").get("message").asText()).startsWith("is not valid JSON: ");
        assertThat(failed.get(1).get("error").get("message").asText()).isEqualTo("is a JSON array, expected an object");
        assertThat(failed.get(2).get("error").get("message").asText()).isEqualTo("'5.5' is not an integer");
        assertThat(failed.get(3).get("error").get("message").asText())
                .isEqualTo("'yesterday' is not a date (expected YYYY-MM-DD)");
        assertThat(job.errorSamples().get(2)).isEqualTo("upload.jsonl line 7: id: '5.5' is not an integer");
    }

    @Test
    void json_values_are_converted_to_the_field_types_and_read_back_typed() {
        server.createCollection("typed", TYPED, "id");
        server.importAndWait("typed", "", "application/x-ndjson", LINES.getBytes(StandardCharsets.UTF_8));

        JsonNode one = server.record("typed", "1");
        JsonNode two = server.record("typed", "2");
        JsonNode four = server.record("typed", "4");
        JsonNode seven = server.record("typed", "7");

        assertThat(one.get("id").isIntegralNumber()).isTrue();
        assertThat(one.get("name").asText()).isEqualTo("Ada");
        assertThat(one.get("score").decimalValue()).isEqualByComparingTo("1.5");
        // the client's tree model strips trailing zeros, so the exact decimal is checked in the wire text
        assertThat(server.get("/v1/collections/typed/records?key=1").text()).contains("\"price\":19.90,");
        assertThat(one.get("active").isBoolean()).isTrue();
        assertThat(one.get("active").booleanValue()).isTrue();
        assertThat(one.get("born").asText()).isEqualTo("1990-02-03");
        assertThat(one.get("seen").asText()).isEqualTo("2026-01-02T03:04:05Z");
        assertThat(one.get("tags").toString()).isEqualTo("[\"a\",{\"b\":2}]");
        assertThat(one.get("ref").asText()).isEqualTo("0b7e5a3c-3f1e-4c1a-9d2b-6a5f4e3d2c1b");
        assertThat(two.get("name").asText()).isEqualTo("42");
        assertThat(two.get("active").booleanValue()).isFalse();
        assertThat(two.get("seen").asText()).isEqualTo("2026-01-02T01:04:05Z");
        assertThat(two.get("score").isNull()).isTrue();
        assertThat(four.get("active").booleanValue()).isFalse();
        assertThat(server.get("/v1/collections/typed/records?key=4").text()).contains("\"price\":0.10,");
        assertThat(seven.get("tags").isNull()).isTrue();
        assertThat(seven.get("name").isNull()).isTrue();
    }

    @Test
    void a_json_array_body_is_read_element_by_element_with_lines_as_element_numbers() {
        server.createCollection("array", "id:integer, name:string", "id");

        ImportJob job = server.importAndWait("array", "results=all", "application/json",
                "[{\"id\": 1, \"name\": \"a\"}, {\"id\": \"x\"}, {\"id\": 3}]".getBytes(StandardCharsets.UTF_8));

        assertCounts(job.counts(), 2, 0, 0, 0, 1);
        assertThat(server.results(job.id(), "")).extracting(ApiAssertions::lineAndOutcome)
                .containsExactly("1 created", "2 failed", "3 created");
    }

    @Test
    void a_gzip_body_with_content_encoding_gzip_is_decompressed() {
        server.createCollection("gz_header", "id:integer, name:string", "id");
        byte[] body = gzip("{\"id\": 1, \"name\": \"a\"}\n{\"id\": 2, \"name\": \"b\"}\n");

        RunningServer.Answer a = server.post("/v1/collections/gz_header/import?wait=true", "application/x-ndjson",
                body, "Content-Encoding", "gzip");

        assertThat(a.status()).as("%s", a).isEqualTo(200);
        ImportJob job = a.as(ImportJob.class);
        assertThat(job.state()).isEqualTo("completed");
        assertCounts(job.counts(), 2, 0, 0, 0, 0);
        assertThat(server.record("gz_header", "2").get("name").asText()).isEqualTo("b");
    }

    @Test
    void a_gzip_body_without_content_encoding_is_recognised_by_its_magic_bytes() {
        server.createCollection("gz_magic", "id:integer, name:string", "id");
        byte[] body = gzip("id,name\n1,a\n2,b\n3,c\n");

        ImportJob job = server.importAndWait("gz_magic", "", "text/csv", body);

        assertThat(job.state()).isEqualTo("completed");
        assertCounts(job.counts(), 3, 0, 0, 0, 0);
        assertThat(job.files().get(0).sizeBytes()).isEqualTo(body.length);
        assertThat(job.progress().bytesProcessed()).isEqualTo(body.length);
        assertThat(server.record("gz_magic", "3").get("name").asText()).isEqualTo("c");
    }

    @Test
    void the_format_follows_a_gz_file_name_when_the_content_type_says_nothing() {
        server.createCollection("gz_named", "id:integer, name:string", "id");
        byte[] body = gzip("{\"id\": 1, \"name\": \"a\"}\n");

        ImportJob job = server.importAndWait("gz_named", "file_name=dump.jsonl.gz", "application/octet-stream", body);

        assertThat(job.files().get(0).format()).isEqualTo("jsonl");
        assertThat(job.files().get(0).name()).isEqualTo("dump.jsonl.gz");
        assertCounts(job.counts(), 1, 0, 0, 0, 0);
    }

    @Test
    void format_in_the_query_overrides_the_content_type() {
        server.createCollection("forced", "id:integer, name:string", "id");

        ImportJob job = server.importAndWait("forced", "format=ndjson", "application/octet-stream",
                "{\"id\": 1, \"name\": \"a\"}\n".getBytes(StandardCharsets.UTF_8));

        assertThat(job.files().get(0).format()).isEqualTo("jsonl");
        assertCounts(job.counts(), 1, 0, 0, 0, 0);
    }
}
