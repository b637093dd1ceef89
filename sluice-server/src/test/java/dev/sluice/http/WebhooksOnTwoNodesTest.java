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
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * docs/http-api.md "Webhooks" on two nodes over one PostgreSQL: both send deliveries, polling every
 * 50 ms so that they race for each one, and the receiver gets every delivery exactly once.
 */
class WebhooksOnTwoNodesTest {
    private static final int JOBS = 12;
    private final HttpClient http = HttpClient.newHttpClient();

    @TempDir
    Path dir;

    private static Config config(String url, Path data, String name) {
        return Config.builder().port(0).dataDir(data).nodeId(name).workers(2).chunkRows(100)
                .allowUrlHosts(Set.of("127.0.0.1")).webhookRetryBase(Duration.ofMillis(50))
                .database(DatabaseUrl.parse(url)).build();
    }

    private String post(int port, String path, String type, String body) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).header("Content-Type", type)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString()).body();
    }

    @Test
    void each_delivery_is_sent_by_one_node_once() throws Exception {
        String url = PostgresTestServer.freshDatabaseUrl();
        Path data = dir.resolve("shared-data");
        try (WebhookReceiver receiver = new WebhookReceiver(n -> 200);
             Service a = Service.start(config(url, data, "node-a"));
             Service b = Service.start(config(url, data, "node-b"))) {
            post(a.port(), "/v1/collections", "application/json", "{\"name\": \"people\", \"fields\": [{\"name\":"
                    + " \"email\", \"type\": \"string\"}], \"key\": [\"email\"]}");
            post(b.port(), "/v1/webhooks", "application/json", WebhooksApiTest.webhook(receiver.url(),
                    "[\"job.started\", \"job.completed\"]", "people", "a-receiver-secret-0123456789"));
            for (int i = 0; i < JOBS; i++) {
                String job = post((i % 2 == 0 ? a : b).port(), "/v1/collections/people/import", "text/csv",
                        "email\np" + i + "@x.org\n");
                assertThat(Json.mapper().readTree(job).get("id")).as(job).isNotNull();
            }
            await().atMost(Duration.ofSeconds(60)).until(() -> receiver.received().size() >= 2 * JOBS);
            Thread.sleep(1_000);
            List<WebhookReceiver.Received> got = receiver.received();
            Map<String, Long> perDelivery = got.stream().collect(Collectors.groupingBy(WebhookReceiver.Received::delivery,
                    Collectors.counting()));
            assertThat(perDelivery).as("deliveries").hasSize(2 * JOBS);
            assertThat(perDelivery.values()).as("sends per delivery").allMatch(n -> n == 1);
            assertThat(got.stream().collect(Collectors.groupingBy(WebhookReceiver.Received::event,
                    Collectors.counting()))).containsEntry("job.started", (long) JOBS)
                    .containsEntry("job.completed", (long) JOBS);
            long attempts = a.database().read(h -> h.createQuery("SELECT count(*) FROM _sluice_delivery_attempts")
                    .mapTo(Long.class).one());
            assertThat(attempts).as("attempts recorded").isEqualTo(2L * JOBS);
        }
    }
}
