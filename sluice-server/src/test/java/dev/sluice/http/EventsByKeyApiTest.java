package dev.sluice.http;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.util.List;

import static dev.sluice.http.Keys.bearer;
import static org.awaitility.Awaitility.await;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * docs/http-api.md#events with keys: {@code GET /v1/events} sends a key only the jobs of the
 * collections it may see, and a collection it may not see is {@code 404 collection_not_found}.
 */
class EventsByKeyApiTest {
    @RegisterExtension
    static final RunningServer server = RunningServer.sqliteOrPostgres(ServerOptions.chunkRows(100).adminKey(Keys.ADMIN));

    private static Keys keys;

    @BeforeAll
    static void collections() {
        keys = new Keys(server);
        keys.collection("seen_people");
        keys.collection("hidden_people");
    }

    private String url(String path) {
        return "http://127.0.0.1:" + server.port() + path;
    }

    private static String submit(String collection, String csv) {
        RunningServer.Answer a = server.post("/v1/collections/" + collection + "/import", "text/csv", csv, bearer(Keys.ADMIN));
        assertThat(a.status()).as("import into %s: %s", collection, a).isEqualTo(202);
        return a.json().get("id").asText();
    }

    @Test
    void a_key_limited_to_some_collections_gets_only_their_jobs_states() {
        String reader = keys.secret("events-reader", "[\"imports:read\"]", "[\"seen_people\"]");
        try (EventStream s = EventStream.open(url("/v1/events"), null, bearer(reader))) {
            assertThat(s.status()).isEqualTo(200);
            String hidden = submit("hidden_people", "email,age\nh@x.org,1\n");
            await().atMost(Duration.ofSeconds(30)).until(() -> server.get("/v1/imports/" + hidden, bearer(Keys.ADMIN))
                    .json().get("state").asText().startsWith("completed"));
            String seen = submit("seen_people", "email,age\ns@x.org,2\n");
            List<EventStream.Event> events = s.until(e -> e.data().get("id").asText().equals(seen)
                    && e.data().get("state").asText().equals("completed"));
            assertThat(events).extracting(e -> e.data().get("collection").asText()).containsOnly("seen_people");
            assertThat(events).extracting(e -> e.data().get("id").asText()).doesNotContain(hidden);
        }
    }

    @Test
    void a_key_asking_for_a_collection_it_may_not_see_is_answered_404() {
        String reader = keys.secret("events-narrow", "[\"imports:read\"]", "[\"seen_people\"]");
        RunningServer.Answer a = server.get("/v1/events?collection=hidden_people", bearer(reader));
        assertThat(a.status()).isEqualTo(404);
        assertThat(a.json().get("error").get("code").asText()).isEqualTo("collection_not_found");
    }
}
