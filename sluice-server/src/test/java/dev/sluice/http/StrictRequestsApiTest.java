package dev.sluice.http;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.client.ImportJob;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;

import static dev.sluice.http.ApiAssertions.assertError;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Requests that used to pass leniently, fail on an internal error or answer outside the error
 * shape: each is now refused with the documented status and code, naming what is wrong
 * (docs/http-api.md, "Error codes").
 */
class StrictRequestsApiTest {
    private static final String HUGE = "1e2147483648";

    @RegisterExtension
    static final RunningServer server = RunningServer.sqliteOrPostgres(ServerOptions.chunkRows(100));

    @BeforeAll
    static void start() {
        server.createCollection("strict", "id:string!, n:number, doc:json", "id");
    }

    private static RunningServer.Answer request(String members) {
        return server.postJson("/v1/imports", "{\"collection\": \"strict\", " + members + "}");
    }

    @Test
    void a_number_beyond_range_in_a_request_option_is_400_naming_the_member() {
        JsonNode maxErrors = assertError(request("\"max_errors\": " + HUGE + ", \"open\": true"), 400,
                "invalid_option");
        assertThat(maxErrors.get("details").get("option").asText()).isEqualTo("max_errors");
        assertThat(maxErrors.get("message").asText()).isEqualTo("max_errors must be a whole number, got " + HUGE);

        JsonNode expected = assertError(request("\"provenance\": {\"expected_rows\": " + HUGE + "}, \"open\": true"),
                400, "invalid_request");
        assertThat(expected.get("details").get("field").asText()).isEqualTo("provenance.expected_rows");

        JsonNode metadata = assertError(request("\"metadata\": {\"a\": [1, " + HUGE + "]}, \"open\": true"), 400,
                "invalid_request");
        assertThat(metadata.get("details").get("field").asText()).isEqualTo("metadata.a[1]");
        assertThat(metadata.get("message").asText()).startsWith("metadata.a[1] is " + HUGE + ", a number beyond");

        JsonNode maxLength = assertError(server.postJson("/v1/collections", "{\"name\": \"huge\", \"fields\":"
                + " [{\"name\": \"s\", \"type\": \"string\", \"max_length\": " + HUGE + "}], \"key\": \"s\"}"), 400,
                "invalid_collection");
        assertThat(maxLength.get("message").asText()).isEqualTo("field 's': max_length must be a whole number, got "
                + HUGE);
    }

    @Test
    void a_number_beyond_range_in_inline_records_does_not_refuse_the_request() {
        RunningServer.Answer a = request("\"records\": [{\"id\": \"r1\", \"n\": 1.5}, {\"id\": \"r2\", \"n\": " + HUGE
                + "}]");

        // the request is valid; what the number means for its row is the reader's to say, as for a file
        assertThat(a.status()).as("%s", a).isEqualTo(202);
        assertThat(server.awaitEnd(a.as(ImportJob.class).id()).isTerminal()).isTrue();
    }

    @Test
    void parser_messages_reach_the_client_in_plain_words() {
        JsonNode nan = assertError(request("\"max_errors\": NaN"), 400, "invalid_json");
        assertThat(nan.get("message").asText()).isEqualTo("the request is not valid JSON: NaN is not a JSON value"
                + " (JSON has no NaN or Infinity) at line 1, column 43");

        JsonNode deep = assertError(request("\"metadata\": " + "[".repeat(1500) + "]".repeat(1500)), 400,
                "invalid_json");
        assertThat(deep.get("message").asText()).startsWith("the request is not valid JSON: it nests arrays and"
                + " objects more than 1000 deep");

        JsonNode trailing = assertError(server.postJson("/v1/imports", "{\"collection\": \"strict\"} {}"), 400,
                "invalid_json");
        assertThat(trailing.get("message").asText()).startsWith("the request is not valid JSON: there is more after");

        for (JsonNode e : new JsonNode[]{nan, deep, trailing}) {
            assertThat(e.get("message").asText()).doesNotContain("Feature", "StreamReadConstraints", "`");
        }
    }

