package dev.sluice.http;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * docs/http-api.md "Webhooks": deliveries live in the database, so a server stopped between two
 * attempts of a delivery makes the next attempt once it runs again, under the same
 * {@code Sluice-Delivery}, and loses none.
 */
class WebhookRestartApiTest {
    private static final String SECRET = "a-receiver-secret-0123456789";

    @RegisterExtension
    static final RunningServer server = RunningServer.sqliteOrPostgres(ServerOptions.chunkRows(100)
            .allowUrlHosts(Set.of("127.0.0.1")).with(b -> b.webhookRetryBase(Duration.ofSeconds(5))));

    @Test
    void a_restart_between_two_attempts_loses_no_delivery() throws Exception {
        try (WebhookReceiver receiver = new WebhookReceiver(n -> 503)) {
            server.createCollection("wh_restart", "email:string", "email");
            String hook = server.postJson("/v1/webhooks", WebhooksApiTest.webhook(receiver.url(),
                    "[\"job.started\", \"job.completed\"]", "wh_restart", SECRET)).json().get("id").asText();
            String job = server.importCsv("wh_restart", "", "email\na@x.org\n").id();
            await().atMost(Duration.ofSeconds(20)).until(() -> receiver.received().size() >= 2);

            server.restart();
            receiver.answerAlways(200);
            await().atMost(Duration.ofSeconds(30)).until(() -> receiver.received().size() >= 4);
            Thread.sleep(500);

            assertThat(receiver.received()).hasSize(4).allMatch(r -> r.signedWith(SECRET));
            assertThat(receiver.received().stream().map(WebhookReceiver.Received::delivery).distinct())
                    .as("two deliveries, each tried twice").hasSize(2);
            JsonNode deliveries = server.get("/v1/webhooks/" + hook + "/deliveries").json().get("deliveries");
            assertThat(deliveries).hasSize(2);
            for (JsonNode d : deliveries) {
                assertThat(d.get("job_id").asText()).isEqualTo(job);
                assertThat(d.get("state").asText()).isEqualTo("delivered");
                assertThat(d.get("attempts").findValuesAsText("status_code")).containsExactly("503", "200");
            }
        }
    }
}
