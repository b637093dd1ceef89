package dev.sluice.http;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.ArrayList;
import java.util.List;

import static dev.sluice.http.Keys.bearer;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * docs/http-api.md "Keys and scopes": keys are created (the secret once), listed by pages without
 * secrets, read and revoked; a key creates no key with more rights than its own; a key restricted to
 * collections sees only them and their jobs; a job names the key that created it, and cancel and
 * retry name it in the job's log; refused keys are counted in /metrics.
 */
class ApiKeysApiTest {
    @RegisterExtension
    static final RunningServer server = RunningServer.sqliteOrPostgres(ServerOptions.chunkRows(100).adminKey(Keys.ADMIN));
    private static final Contract contract = Contract.load();
    private static Keys keys;

    @BeforeAll
    static void collections() {
        keys = new Keys(server);
        keys.collection("people");
        keys.collection("secrets");
    }

    @Test
    void a_key_is_created_with_its_secret_once_then_listed_read_and_revoked() {
        RunningServer.Answer created = server.post("/v1/keys", "application/json", "{\"name\": \"loader\", \"scopes\":"
                + " [\"imports:write\", \"imports:read\"], \"collections\": [\"people\"], \"expires_at\": null}",
                bearer(Keys.ADMIN));
        JsonNode key = contract.assertAnswer("POST", "/v1/keys", created);
        String secret = key.get("key").asText();
        String id = key.get("id").asText();

        assertThat(secret).startsWith("sluice_").hasSizeGreaterThanOrEqualTo(7 + 22);
        assertThat(secret.substring(0, 12)).isEqualTo(key.get("prefix").asText());
        assertThat(created.header("Location")).isEqualTo("/v1/keys/" + id);
        assertThat(server.get("/v1/imports", bearer(secret)).status()).isEqualTo(200);
        JsonNode shown = contract.assertAnswer("GET", "/v1/keys/{id}", server.get("/v1/keys/" + id, bearer(Keys.ADMIN)));
        assertThat(shown.has("key")).as("a secret is answered once only").isFalse();
        assertThat(shown.get("last_used_at").isNull()).as("used once just now").isFalse();
        assertThat(server.rowsOf("_sluice_keys WHERE secret_hash = '" + secret + "'")).as("the secret is not stored").isZero();

        contract.assertAnswer("DELETE", "/v1/keys/{id}", server.delete("/v1/keys/" + id, bearer(Keys.ADMIN)));
        RunningServer.Answer refused = server.get("/v1/imports", bearer(secret));
        assertThat(refused.status()).isEqualTo(401);
        assertThat(refused.json().get("error").get("details").get("reason").asText()).isEqualTo("revoked");
        contract.assertAnswer("GET", "/v1/keys/{id}", server.get("/v1/keys/" + id, bearer(Keys.ADMIN)));
        assertThat(server.get("/v1/keys/" + id, bearer(Keys.ADMIN)).status()).isEqualTo(404);
    }

