package dev.sluice.http;

import dev.sluice.Config;
import dev.sluice.DatabaseUrl;
import dev.sluice.Service;
import dev.sluice.client.Json;
import dev.sluice.engine.ClaimScope;
import dev.sluice.store.PostgresTestServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * docs/http-api.md#events on two nodes over one PostgreSQL: a client connected to node B follows,
 * to its {@code end}, a job that only node A runs (B claims nothing), woken by A's NOTIFY.
 */
class EventsOnTwoNodesTest {
    private final HttpClient http = HttpClient.newHttpClient();

    @TempDir
    Path dir;

    private static Config config(String url, Path data, String name) {
        return Config.builder().port(0).dataDir(data).nodeId(name).workers(1).chunkRows(100)
                .database(DatabaseUrl.parse(url)).build();
    }

    @Test
    void a_stream_on_one_node_follows_a_job_the_other_node_runs_to_its_end() throws Exception {
        String url = PostgresTestServer.freshDatabaseUrl();
        Path data = dir.resolve("shared-data");
        try (Service a = Service.start(config(url, data, "node-a"));
             Service b = Service.start(config(url, data, "node-b"), ClaimScope.none())) {
            String base = "http://127.0.0.1:" + a.port();
            http.send(HttpRequest.newBuilder(URI.create(base + "/v1/collections")).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"name\": \"people\", \"fields\": [{\"name\": \"email\","
                            + " \"type\": \"string\"}], \"key\": [\"email\"]}")).build(), HttpResponse.BodyHandlers.ofString());
            StringBuilder csv = new StringBuilder("email\n");
            for (int i = 0; i < 20_000; i++) {
                csv.append("p").append(i).append("@x.org\n");
            }
            String job = Json.mapper().readTree(http.send(HttpRequest.newBuilder(URI.create(base
                    + "/v1/collections/people/import")).header("Content-Type", "text/csv")
                    .POST(HttpRequest.BodyPublishers.ofString(csv.toString())).build(), HttpResponse.BodyHandlers.ofString())
                    .body()).get("id").asText();
            List<EventStream.Event> events;
            try (EventStream s = EventStream.open("http://127.0.0.1:" + b.port() + "/v1/imports/" + job + "/events", null)) {
                events = s.until(e -> e.name().equals("end"));
            }
            assertThat(events.get(events.size() - 1).name()).isEqualTo("end");
            assertThat(events.get(events.size() - 1).data().get("state").asText()).isEqualTo("completed");
            assertThat(events.stream().filter(e -> e.name().equals("log")).map(e -> e.data().get("message").asText()))
                    .anyMatch(m -> m.startsWith("claimed by node-a"));
        }
    }
}
