package dev.sluice.http;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.net.URI;
import java.net.http.HttpRequest;

import static dev.sluice.http.ApiAssertions.assertError;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The three ways a web page could use an open Sluice on localhost through its visitor's browser
 * (docs/http-api.md#browsers), each as the page would send it, and each refused: a "simple" request
 * whose body is text or a form, a request from a foreign origin, and a request whose Host is a
 * rebound DNS name. Each of these was answered (and did its harm) before the rules existed.
 */
class BrowserAttacksApiTest {
    private static final String EVIL = "http://evil.example";

    @RegisterExtension
    static final RunningServer server = RunningServer.sqliteOrPostgres(ServerOptions.chunkRows(100));

    @BeforeAll
    static void start() {
        server.createCollection("acct", "id:integer, name:string", "id");
        server.importCsv("acct", "", "id,name\n1,alice\n");
    }

    @Test
    void a_text_plain_body_is_415_whatever_format_says_and_overwrites_nothing() {
        RunningServer.Answer a = server.post("/v1/collections/acct/import?format=csv&on_conflict=update&wait=true",
                "text/plain", "id,name\n1,mallory\n");

        assertError(a, 415, "unsupported_media_type");
        assertThat(server.record("acct", "1").get("name").asText()).isEqualTo("alice");
    }

    @Test
    void a_form_body_is_415_on_every_raw_upload_route() {
        RunningServer.Answer form = server.post("/v1/collections/acct/import?format=csv&on_conflict=update&wait=true",
                "application/x-www-form-urlencoded", "id,name\n1,mallory\n");
        RunningServer.Answer multipart = server.post("/v1/collections/acct/import?format=csv&on_conflict=update&wait=true",
                "multipart/form-data; boundary=b", "--b\r\nContent-Disposition: form-data; name=\"file\"\r\n\r\n"
                        + "id,name\n1,mallory\n\r\n--b--\r\n");

        assertError(form, 415, "unsupported_media_type");
        assertError(multipart, 415, "unsupported_media_type");
        assertThat(server.record("acct", "1").get("name").asText()).isEqualTo("alice");
    }

    @Test
    void a_collection_posted_as_text_plain_json_is_415_and_not_created() {
        RunningServer.Answer a = server.post("/v1/collections", "text/plain", "{\"name\": \"planted\", \"fields\":"
                + " [{\"name\": \"id\", \"type\": \"integer\"}], \"key\": \"id\"}");

        assertError(a, 415, "unsupported_media_type");
        assertThat(server.get("/v1/collections/planted").status()).isEqualTo(404);
    }

    @Test
    void a_job_posted_as_a_web_form_is_415() {
        // a form's text field carries no Content-Type; the documented request part is application/json
        String form = "--b\r\nContent-Disposition: form-data; name=\"request\"\r\n\r\n{\"collection\": \"acct\","
                + " \"on_conflict\": \"update\", \"records\": [{\"id\": 1, \"name\": \"mallory\"}], \"wait\": true}"
                + "\r\n--b--\r\n";

        assertError(server.post("/v1/imports", "multipart/form-data; boundary=b", form), 415, "unsupported_media_type");
        assertThat(server.record("acct", "1").get("name").asText()).isEqualTo("alice");
    }

    @Test
    void a_request_from_a_foreign_origin_is_403_forbidden_even_in_a_documented_type() {
        RunningServer.Answer write = server.post("/v1/collections/acct/import?on_conflict=update&wait=true", "text/csv",
                "id,name\n1,mallory\n", "Origin", EVIL);
        RunningServer.Answer read = server.send(HttpRequest.newBuilder(uri("/v1/collections/acct/records"))
                .header("Origin", EVIL).GET());
        RunningServer.Answer drop = server.send(HttpRequest.newBuilder(uri("/v1/collections/acct"))
                .header("Origin", EVIL).DELETE());

        assertThat(assertError(write, 403, "forbidden").get("details").get("origin").asText()).isEqualTo(EVIL);
        assertError(read, 403, "forbidden");
        assertError(drop, 403, "forbidden");
        assertThat(read.header("Access-Control-Allow-Origin")).isNull();
        assertThat(server.record("acct", "1").get("name").asText()).isEqualTo("alice");
    }

    @Test
    void a_preflight_from_a_foreign_origin_gets_no_cors_answer() {
        String answer = RawHttp.send(server.port(), "OPTIONS", "/v1/collections", "127.0.0.1:" + server.port(),
                "Origin: " + EVIL, "Access-Control-Request-Method: POST");

        assertThat(RawHttp.status(answer)).isEqualTo(403);
        assertThat(answer).doesNotContainIgnoringCase("Access-Control-Allow-Origin");
    }

    @Test
    void the_servers_own_origin_and_health_from_anywhere_are_answered() {
        RunningServer.Answer own = server.send(HttpRequest.newBuilder(uri("/v1/collections"))
                .header("Origin", "http://127.0.0.1:" + server.port()).GET());
        RunningServer.Answer health = server.send(HttpRequest.newBuilder(uri("/health")).header("Origin", EVIL).GET());

        assertThat(own.status()).isEqualTo(200);
        assertThat(health.status()).isEqualTo(200);
    }

    @Test
    void a_host_that_is_not_loopback_is_421_while_open_and_reads_nothing() {
        String rebound = RawHttp.send(server.port(), "GET", "/v1/collections/acct/records", "evil.example:" + server.port());
        String deleted = RawHttp.send(server.port(), "DELETE", "/v1/collections/acct", "evil.example");

        assertThat(RawHttp.status(rebound)).isEqualTo(421);
        assertThat(rebound).contains("misdirected_request").contains("--allowed-hosts").doesNotContain("alice");
        assertThat(RawHttp.status(deleted)).isEqualTo(421);
        assertThat(server.record("acct", "1").get("name").asText()).isEqualTo("alice");
    }

    @Test
    void every_loopback_spelling_of_the_host_is_answered() {
        for (String host : new String[]{"localhost", "localhost:" + server.port(), "127.0.0.1", "[::1]:" + server.port()}) {
            String answer = RawHttp.send(server.port(), "GET", "/v1/collections", host);
            assertThat(RawHttp.status(answer)).as(host).isEqualTo(200);
        }
    }

    private static URI uri(String path) {
        return URI.create("http://127.0.0.1:" + server.port() + path);
    }
}
