package dev.sluice.http;

import dev.sluice.Config;
import dev.sluice.DatabaseUrl;
import dev.sluice.Service;
import dev.sluice.client.Json;
import dev.sluice.store.PostgresTestServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * docs/operations.md "Admin key and API keys": two nodes on one PostgreSQL; a key revoked through
 * one node is refused by the other at its next request, within a second, because every node looks
 * keys up in the database at each request.
 */
class KeyRevocationOnTwoNodesTest {
    private final HttpClient http = HttpClient.newHttpClient();

    @TempDir
    Path dir;

    private static Service node(String url, Path data, String name) {
        return Service.start(Config.builder().port(0).dataDir(data).nodeId(name).workers(1)
                .database(DatabaseUrl.parse(url)).adminKey(Keys.ADMIN).build());
    }

    private HttpResponse<String> send(Service node, String method, String path, String body, String key) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + node.port() + path))
                .header("Authorization", "Bearer " + key)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            b.header("Content-Type", "application/json");
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void a_key_revoked_through_one_node_is_refused_by_the_other_within_a_second() throws Exception {
        String url = PostgresTestServer.freshDatabaseUrl();
        Path data = dir.resolve("shared-data");
        try (Service a = node(url, data, "node-a"); Service b = node(url, data, "node-b")) {
            var created = Json.mapper().readTree(send(a, "POST", "/v1/keys", "{\"name\": \"roaming\", \"scopes\":"
                    + " [\"imports:read\"], \"collections\": [\"*\"]}", Keys.ADMIN).body());
            String secret = created.get("key").asText();
            assertThat(send(b, "GET", "/v1/imports", null, secret).statusCode()).as("known on the other node").isEqualTo(200);

            assertThat(send(a, "DELETE", "/v1/keys/" + created.get("id").asText(), null, Keys.ADMIN).statusCode())
                    .isEqualTo(204);
            long revokedAt = System.nanoTime();
            int status = send(b, "GET", "/v1/imports", null, secret).statusCode();
            while (status != 401 && System.nanoTime() - revokedAt < Duration.ofSeconds(1).toNanos()) {
                status = send(b, "GET", "/v1/imports", null, secret).statusCode();
            }

            assertThat(status).as("the other node refuses the revoked key").isEqualTo(401);
            assertThat(Duration.ofNanos(System.nanoTime() - revokedAt)).isLessThan(Duration.ofSeconds(1));
        }
    }
}