    @Test
    void the_list_pages_with_a_cursor_and_never_shows_a_secret() {
        List<String> made = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            made.add(keys.create("paged-" + i, "[\"metrics:read\"]", "[\"*\"]").get("id").asText());
        }
        List<String> seen = new ArrayList<>();
        String cursor = null;
        do {
            RunningServer.Answer a = server.get("/v1/keys?limit=2" + (cursor == null ? "" : "&cursor=" + cursor),
                    bearer(Keys.ADMIN));
            JsonNode page = contract.assertAnswer("GET", "/v1/keys", a);
            page.get("keys").forEach(k -> {
                assertThat(k.has("key")).isFalse();
                seen.add(k.get("id").asText());
            });
            cursor = page.get("next_cursor").isNull() ? null : page.get("next_cursor").asText();
        } while (cursor != null);
        assertThat(seen).containsAll(made).doesNotHaveDuplicates();
    }

    @Test
    void a_key_cannot_create_a_key_with_more_rights_than_its_own() {
        String manager = keys.secret("manager", "[\"keys:manage\", \"imports:read\"]", "[\"people\"]");

        RunningServer.Answer wider = server.post("/v1/keys", "application/json", "{\"name\": \"w\", \"scopes\":"
                + " [\"imports:write\"], \"collections\": [\"people\"]}", bearer(manager));
        RunningServer.Answer all = server.post("/v1/keys", "application/json", "{\"name\": \"a\", \"scopes\": [\"*\"],"
                + " \"collections\": [\"people\"]}", bearer(manager));
        RunningServer.Answer elsewhere = server.post("/v1/keys", "application/json", "{\"name\": \"e\", \"scopes\":"
                + " [\"imports:read\"], \"collections\": [\"*\"]}", bearer(manager));
        RunningServer.Answer within = server.post("/v1/keys", "application/json", "{\"name\": \"ok\", \"scopes\":"
                + " [\"imports:read\"], \"collections\": [\"people\"]}", bearer(manager));

        assertThat(wider.status()).isEqualTo(403);
        assertThat(wider.json().get("error").get("details").get("scope").asText()).isEqualTo("imports:write");
        assertThat(all.status()).isEqualTo(403);
        assertThat(elsewhere.status()).isEqualTo(403);
        contract.assertAnswer("POST", "/v1/keys", elsewhere);
        assertThat(elsewhere.json().get("error").get("message").asText())
                .isEqualTo("a key restricted to collections [people] cannot create a key for [*]");
        assertThat(elsewhere.json().get("error").get("details").get("collections").toString()).isEqualTo("[\"*\"]");
        assertThat(within.status()).isEqualTo(201);
    }

    @Test
    void a_key_cannot_create_a_webhook_for_collections_beyond_its_own() {
        String manager = keys.secret("hooks", "[\"webhooks:manage\"]", "[\"people\"]");

        RunningServer.Answer elsewhere = server.post("/v1/webhooks", "application/json", "{\"url\":"
                + " \"https://93.184.216.34/hook\", \"events\": [\"job.failed\"], \"collections\": [\"secrets\"]}",
                bearer(manager));

        assertThat(elsewhere.status()).as("%s", elsewhere).isEqualTo(403);
        assertThat(elsewhere.json().get("error").get("message").asText())
                .isEqualTo("a key restricted to collections [people] cannot create a webhook for [secrets]");
        assertThat(elsewhere.json().get("error").get("details").get("collections").toString())
                .isEqualTo("[\"secrets\"]");
    }

    @Test
    void a_key_manager_sees_and_revokes_only_keys_within_its_own_rights() {
        String manager = keys.secret("people-manager", "[\"keys:manage\", \"imports:read\"]", "[\"people\"]");
        String lesser = keys.create("people-reader", "[\"imports:read\"]", "[\"people\"]").get("id").asText();
        String wider = keys.create("people-writer", "[\"imports:write\"]", "[\"people\"]").get("id").asText();
        String elsewhere = keys.create("secrets-reader", "[\"imports:read\"]", "[\"secrets\"]").get("id").asText();
        String all = keys.create("everything", "[\"*\"]", "[\"*\"]").get("id").asText();

        List<String> listed = new ArrayList<>();
        server.get("/v1/keys?limit=1000", bearer(manager)).json().get("keys").forEach(k -> listed.add(k.get("id").asText()));
        List<String> byAdmin = new ArrayList<>();
        server.get("/v1/keys?limit=1000", bearer(Keys.ADMIN)).json().get("keys")
                .forEach(k -> byAdmin.add(k.get("id").asText()));

        assertThat(listed).contains(lesser).doesNotContain(wider, elsewhere, all);
        assertThat(byAdmin).contains(lesser, wider, elsewhere, all);
        for (String id : List.of(wider, elsewhere, all)) {
            contract.assertAnswer("GET", "/v1/keys/{id}", server.get("/v1/keys/" + id, bearer(manager)));
            assertThat(server.get("/v1/keys/" + id, bearer(manager)).status()).as("shown %s", id).isEqualTo(404);
            RunningServer.Answer revoked = server.delete("/v1/keys/" + id, bearer(manager));
            contract.assertAnswer("DELETE", "/v1/keys/{id}", revoked);
            assertThat(revoked.status()).as("revoked %s", id).isEqualTo(404);
        }
        assertThat(server.get("/v1/keys/" + wider, bearer(Keys.ADMIN)).status()).as("still there").isEqualTo(200);
        assertThat(server.delete("/v1/keys/" + lesser, bearer(manager)).status()).isEqualTo(204);
    }

    @Test
    void a_manager_s_pages_hold_only_what_it_may_see_and_reach_every_such_key() {
        String manager = keys.secret("paging-manager", "[\"keys:manage\", \"metrics:read\"]", "[\"*\"]");
        List<String> visible = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            keys.create("hidden-" + i, "[\"imports:write\"]", "[\"*\"]");
            visible.add(keys.create("visible-" + i, "[\"metrics:read\"]", "[\"*\"]").get("id").asText());
        }
        List<String> seen = new ArrayList<>();
        String cursor = null;
        do {
            JsonNode page = server.get("/v1/keys?limit=2" + (cursor == null ? "" : "&cursor=" + cursor),
                    bearer(manager)).json();
            assertThat(page.get("keys").size()).isLessThanOrEqualTo(2);
            page.get("keys").forEach(k -> seen.add(k.get("name").asText() + " " + k.get("id").asText()));
            cursor = page.get("next_cursor").isNull() ? null : page.get("next_cursor").asText();
        } while (cursor != null);

        assertThat(seen).noneMatch(k -> k.startsWith("hidden-")).doesNotHaveDuplicates();
        assertThat(seen.stream().map(k -> k.split(" ")[1]).toList()).containsAll(visible);
    }

    @Test
    void a_key_restricted_to_a_collection_sees_only_it_and_its_jobs() {
        String admin = Keys.ADMIN;
        String mine = server.post("/v1/collections/people/import?wait=true", "text/csv", "email\na@x.org\n",
                bearer(admin)).json().get("id").asText();
        String theirs = server.post("/v1/collections/secrets/import?wait=true", "text/csv", "email\nb@x.org\n",
                bearer(admin)).json().get("id").asText();
        String reader = keys.secret("reader", "[\"collections:read\", \"imports:read\"]", "[\"people\"]");

        JsonNode collections = server.get("/v1/collections", bearer(reader)).json().get("collections");
        JsonNode imports = server.get("/v1/imports", bearer(reader)).json().get("imports");
        RunningServer.Answer hidden = server.get("/v1/imports/" + theirs, bearer(reader));

        assertThat(collections).extracting(c -> c.get("name").asText()).containsExactly("people");
        assertThat(imports).extracting(j -> j.get("id").asText()).contains(mine).doesNotContain(theirs);
        assertThat(server.get("/v1/imports?collection=secrets", bearer(reader)).json().get("imports")).isEmpty();
        assertThat(hidden.status()).isEqualTo(404);
        assertThat(hidden.json().get("error").get("code").asText()).isEqualTo("import_not_found");
        assertThat(server.get("/v1/collections/secrets", bearer(reader)).status()).isEqualTo(404);
    }

    @Test
    void a_job_names_the_key_that_created_it_and_its_log_the_key_that_retried_it() {
        JsonNode key = keys.create("nightly", "[\"imports:write\", \"imports:read\"]", "[\"people\"]");
        String secret = key.get("key").asText();
        RunningServer.Answer made = server.post("/v1/collections/people/import?wait=true", "text/csv",
                "email,age\nc@x.org,1\nd@x.org,x\n", bearer(secret));
        JsonNode job = contract.assertAnswer("POST", "/v1/collections/{name}/import", made);
        String id = job.get("id").asText();
        server.post("/v1/imports/" + id + "/retry?wait=true", null, new byte[0], bearer(Keys.ADMIN));

        assertThat(job.get("created_by").get("key_id").asText()).isEqualTo(key.get("id").asText());
        assertThat(job.get("created_by").get("key_name").asText()).isEqualTo("nightly");
        assertThat(server.get("/v1/imports/" + id + "/log", bearer(secret)).text()).contains("retry")
                .contains("by key admin");
    }

    @Test
    void refused_keys_are_counted_by_reason_in_metrics_and_no_secret_is_shown() {
        server.get("/v1/imports");
        server.get("/v1/imports", bearer("sluice_notakey000000000000000000000"));

        String metrics = server.get("/metrics", bearer(Keys.ADMIN)).text();

        assertThat(metrics).containsPattern("sluice_auth_failures_total\\{reason=\"missing\"} [1-9]")
                .containsPattern("sluice_auth_failures_total\\{reason=\"unknown\"} [1-9]")
                .doesNotContain("sluice_notakey");
    }
}
