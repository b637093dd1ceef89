package dev.sluice.http;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.net.URI;
import java.net.http.HttpRequest;

import static dev.sluice.http.ApiAssertions.assertError;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Refusals: each is the right status with the body {@code {"error": {"code", "message", "details"}}}
 * and nothing else, and a refused import leaves no job behind.
 */
class ErrorAnswersApiTest {
    private static final String UNKNOWN_ID = "01900000-0000-7000-8000-000000000000";

    @RegisterExtension
    static final RunningServer server = RunningServer.sqliteOrPostgres(ServerOptions.chunkRows(100));

    @BeforeAll
    static void start() {
        server.createCollection("target", "id:integer, name:string", "id");
    }

    private static RunningServer.Answer importWith(String query) {
        return server.post("/v1/collections/target/import?" + query, "text/csv", "id,name\n1,a\n");
    }

    private static void assertNoJobs() {
        assertThat(server.get("/v1/imports?collection=target").json().get("imports").size()).isZero();
    }

    @Test
    void an_unknown_job_is_404_import_not_found_naming_it() {
        JsonNode error = assertError(server.get("/v1/imports/" + UNKNOWN_ID), 404, "import_not_found");

        assertThat(error.get("message").asText()).isEqualTo("import job '" + UNKNOWN_ID + "' does not exist");
        assertThat(error.get("details").get("id").asText()).isEqualTo(UNKNOWN_ID);
        assertError(server.get("/v1/imports/not-even-a-uuid"), 404, "import_not_found");
        assertError(server.get("/v1/imports/" + UNKNOWN_ID + "/log"), 404, "import_not_found");
    }

    @Test
    void an_import_into_an_unknown_collection_is_404_collection_not_found() {
        RunningServer.Answer a = server.post("/v1/collections/missing/import", "text/csv", "id\n1\n");

        JsonNode error = assertError(a, 404, "collection_not_found");
        assertThat(error.get("message").asText()).isEqualTo("collection 'missing' does not exist");
        assertThat(server.get("/v1/imports?collection=missing").json().get("imports").size()).isZero();
    }

    @Test
    void an_option_with_a_value_it_does_not_take_is_400_invalid_option_naming_the_option() {
        JsonNode error = assertError(importWith("on_conflict=maybe"), 400, "invalid_option");

        assertThat(error.get("details").get("option").asText()).isEqualTo("on_conflict");
        assertThat(error.get("message").asText())
                .isEqualTo("on_conflict must be one of skip, update, fail, merge, got 'maybe'");
        assertNoJobs();
    }

    @Test
    void every_import_option_names_itself_when_refused() {
        String[][] cases = {
                {"error_mode=never", "error_mode"},
                {"results=some", "results"},
                {"max_errors=-1", "max_errors"},
                {"max_errors=many", "max_errors"},
                {"wait=perhaps", "wait"},
                {"timeout=0", "timeout"},
                {"format=xml", "format"},
                {"delimiter=ab", "delimiter"},
                {"quote=%22%22", "quote"},
                {"header=false", "columns"},
                {"encoding=klingon", "encoding"},
                {"strict=sometimes", "strict"},
                {"job_type=check", "job_type"},
        };
        for (String[] c : cases) {
            JsonNode error = assertError(importWith(c[0]), 400, "invalid_option");
            assertThat(error.get("details").get("option").asText()).as(c[0]).isEqualTo(c[1]);
        }
        assertNoJobs();
    }

    @Test
    void an_unknown_query_parameter_is_400_invalid_option_naming_it() {
        JsonNode error = assertError(importWith("on_conflct=update"), 400, "invalid_option");

        assertThat(error.get("details").get("option").asText()).isEqualTo("on_conflct");
        assertThat(error.get("message").asText()).startsWith("unknown parameter 'on_conflct'; this route takes ");
        assertThat(error.get("message").asText()).contains("on_conflict");
        assertNoJobs();
    }

    @Test
    void unknown_query_parameters_are_refused_on_read_routes_too() {
        assertThat(assertError(server.get("/v1/imports?colour=red"), 400, "invalid_option")
                .get("details").get("option").asText()).isEqualTo("colour");
        assertThat(assertError(server.get("/v1/collections?page=2"), 400, "invalid_option")
                .get("details").get("option").asText()).isEqualTo("page");
        assertThat(assertError(server.get("/v1/collections/target/records?offset=5"), 400, "invalid_option")
                .get("details").get("option").asText()).isEqualTo("offset");
    }

    @Test
    void a_content_type_sluice_does_not_read_is_415_unsupported_media_type() {
        RunningServer.Answer a = server.post("/v1/collections/target/import", "text/plain", "id,name\n1,a\n");

        JsonNode error = assertError(a, 415, "unsupported_media_type");
        assertThat(error.get("details").get("content_type").asText()).isEqualTo("text/plain");
        assertNoJobs();
    }

    @Test
    void a_body_without_a_content_type_or_format_is_415_unsupported_media_type() {
        assertError(server.post("/v1/collections/target/import", null, "id,name\n1,a\n"), 415,
                "unsupported_media_type");
        assertNoJobs();
    }

    @Test
    void a_content_encoding_other_than_gzip_is_415_unsupported_media_type() {
        RunningServer.Answer a = server.post("/v1/collections/target/import", "text/csv", "id,name\n1,a\n".getBytes(),
                "Content-Encoding", "br");

        JsonNode error = assertError(a, 415, "unsupported_media_type");
        assertThat(error.get("details").get("content_encoding").asText()).isEqualTo("br");
        assertNoJobs();
    }

    @Test
    void an_unknown_route_is_a_json_404() {
        JsonNode error = assertError(server.get("/v2/everything"), 404, "not_found");

        assertThat(error.get("message").asText()).isEqualTo("no route GET /v2/everything");
        assertError(server.post("/v1/imports/" + UNKNOWN_ID + "/pause", null, new byte[0]), 404, "not_found");
    }

    @Test
    void an_unknown_route_is_a_json_404_whatever_the_client_accepts() {
        RunningServer.Answer a = server.send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + server.port() + "/v1/nothing")).header("Accept", "application/json"));

        assertError(a, 404, "not_found");
    }

    @Test
    void a_method_a_route_does_not_take_is_a_json_405() {
        RunningServer.Answer a = server.put("/v1/collections/target", "application/json", "{}");

        JsonNode error = assertError(a, 405, "method_not_allowed");
        assertThat(error.get("message").asText()).isEqualTo("PUT is not allowed on /v1/collections/target");
    }

    @Test
    void the_health_check_answers_ok() {
        RunningServer.Answer a = server.get("/health");

        assertThat(a.status()).isEqualTo(200);
        assertThat(a.json().get("status").asText()).isEqualTo("ok");
    }
}
