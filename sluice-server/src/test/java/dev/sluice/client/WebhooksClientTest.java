package dev.sluice.client;

import dev.sluice.Config;
import dev.sluice.Service;
import dev.sluice.store.PostgresTestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * {@link SluiceClient#webhooks()} against a real server (docs/http-api.md#webhooks): a webhook
 * created with a generated secret, listed, read with its deliveries (attempts to a port where
 * nothing listens: refused, logged, pending), and deleted.
 */
class WebhooksClientTest {
    @TempDir
    static Path dir;
    private static Service service;
    private static SluiceClient client;

    @BeforeAll
    static void start() {
        service = Service.start(Config.builder().port(0).dataDir(dir.resolve("server")).workers(1).chunkRows(100)
                .nodeId("client-webhook-test").allowUrlHosts(Set.of("127.0.0.1"))
                .webhookRetryBase(Duration.ofMillis(100)).database(PostgresTestServer.selectedByProperty()).build());
        client = SluiceClient.builder(URI.create(StartedService.baseUrl(service.port()))).build();
        Definitions.people(client, "people");
    }

    @AfterAll
    static void stop() {
        service.close();
    }

    @Test
    void a_webhook_is_created_listed_logged_and_deleted() throws Exception {
        Webhook made = client.webhooks().create("http://127.0.0.1:9/hook", List.of("job.completed"), List.of("people"),
                null);
        assertThat(made.secret()).startsWith("whsec_");
        assertThat(client.webhooks().get(made.id()).secret()).isNull();
        assertThat(client.webhooks().list(null).items()).extracting(Webhook::id).contains(made.id());

        Path file = Files.writeString(dir.resolve("people.csv"), "email,name,age\na@x.io,A,1\n");
        client.importFile("people", file, ImportRequest.defaults());
        await().atMost(Duration.ofSeconds(20)).until(() -> client.webhooks().deliveries(made.id(), null).items().stream()
                .anyMatch(d -> d.attempts().size() >= 2));
        WebhookDelivery d = client.webhooks().deliveries(made.id(), null).items().get(0);
        assertThat(d.type()).isEqualTo("job.completed");
        assertThat(d.state()).isEqualTo("pending");
        assertThat(d.nextAttemptAt()).isNotNull();
        assertThat(d.attempts().get(0).statusCode()).isNull();
        assertThat(d.attempts().get(0).error()).contains("ConnectException");

        client.webhooks().delete(made.id());
        assertThatThrownBy(() -> client.webhooks().get(made.id())).isInstanceOf(SluiceApiException.class)
                .hasMessageContaining("webhook_not_found");
    }
}
