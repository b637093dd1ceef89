package dev.sluice.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.Config;
import dev.sluice.Service;
import dev.sluice.client.Json;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code sluice keys create|list|revoke} and {@code --api-key} end to end (docs/cli.md#keys,
 * docs/http-api.md#api-keys), against a real server started with an admin key: what the commands
 * print, and that the keys they make are the ones the server then admits or refuses.
 */
class KeysCommandTest {
    private static final String ADMIN = "admin-key-of-the-keys-command-test-0123456789";

    @TempDir
    static Path dir;
    private static Service server;

    @BeforeAll
    static void start() {
        server = Service.start(Config.builder().port(0).dataDir(dir.resolve("server")).workers(1).chunkRows(100)
                .commitInterval(Duration.ofMillis(100)).nodeId("keys-test").adminKey(ADMIN).build());
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static String url() {
        return "http://127.0.0.1:" + server.port();
    }

    private static JsonNode created(String... args) throws Exception {
        CliRun run = CliRun.of(with(with(args, "--json"), "--server", url()));
        assertThat(run.exitCode()).as(run.err()).isZero();
        return Json.mapper().readTree(run.out());
    }

    private static String[] with(String[] args, String... more) {
        String[] all = java.util.Arrays.copyOf(args, args.length + more.length);
        System.arraycopy(more, 0, all, args.length, more.length);
        return all;
    }

    @Test
    void create_prints_the_secret_once_and_the_server_admits_it_within_its_rights() throws Exception {
        CliRun run = CliRun.of("keys", "create", "--server", url(), "--api-key", ADMIN, "--name", "loader",
                "--scope", "collections:read,collections:write", "--collection", "people",
                "--expires-at", "2999-01-31T00:00:00Z");

        assertThat(run.exitCode()).as(run.err()).isZero();
        String secret = run.out().trim();
        assertThat(secret).startsWith("sluice_");
        assertThat(run.err()).contains("shown once");
        Path definition = Files.writeString(dir.resolve("people.json"), "{\"name\": \"people\", \"fields\":"
                + " [{\"name\": \"email\", \"type\": \"string\"}], \"key\": [\"email\"]}");
        CliRun create = CliRun.of("collections", "create", "--file", definition.toString(), "--server", url(),
                "--api-key", secret);
        assertThat(create.exitCode()).as(create.err()).isZero();
        CliRun other = CliRun.of("collections", "show", "secrets", "--server", url(), "--api-key", secret);
        assertThat(other.exitCode()).isNotZero();
        assertThat(other.err()).contains("404");
    }

    @Test
    void create_without_collections_or_expiry_gives_every_collection_and_no_end() throws Exception {
        JsonNode key = created("keys", "create", "--api-key", ADMIN, "--name", "reader", "--scope", "metrics:read");

        assertThat(key.get("collections").toString()).isEqualTo("[\"*\"]");
        assertThat(key.get("expires_at").isNull()).isTrue();
        assertThat(key.get("key").asText()).startsWith(key.get("prefix").asText());
    }

    @Test
    void list_prints_each_key_without_its_secret() throws Exception {
        JsonNode key = created("keys", "create", "--api-key", ADMIN, "--name", "listed", "--scope", "imports:read",
                "--collection", "orders");

        CliRun run = CliRun.of("keys", "list", "--server", url(), "--api-key", ADMIN);

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains(key.get("id").asText()).contains("listed").contains(key.get("prefix").asText())
                .contains("imports:read").contains("orders").contains("never")
                .doesNotContain(key.get("key").asText());
    }

    @Test
    void a_revoked_key_is_refused_at_once() throws Exception {
        JsonNode key = created("keys", "create", "--api-key", ADMIN, "--name", "doomed", "--scope", "*");
        String secret = key.get("key").asText();
        assertThat(CliRun.of("collections", "list", "--server", url(), "--api-key", secret).exitCode()).isZero();

        CliRun run = CliRun.of("keys", "revoke", "--server", url(), "--api-key", ADMIN, key.get("id").asText());

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("revoked");
        CliRun refused = CliRun.of("collections", "list", "--server", url(), "--api-key", secret);
        assertThat(refused.exitCode()).isNotZero();
        assertThat(refused.err()).contains("401").contains("revoked");
    }

    @Test
    void a_key_cannot_make_a_key_with_more_rights_than_its_own() throws Exception {
        String keeper = created("keys", "create", "--api-key", ADMIN, "--name", "keeper", "--scope",
                "keys:manage,imports:read", "--collection", "people").get("key").asText();

        CliRun wider = CliRun.of("keys", "create", "--server", url(), "--api-key", keeper, "--name", "wider",
                "--scope", "imports:write", "--collection", "people");
        CliRun narrower = CliRun.of("keys", "create", "--server", url(), "--api-key", keeper, "--name", "narrower",
                "--scope", "imports:read", "--collection", "people");

        assertThat(wider.exitCode()).isNotZero();
        assertThat(wider.err()).contains("403").contains("imports:write");
        assertThat(narrower.exitCode()).as(narrower.err()).isZero();
    }

    @Test
    void every_command_that_talks_to_a_server_sends_the_api_key_from_the_flag_or_none() {
        CliRun without = CliRun.of("collections", "list", "--server", url());
        CliRun with = CliRun.of("collections", "list", "--server", url(), "--api-key", ADMIN);
        CliRun cancel = CliRun.of("cancel", "--server", url(), "--api-key", ADMIN, "01900000-0000-7000-8000-000000000009");

        assertThat(without.exitCode()).isNotZero();
        assertThat(without.err()).contains("401");
        assertThat(with.exitCode()).as(with.err()).isZero();
        assertThat(cancel.err()).as("admitted, then not found").contains("404").doesNotContain("401");
    }
}
