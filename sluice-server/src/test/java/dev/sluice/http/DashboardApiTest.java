package dev.sluice.http;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static dev.sluice.http.Keys.bearer;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * docs/dashboard.md, served: the page and its files without a key, each with its content type, a
 * strict Content-Security-Policy and an ETag that a revalidation answers 304; no other file; and
 * {@code GET /v1/keys/self}, by which the page learns what its key may do.
 */
class DashboardApiTest {
    @RegisterExtension
    static final RunningServer server = RunningServer.sqliteOrPostgres(ServerOptions.chunkRows(100).adminKey(Keys.ADMIN));
    private static final Contract contract = Contract.load();

    @Test
    void the_page_and_its_files_are_served_without_a_key_under_a_strict_policy() {
        RunningServer.Answer page = server.get("/");
        contract.assertAnswer("GET", "/", page);
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.header("Content-Type")).startsWith("text/html");
        assertThat(page.text()).contains("<script type=\"module\" src=\"/dashboard/app.js\"></script>");
        assertThat(page.header("Content-Security-Policy")).isEqualTo(DashboardRoutes.POLICY)
                .contains("script-src 'self'", "connect-src 'self'", "frame-ancestors 'none'").doesNotContain("unsafe");
        assertThat(page.header("X-Content-Type-Options")).isEqualTo("nosniff");
        assertThat(page.header("Cache-Control")).isEqualTo("no-cache");
        for (String[] file : new String[][]{{"app.js", "text/javascript"}, {"style.css", "text/css"},
                {"icon.svg", "image/svg+xml"}, {"new-import.js", "text/javascript"}}) {
            RunningServer.Answer a = server.get("/dashboard/" + file[0]);
            contract.assertAnswer("GET", "/dashboard/{name}", a);
            assertThat(a.header("Content-Type")).as(file[0]).startsWith(file[1]);
            assertThat(a.header("Content-Security-Policy")).isEqualTo(DashboardRoutes.POLICY);
        }
    }

    @Test
    void an_unchanged_file_is_revalidated_with_its_etag() {
        RunningServer.Answer first = server.get("/dashboard/app.js");
        String etag = first.header("ETag");
        assertThat(etag).matches("\"[0-9a-f]{32}\"");
        RunningServer.Answer again = server.get("/dashboard/app.js", "If-None-Match", etag);
        contract.assertAnswer("GET", "/dashboard/{name}", again);
        assertThat(again.status()).isEqualTo(304);
        assertThat(again.body()).isEmpty();
        assertThat(server.get("/dashboard/app.js", "If-None-Match", "\"other\"").status()).isEqualTo(200);
    }

    @Test
    void no_file_but_the_dashboard_s_own_is_served() {
        for (String name : new String[]{"index.html", "nosuch.js", "..%2Fopenapi.json", "app.js.map", "APP.JS"}) {
            RunningServer.Answer a = server.get("/dashboard/" + name);
            assertThat(a.status()).as(name).isEqualTo(404);
            contract.assertAnswer("GET", "/dashboard/{name}", a);
        }
    }

    @Test
    void a_key_learns_its_own_scopes_and_collections() {
        new Keys(server).collection("people");
        String secret = new Keys(server).secret("reader", "[\"imports:read\", \"records:read\"]", "[\"people\"]");
        JsonNode own = contract.assertAnswer("GET", "/v1/keys/self", server.get("/v1/keys/self", bearer(secret)));
        assertThat(own.get("name").asText()).isEqualTo("reader");
        assertThat(own.get("scopes").toString()).isEqualTo("[\"imports:read\",\"records:read\"]");
        assertThat(own.get("collections").toString()).isEqualTo("[\"people\"]");
        JsonNode admin = contract.assertAnswer("GET", "/v1/keys/self", server.get("/v1/keys/self", bearer(Keys.ADMIN)));
        assertThat(admin.get("id").asText()).isEqualTo("admin");
        assertThat(admin.get("scopes").toString()).isEqualTo("[\"*\"]");
        assertThat(server.get("/v1/keys/self").status()).isEqualTo(401);
    }
}
