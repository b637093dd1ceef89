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

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@link SluiceClient} with an API key against a real server started with an admin key
 * (docs/http-api.md "Keys and scopes"): a key restricted to one collection sees only it and its
 * jobs, and a revoked key surfaces as a {@link SluiceApiException} {@code 401 unauthorized}.
 */
class ApiKeyClientTest {
    private static final String ADMIN = "admin-key-of-the-client-key-test-0123456789";

    @TempDir
    static Path dir;
    private static Service service;
    private static SluiceClient admin;

    @BeforeAll
    static void start() {
        service = Service.start(Config.builder().port(0).dataDir(dir.resolve("server")).workers(1).chunkRows(100)
                .commitInterval(Duration.ofMillis(100)).nodeId("client-key-test")
                .database(PostgresTestServer.selectedByProperty()).adminKey(ADMIN).build());
        admin = client(ADMIN);
        Definitions.people(admin, "people");
        Definitions.people(admin, "secrets");
    }

    @AfterAll
    static void stop() {
        service.close();
    }

    private static SluiceClient client(String key) {
        return SluiceClient.builder(URI.create(StartedService.baseUrl(service.port()))).apiKey(key).build();
    }

    @Test
    void a_key_restricted_to_one_collection_sees_only_it_and_its_jobs() throws Exception {
        Path file = Files.writeString(dir.resolve("people.csv"), "email,name,age\na@x.io,A,1\n");
        ImportJob hidden = admin.importFile("secrets", file, ImportRequest.defaults());
        SluiceClient people = client(admin.keys().create("people-only", List.of("*"), List.of("people"), null).key());

        ImportJob own = people.importFile("people", file, ImportRequest.defaults());

        assertThat(people.listCollections()).extracting(Collection::name).containsExactly("people");
        assertThat(people.listImports(ImportFilter.all()).items()).extracting(ImportJob::id)
                .contains(own.id()).doesNotContain(hidden.id());
        assertThatThrownBy(() -> people.getCollection("secrets")).isInstanceOfSatisfying(SluiceApiException.class,
                e -> assertThat(e.status()).isEqualTo(404));
        assertThatThrownBy(() -> people.getImport(hidden.id())).isInstanceOfSatisfying(SluiceApiException.class,
                e -> assertThat(e.status()).isEqualTo(404));
    }

    @Test
    void a_revoked_key_is_a_typed_401() {
        ApiKey key = admin.keys().create("short-lived", List.of("collections:read"), List.of("*"), null);
        SluiceClient holder = client(key.key());
        assertThat(holder.listCollections()).isNotEmpty();

        admin.keys().revoke(key.id());

        assertThatThrownBy(holder::listCollections).isInstanceOfSatisfying(SluiceApiException.class, e -> {
            assertThat(e.status()).isEqualTo(401);
            assertThat(e.code()).isEqualTo("unauthorized");
            assertThat(e.details()).containsEntry("reason", "revoked");
        });
    }
}