    @Test
    void a_record_whose_key_is_the_empty_string_reads_back_with_key_empty_or_as_an_array() {
        server.createCollection("emptykey", "k:string!, v:integer", "k");
        RunningServer.Answer a = server.postJson("/v1/imports", "{\"collection\": \"emptykey\", \"wait\": true,"
                + " \"records\": [{\"k\": \"a\", \"v\": 1}, {\"k\": \"\", \"v\": 2}, {\"k\": \"[\\\"a\\\"]\", \"v\": 3}]}");
        assertThat(a.status()).as("%s", a).isEqualTo(200);

        JsonNode bare = server.get("/v1/collections/emptykey/records?key=").json().get("records");
        assertThat(bare.size()).isEqualTo(1);
        assertThat(bare.get(0).get("v").asInt()).isEqualTo(2);
        JsonNode array = server.get("/v1/collections/emptykey/records?key=" + RunningServer.encode("[\"\"]")).json()
                .get("records");
        assertThat(array.size()).isEqualTo(1);
        assertThat(array.get(0).get("v").asInt()).isEqualTo(2);
        assertThat(server.record("emptykey", "[\"a\"]").get("v").asInt()).isEqualTo(1);
        assertThat(server.record("emptykey", "[\"[\\\"a\\\"]\"]").get("v").asInt()).isEqualTo(3);
    }

    @Test
    void a_dialect_the_reader_cannot_use_is_refused_at_submit_naming_the_option() {
        String[][] cases = {
                {"delimiter=%0A", "delimiter"},
                {"delimiter=%0D", "delimiter"},
                {"quote=%0A", "quote"},
                {"quote=,", "quote"},
                {"delimiter=%22", "delimiter"},
                {"delimiter=;&quote=;", "quote"},
                {"delimiter=ab", "delimiter"},
                {"format=tsv&delimiter=%27&quote=%27", "quote"},
                {"delimiter=", "delimiter"},
                {"quote=", "quote"},
        };
        for (String[] c : cases) {
            RunningServer.Answer a = server.post("/v1/collections/strict/import?" + c[0], "text/csv", "id\nx\n");
            assertThat(assertError(a, 400, "invalid_option").get("details").get("option").asText()).as(c[0])
                    .isEqualTo(c[1]);
        }
        assertThat(assertError(request("\"quote\": \",\", \"format\": \"csv\", \"open\": true"), 400,
                "invalid_option").get("message").asText()).isEqualTo("delimiter and quote must differ for csv;"
                + " both are ','");
        assertThat(assertError(request("\"delimiter\": \"\\n\", \"open\": true"), 400, "invalid_option")
                .get("message").asText()).isEqualTo("delimiter must be one character (or \\t) that is not a line"
                + " break, got '\\n'");
        RunningServer.Answer tsv = server.post("/v1/collections/strict/import?wait=true&format=tsv&quote=,",
                "text/tab-separated-values", "id\tn\nt1\t1\n");
        assertThat(tsv.as(ImportJob.class).counts().created()).as("%s", tsv).isEqualTo(1);
    }

    @Test
    void a_job_list_cursor_the_api_never_gave_out_is_400_invalid_option() {
        for (String cursor : new String[]{"garbage", "%00%ff", "01900000-0000-7000-8000-00000000000Z", "1-1-1-1-1"}) {
            JsonNode error = assertError(server.get("/v1/imports?cursor=" + cursor), 400, "invalid_option");
            assertThat(error.get("details").get("option").asText()).as(cursor).isEqualTo("cursor");
        }
        assertThat(server.get("/v1/imports?cursor=01900000-0000-7000-8000-000000000000").status()).isEqualTo(200);
    }

    @Test
    void a_parameter_a_route_does_not_take_says_the_route_takes_none() {
        JsonNode error = assertError(server.get("/v1/collections?limit=-1"), 400, "invalid_option");

        assertThat(error.get("message").asText()).isEqualTo("unknown parameter 'limit'; this route takes no query"
                + " parameters");
        assertThat(assertError(server.get("/v1/imports?limit=-1"), 400, "invalid_option").get("message").asText())
                .isEqualTo("limit must be between 1 and 1000, got -1");
    }

