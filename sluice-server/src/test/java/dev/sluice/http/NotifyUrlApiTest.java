package dev.sluice.http;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * docs/http-api.md "Webhooks", {@code notify_url}: an import that names one gets a single callback
 * when it ends, signed with the server's {@code --webhook-secret}, from the query or a JSON request;
 * a notify_url the address guard refuses is refused with the import.
 */
class NotifyUrlApiTest {
    private static final String SERVER_SECRET = "the-server-wide-webhook-secret-0123";

    @RegisterExtension
    static final RunningServer server = RunningServer.sqliteOrPostgres(ServerOptions.chunkRows(100)
            .allowUrlHosts(Set.of("127.0.0.1")).with(b -> b.webhookSecret(SERVER_SECRET)
                    .webhookRetryBase(Duration.ofMillis(100))));

    @Test
    void an_import_with_a_notify_url_gets_one_signed_callback_when_it_ends() throws Exception {
        try (WebhookReceiver receiver = new WebhookReceiver(n -> 200)) {
            server.createCollection("nu_query", "email:string", "email");
            String job = server.importCsv("nu_query", "notify_url=" + RunningServer.encode(receiver.url()),
                    "email\na@x.org\n").id();
            RunningServer.Answer viaJson = server.postJson("/v1/imports", "{\"collection\": \"nu_query\", \"notify_url\": \""
                    + receiver.url() + "\", \"records\": [{\"email\": \"b@x.org\"}]}");
            assertThat(viaJson.status()).as("%s", viaJson).isEqualTo(202);
            String second = viaJson.json().get("id").asText();

            await().atMost(Duration.ofSeconds(20)).until(() -> receiver.received().size() >= 2);
            Thread.sleep(500);
            assertThat(receiver.received()).hasSize(2).allSatisfy(r -> {
                assertThat(r.signedWith(SERVER_SECRET)).isTrue();
                assertThat(r.event()).isEqualTo("job.completed");
            });
            assertThat(receiver.received().stream().map(r -> {
                try {
                    JsonNode body = RunningServer.JSON.readTree(r.body());
                    return body.get("data").get("id").asText();
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            })).containsExactlyInAnyOrder(job, second);
        }
    }

    @Test
    void the_status_document_shows_the_notify_url_and_a_retry_s_child_keeps_it() {
        try (WebhookReceiver receiver = new WebhookReceiver(n -> 200)) {
            server.createCollection("nu_shown", "email:string, age:integer", "email");
            String id = server.importCsv("nu_shown", "notify_url=" + RunningServer.encode(receiver.url()),
                    "email,age\na@x.org,x\n").id();
            String plain = server.importCsv("nu_shown", "", "email,age\nb@x.org,1\n").id();
            RunningServer.Answer retry = server.post("/v1/imports/" + id + "/retry", null, new byte[0]);
            assertThat(retry.status()).as("%s", retry).isEqualTo(202);

            assertThat(server.get("/v1/imports/" + id).json().get("options").get("notify_url").asText())
                    .isEqualTo(receiver.url());
            assertThat(server.job(retry.json().get("id").asText()).options().notifyUrl()).isEqualTo(receiver.url());
            JsonNode none = server.get("/v1/imports/" + plain).json().get("options");
            assertThat(none.has("notify_url")).as("present, as null").isTrue();
            assertThat(none.get("notify_url").isNull()).isTrue();
        }
    }

    @Test
    void a_notify_url_to_a_refused_address_is_refused_with_the_import() {
        server.createCollection("nu_refused", "email:string", "email");
        RunningServer.Answer refused = server.post("/v1/collections/nu_refused/import?notify_url="
                + RunningServer.encode("http://10.9.8.7/hook"), "text/csv", "email\na@x.org\n");
        assertThat(refused.status()).as("%s", refused).isEqualTo(400);
        assertThat(refused.json().get("error").get("code").asText()).isEqualTo("source_forbidden");
        assertThat(server.get("/v1/imports?collection=nu_refused").json().get("imports")).isEmpty();
    }
}
