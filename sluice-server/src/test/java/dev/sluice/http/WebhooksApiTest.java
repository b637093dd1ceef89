package dev.sluice.http;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * docs/http-api.md "Webhooks" over real HTTP, with a receiver on loopback (allowed by
 * {@code --allow-url-hosts}) and a short {@code --webhook-retry-base}: signed deliveries, retried
 * under the same {@code Sluice-Delivery} until a 2xx, logged attempt by attempt; a secret generated
 * when none is given; a URL the address guard refuses is refused at creation.
 */
class WebhooksApiTest {
    private static final String SECRET = "a-receiver-secret-0123456789";

    @RegisterExtension
    static final RunningServer server = RunningServer.sqliteOrPostgres(ServerOptions.chunkRows(100)
            .allowUrlHosts(Set.of("127.0.0.1")).with(b -> b.webhookRetryBase(Duration.ofMillis(100))));

    static String webhook(String url, String events, String collection, String secret) {
        return "{\"url\": \"" + url + "\", \"events\": " + events + ", \"collections\": [\"" + collection + "\"]"
                + (secret == null ? "" : ", \"secret\": \"" + secret + "\"") + "}";
    }

    @Test
    void a_receiver_answering_500_twice_gets_the_third_attempt_signed_under_the_same_delivery_id() throws Exception {
        try (WebhookReceiver receiver = new WebhookReceiver(n -> n < 2 ? 500 : 200)) {
            server.createCollection("wh_retry", "email:string", "email");
            RunningServer.Answer created = server.postJson("/v1/webhooks", webhook(receiver.url(),
                    "[\"job.completed\"]", "wh_retry", SECRET));
            assertThat(created.status()).as("%s", created).isEqualTo(201);
            assertThat(created.json().get("secret").asText()).isEqualTo(SECRET);
            String hook = created.json().get("id").asText();
            String job = server.importCsv("wh_retry", "", "email\na@x.org\nb@x.org\n").id();

            await().atMost(Duration.ofSeconds(30)).until(() -> receiver.received().size() >= 3);
            List<WebhookReceiver.Received> got = receiver.received();
            assertThat(got).hasSize(3);
            assertThat(got).allSatisfy(r -> {
                assertThat(r.signedWith(SECRET)).as("signature of %s", r.signature()).isTrue();
                assertThat(r.signedWith("another-secret-0123456789")).isFalse();
                assertThat(r.event()).isEqualTo("job.completed");
                assertThat(Math.abs(r.signedAt() - Instant.now().getEpochSecond())).isLessThan(60);
            });
            assertThat(got.stream().map(WebhookReceiver.Received::delivery).distinct()).hasSize(1);
            assertThat(got.stream().map(WebhookReceiver.Received::body).distinct()).as("the same body each time").hasSize(1);
            JsonNode body = RunningServer.JSON.readTree(got.get(2).body());
            assertThat(body.get("id").asText()).isEqualTo(got.get(2).delivery());
            assertThat(body.get("type").asText()).isEqualTo("job.completed");
            assertThat(body.get("created_at").asText()).isNotEmpty();
            assertThat(body.get("data").get("id").asText()).isEqualTo(job);
            assertThat(body.get("data").get("state").asText()).isEqualTo("completed");
            assertThat(body.get("data").get("counts").get("created").asLong()).isEqualTo(2);

            await().atMost(Duration.ofSeconds(10)).until(() -> server.get("/v1/webhooks/" + hook + "/deliveries").json()
                    .get("deliveries").get(0).get("state").asText().equals("delivered"));
            JsonNode delivery = server.get("/v1/webhooks/" + hook + "/deliveries").json().get("deliveries").get(0);
            assertThat(delivery.get("id").asText()).isEqualTo(got.get(0).delivery());
            assertThat(delivery.get("job_id").asText()).isEqualTo(job);
            JsonNode attempts = delivery.get("attempts");
            assertThat(attempts).hasSize(3);
            assertThat(attempts.get(0).get("status_code").asInt()).isEqualTo(500);
            assertThat(attempts.get(0).get("error").asText()).isEqualTo("answered 500");
            assertThat(attempts.get(1).get("status_code").asInt()).isEqualTo(500);
            assertThat(attempts.get(2).get("status_code").asInt()).isEqualTo(200);
            assertThat(attempts.get(2).get("error").isNull()).isTrue();
            assertThat(attempts.get(2).get("duration_ms").asLong()).isGreaterThanOrEqualTo(0);
            String metrics = server.get("/metrics").text();
            assertThat(metrics).containsPattern("sluice_webhook_deliveries_total\\{outcome=\"retried\"} [2-9]")
                    .containsPattern("sluice_webhook_deliveries_total\\{outcome=\"delivered\"} [1-9]")
                    .containsPattern("sluice_webhook_delivery_seconds_count [3-9]");
        }
    }