    @Test
    void a_boolean_option_sent_without_a_value_is_refused() {
        for (String query : new String[]{"wait", "wait=", "header", "strict="}) {
            RunningServer.Answer a = server.post("/v1/collections/strict/import?" + query, "text/csv", "id\nw\n");
            JsonNode error = assertError(a, 400, "invalid_option");
            assertThat(error.get("details").get("option").asText()).isEqualTo(query.replace("=", ""));
            assertThat(error.get("message").asText()).endsWith("takes true or false; it was sent without a value");
        }
    }

    @Test
    void a_log_format_other_than_text_or_json_is_refused() {
        ImportJob job = server.importCsv("strict", "", "id\nl1\n");

        assertThat(assertError(server.get("/v1/imports/" + job.id() + "/log?format=xml"), 400, "invalid_option")
                .get("details").get("option").asText()).isEqualTo("format");
        assertThat(server.get("/v1/imports/" + job.id() + "/log?format=text").status()).isEqualTo(200);
    }

    @Test
    void a_collection_definition_is_strict_about_its_members_and_its_content_type() {
        JsonNode unknown = assertError(server.postJson("/v1/collections", "{\"name\": \"c1\", \"fields\": [{\"name\":"
                + " \"a\", \"type\": \"string\"}], \"key\": \"a\", \"colour\": \"red\"}"), 400, "invalid_collection");
        assertThat(unknown.get("details").get("field").asText()).isEqualTo("colour");

        JsonNode unknownInField = assertError(server.postJson("/v1/collections", "{\"name\": \"c2\", \"fields\":"
                + " [{\"name\": \"a\", \"type\": \"string\", \"nullable\": true}], \"key\": \"a\"}"), 400,
                "invalid_collection");
        assertThat(unknownInField.get("details").get("field").asText()).isEqualTo("fields[0].nullable");

        JsonNode required = assertError(server.postJson("/v1/collections", "{\"name\": \"c3\", \"fields\":"
                + " [{\"name\": \"a\", \"type\": \"string\", \"required\": \"yes\"}], \"key\": \"a\"}"), 400,
                "invalid_collection");
        assertThat(required.get("details").get("field").asText()).isEqualTo("fields[0].required");
        assertThat(required.get("message").asText()).isEqualTo("fields[0].required must be true or false, got \"yes\"");

        JsonNode plain = assertError(server.post("/v1/collections", "text/plain", "{\"name\": \"c4\", \"fields\":"
                + " [{\"name\": \"a\", \"type\": \"string\"}], \"key\": \"a\"}"), 415, "unsupported_media_type");
        assertThat(plain.get("details").get("content_type").asText()).isEqualTo("text/plain");
        assertThat(server.get("/v1/collections/c4").status()).isEqualTo(404);
    }

    @Test
    void jetty_refusals_answer_the_json_error_shape() throws IOException {
        assertError(server.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/v1/imports"))
                .header("Idempotency-Key", "k".repeat(10_000))), 431, "request_header_too_large");
        assertError(server.get("/v1/imports?collection=" + "x".repeat(9_000)), 414, "uri_too_long");
        String raw = rawRequest("GET /v1/collections/a%00b HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
        assertThat(raw).startsWith("HTTP/1.1 400");
        assertThat(raw).contains("Content-Type: application/json");
        assertThat(raw).contains("{\"error\":{\"code\":\"bad_request\"");
    }

    @Test
    void an_idempotency_key_over_255_characters_is_400_invalid_option() {
        RunningServer.Answer a = server.post("/v1/collections/strict/import", "text/csv", "id\ni1\n", "Idempotency-Key",
                "k".repeat(256));

        assertThat(assertError(a, 400, "invalid_option").get("details").get("option").asText())
                .isEqualTo("Idempotency-Key");
    }

    /** Sends bytes as they are, for requests {@link java.net.http.HttpClient} refuses to send; answers the reply. */
    private static String rawRequest(String request) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", server.port())) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            InputStream in = socket.getInputStream();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
