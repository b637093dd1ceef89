package dev.sluice.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What {@code sluice keys} and {@code --api-key} send, against the contract of docs/http-api.md#api-keys.
 * The server here is a stand-in that records each request and answers the documented documents: the
 * routes behind {@code /v1/keys} live elsewhere, and this test is about the client's side of the wire
 * (method, path, the Authorization header and the JSON body), which it checks exactly.
 */
class KeysCommandTest {
    private static final String ADMIN = "a".repeat(40);
    private static final String KEY_DOC = "{\"id\": \"01900000-0000-7000-8000-000000000001\", \"name\": \"loader\","
            + " \"prefix\": \"sluice_ab12\", \"scopes\": [\"imports:write\", \"imports:read\"], \"collections\": [\"people\"],"
            + " \"created_at\": \"2026-12-01T10:00:00Z\", \"expires_at\": null, \"last_used_at\": null";

    private record Seen(String method, String path, String authorization, String contentType, String body) {
    }

    private final List<Seen> seen = new CopyOnWriteArrayList<>();
    private HttpServer stand;

    @BeforeEach
    void start() throws IOException {
        stand = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        stand.createContext("/", this::answer);
        stand.start();
    }

    @AfterEach
    void stop() {
        stand.stop(0);
    }

    private void answer(HttpExchange exchange) throws IOException {
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        seen.add(new Seen(exchange.getRequestMethod(), exchange.getRequestURI().toString(),
                exchange.getRequestHeaders().getFirst("Authorization"),
                exchange.getRequestHeaders().getFirst("Content-Type"), body));
        String method = exchange.getRequestMethod();
        String answer = method.equals("POST") ? KEY_DOC + ", \"key\": \"sluice_ab12secretsecret\"}"
                : method.equals("GET") ? "{\"keys\": [" + KEY_DOC + "}], \"next_cursor\": null}" : null;
        int status = method.equals("POST") ? 201 : method.equals("GET") ? 200 : 204;
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        byte[] bytes = answer == null ? new byte[0] : answer.getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    private String server() {
        return "http://127.0.0.1:" + stand.getAddress().getPort();
    }

    @Test
    void create_posts_the_documented_body_with_the_key_as_a_bearer_and_prints_the_secret_once() throws Exception {
        CliRun run = CliRun.of("keys", "create", "--server", server(), "--api-key", ADMIN, "--name", "loader",
                "--scope", "imports:write,imports:read", "--collection", "people", "--expires-at", "2027-01-31T00:00:00Z");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out().trim()).isEqualTo("sluice_ab12secretsecret");
        Seen post = seen.get(0);
        assertThat(post.method()).isEqualTo("POST");
        assertThat(post.path()).isEqualTo("/v1/keys");
        assertThat(post.authorization()).isEqualTo("Bearer " + ADMIN);
        assertThat(post.contentType()).isEqualTo("application/json");
        JsonNode body = new ObjectMapper().readTree(post.body());
        assertThat(body.toString()).isEqualTo("{\"name\":\"loader\",\"scopes\":[\"imports:write\",\"imports:read\"],"
                + "\"collections\":[\"people\"],\"expires_at\":\"2027-01-31T00:00:00Z\"}");
    }

    @Test
    void create_without_collections_or_expiry_asks_for_every_collection_and_no_end() throws Exception {
        CliRun run = CliRun.of("keys", "create", "--server", server(), "--api-key", ADMIN, "--name", "all",
                "--scope", "*");

        assertThat(run.exitCode()).as(run.err()).isZero();
        JsonNode body = new ObjectMapper().readTree(seen.get(0).body());
        assertThat(body.get("collections").toString()).isEqualTo("[\"*\"]");
        assertThat(body.get("expires_at").isNull()).isTrue();
    }

    @Test
    void list_gets_the_keys_and_prints_each_without_a_secret() {
        CliRun run = CliRun.of("keys", "list", "--server", server(), "--api-key", ADMIN);

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(seen.get(0).method()).isEqualTo("GET");
        assertThat(seen.get(0).path()).isEqualTo("/v1/keys");
        assertThat(seen.get(0).authorization()).isEqualTo("Bearer " + ADMIN);
        assertThat(run.out()).contains("loader").contains("sluice_ab12").contains("imports:write,imports:read")
                .contains("people").contains("never");
    }

    @Test
    void revoke_deletes_the_key_by_id() {
        CliRun run = CliRun.of("keys", "revoke", "--server", server(), "--api-key", ADMIN,
                "01900000-0000-7000-8000-000000000001");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(seen).singleElement().satisfies(s -> {
            assertThat(s.method()).isEqualTo("DELETE");
            assertThat(s.path()).isEqualTo("/v1/keys/01900000-0000-7000-8000-000000000001");
            assertThat(s.authorization()).isEqualTo("Bearer " + ADMIN);
        });
    }

    @Test
    void every_command_that_talks_to_a_server_sends_the_api_key_and_none_without_one() {
        CliRun.of("collections", "list", "--server", server(), "--api-key", ADMIN);
        CliRun.of("cancel", "--server", server(), "--api-key", ADMIN, "01900000-0000-7000-8000-000000000009");
        CliRun.of("collections", "list", "--server", server());

        assertThat(seen).hasSize(3);
        assertThat(seen.get(0).authorization()).isEqualTo("Bearer " + ADMIN);
        assertThat(seen.get(1).authorization()).isEqualTo("Bearer " + ADMIN);
        assertThat(seen.get(2).authorization()).isNull();
    }
}