    @Test
    void only_the_events_and_collections_a_webhook_names_are_sent() throws Exception {
        try (WebhookReceiver receiver = new WebhookReceiver(n -> 204)) {
            server.createCollection("wh_heard", "email:string, age:integer", "email");
            server.createCollection("wh_other", "email:string", "email");
            assertThat(server.postJson("/v1/webhooks", webhook(receiver.url(), "[\"job.started\","
                    + " \"job.completed_with_errors\"]", "wh_heard", SECRET)).status()).isEqualTo(201);
            server.importCsv("wh_other", "", "email\na@x.org\n");
            String job = server.importCsv("wh_heard", "", "email,age\na@x.org,1\nb@x.org,x\n").id();
            await().atMost(Duration.ofSeconds(20)).until(() -> receiver.received().size() >= 2);
            Thread.sleep(500);
            assertThat(receiver.received()).extracting(WebhookReceiver.Received::event)
                    .containsExactlyInAnyOrder("job.started", "job.completed_with_errors");
            for (WebhookReceiver.Received r : receiver.received()) {
                assertThat(RunningServer.JSON.readTree(r.body()).get("data").get("id").asText()).isEqualTo(job);
            }
        }
    }

    @Test
    void a_webhook_without_a_secret_gets_one_generated_and_shown_only_once() {
        server.createCollection("wh_secret", "email:string", "email");
        RunningServer.Answer created = server.postJson("/v1/webhooks", webhook("http://127.0.0.1:9/x",
                "[\"job.failed\"]", "wh_secret", null));
        assertThat(created.status()).as("%s", created).isEqualTo(201);
        assertThat(created.json().get("secret").asText()).startsWith("whsec_").hasSizeGreaterThan(40);
        String id = created.json().get("id").asText();
        JsonNode shown = server.get("/v1/webhooks/" + id).json();
        assertThat(shown.has("secret")).isFalse();
        assertThat(shown.get("url").asText()).isEqualTo("http://127.0.0.1:9/x");
        assertThat(server.get("/v1/webhooks").json().get("webhooks").findValuesAsText("id")).contains(id);
        assertThat(server.delete("/v1/webhooks/" + id).status()).isEqualTo(204);
        RunningServer.Answer gone = server.get("/v1/webhooks/" + id);
        assertThat(gone.status()).isEqualTo(404);
        assertThat(gone.json().get("error").get("code").asText()).isEqualTo("webhook_not_found");
    }

    @Test
    void a_webhook_to_an_address_the_guard_refuses_is_refused_at_creation() {
        for (String url : List.of("http://10.1.2.3/hook", "http://169.254.169.254/latest", "http://[::1]:8080/x",
                "http://localhost:9/x")) {
            RunningServer.Answer refused = server.postJson("/v1/webhooks", webhook(url, "[\"job.failed\"]", "*", null));
            assertThat(refused.status()).as("%s: %s", url, refused).isEqualTo(400);
            assertThat(refused.json().get("error").get("code").asText()).as(url).isEqualTo("source_forbidden");
        }
        RunningServer.Answer notHttp = server.postJson("/v1/webhooks", webhook("ftp://example.org/x",
                "[\"job.failed\"]", "*", null));
        assertThat(notHttp.status()).isEqualTo(400);
        RunningServer.Answer badEvent = server.postJson("/v1/webhooks", webhook("http://127.0.0.1:9/x",
                "[\"job.exploded\"]", "*", null));
        assertThat(badEvent.status()).isEqualTo(400);
        assertThat(badEvent.json().get("error").get("details").get("field").asText()).isEqualTo("events");
        assertThat(server.rowsOf("_sluice_webhooks")).as("nothing stored by a refusal")
                .isEqualTo(server.get("/v1/webhooks?limit=1000").json().get("webhooks").size());
    }

    @Test
    void a_notify_url_on_a_server_without_a_webhook_secret_is_refused_with_a_clear_400() {
        server.createCollection("wh_nosecret", "email:string", "email");
        RunningServer.Answer refused = server.post("/v1/collections/wh_nosecret/import?notify_url="
                + RunningServer.encode("http://127.0.0.1:9/x"), "text/csv", "email\na@x.org\n");
        assertThat(refused.status()).as("%s", refused).isEqualTo(400);
        assertThat(refused.json().get("error").get("code").asText()).isEqualTo("invalid_option");
        assertThat(refused.json().get("error").get("details").get("option").asText()).isEqualTo("notify_url");
        assertThat(refused.json().get("error").get("message").asText()).contains("--webhook-secret");
    }
}
