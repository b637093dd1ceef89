package dev.sluice.client;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The collection methods of {@link SluiceClient} against a real server. */
class CollectionsClientTest {
    @TempDir
    static Path dataDir;
    @RegisterExtension
    static final StartedService server = StartedService.sqliteOrPostgres(100, Duration.ofMillis(20));
    static SluiceClient client;

    @BeforeAll
    static void start() {
        client = server.client();
    }

    @Test
    void health_says_the_service_takes_work() {
        assertThat(client.health()).isEqualTo(new Health("ok"));
        assertThat(client.health().isReady()).isTrue();
    }

    @Test
    void a_created_collection_reads_back_with_its_fields_key_and_count() {
        Collection definition = new Collection("defined", List.of(
                new Collection.Field("email", "string", true, 320),
                new Collection.Field("age", "integer", false, null)), List.of("email"), true, null, null, null);

        Collection created = client.createCollection(definition);

        assertThat(created.name()).isEqualTo("defined");
        assertThat(created.fields()).isEqualTo(definition.fields());
        assertThat(created.key()).containsExactly("email");
        assertThat(created.keyCaseInsensitive()).isTrue();
        assertThat(created.recordCount()).isZero();
        assertThat(created.createdAt()).isNotNull();
        assertThat(created.table()).isEqualTo("defined");
        // the table of collections keeps milliseconds, while a freshly created one carries the clock's precision
        assertThat(millis(client.getCollection("defined"))).isEqualTo(millis(created));
        assertThat(client.listCollections()).extracting(CollectionsClientTest::millis).contains(millis(created));
    }

    private static Collection millis(Collection c) {
        return new Collection(c.name(), c.fields(), c.key(), c.keyCaseInsensitive(), c.recordCount(),
                c.createdAt().truncatedTo(java.time.temporal.ChronoUnit.MILLIS), c.table());
    }

    @Test
    void a_dropped_collection_is_gone() {
        Definitions.people(client, "dropped");

        client.dropCollection("dropped");

        assertThat(client.listCollections()).extracting(Collection::name).doesNotContain("dropped");
        assertThatThrownBy(() -> client.getCollection("dropped"))
                .isInstanceOfSatisfying(SluiceApiException.class, e -> {
                    assertThat(e.status()).isEqualTo(404);
                    assertThat(e.code()).isEqualTo("collection_not_found");
                    assertThat(e.serverMessage()).contains("dropped");
                });
        assertThatThrownBy(() -> client.dropCollection("dropped"))
                .isInstanceOfSatisfying(SluiceApiException.class, e -> assertThat(e.code()).isEqualTo("collection_not_found"));
    }

    @Test
    void defining_a_collection_twice_or_badly_is_refused_with_the_codes_and_details() {
        Definitions.people(client, "twice");

        assertThatThrownBy(() -> Definitions.people(client, "twice"))
                .isInstanceOfSatisfying(SluiceApiException.class, e -> {
                    assertThat(e.status()).isEqualTo(409);
                    assertThat(e.code()).isEqualTo("collection_exists");
                });
        assertThatThrownBy(() -> client.createCollection(Definitions.collection("badtype", "a:text", "a")))
                .isInstanceOfSatisfying(SluiceApiException.class, e -> {
                    assertThat(e.status()).isEqualTo(400);
                    assertThat(e.code()).isEqualTo("invalid_collection");
                    assertThat(e.details()).containsEntry("field", "fields");
                });
    }

    @Test
    void records_page_with_a_cursor_until_the_last_page() throws Exception {
        Definitions.people(client, "paged");
        StringBuilder csv = new StringBuilder("email,name,age\n");
        for (int i = 1; i <= 25; i++) {
            csv.append("p").append(i).append("@x.org,P").append(i).append(',').append(i).append('\n');
        }
        Path file = Files.writeString(dataDir.resolve("paged.csv"), csv);
        client.importFile("paged", file, ImportRequest.builder().waitForCompletion(true).build());

        List<JsonNode> all = new ArrayList<>();
        List<Integer> pageSizes = new ArrayList<>();
        String cursor = null;
        do {
            Page<JsonNode> page = client.records("paged", 10, cursor);
            pageSizes.add(page.items().size());
            all.addAll(page.items());
            cursor = page.nextCursor();
        } while (cursor != null);

        assertThat(pageSizes).containsExactly(10, 10, 5);
        assertThat(all).extracting(r -> r.get("email").asText()).first().isEqualTo("p1@x.org");
        assertThat(all).extracting(r -> r.get("age").asInt()).containsExactlyElementsOf(
                java.util.stream.IntStream.rangeClosed(1, 25).boxed().toList());
        assertThat(all.get(0).has("_id")).isTrue();
        assertThat(all.get(0).get("_import_id").asText()).isNotBlank();
        assertThat(client.records("paged", null, null).items()).hasSize(25);
        assertThat(client.getCollection("paged").recordCount()).isEqualTo(25);
    }

    @Test
    void a_record_is_found_by_its_key_single_or_composite() {
        client.createCollection(Definitions.collection("composite", "region:string!, code:integer!, label:string",
                "region", "code"));
        Definitions.people(client, "single");
        client.importStream("composite", new java.io.ByteArrayInputStream(
                        "region,code,label\neu,1,first\nus,1,second\n".getBytes(StandardCharsets.UTF_8)),
                "codes.csv", ImportRequest.builder().waitForCompletion(true).build());
        client.importStream("single", new java.io.ByteArrayInputStream(
                        "email,name\na@x.org,Ada\n".getBytes(StandardCharsets.UTF_8)),
                "people.csv", ImportRequest.builder().waitForCompletion(true).build());

        assertThat(client.recordByKey("composite", "us", "1")).get()
                .satisfies(r -> assertThat(r.get("label").asText()).isEqualTo("second"));
        assertThat(client.recordByKey("composite", "us", "2")).isEmpty();
        assertThat(client.recordByKey("single", "a@x.org")).get()
                .satisfies(r -> assertThat(r.get("name").asText()).isEqualTo("Ada"));
        assertThatThrownBy(() -> client.recordByKey("composite", "us"))
                .isInstanceOfSatisfying(SluiceApiException.class, e -> {
                    assertThat(e.code()).isEqualTo("invalid_option");
                    assertThat(e.details()).containsEntry("option", "key");
                });
    }

    @Test
    void a_cursor_the_api_never_gave_is_an_invalid_option() {
        Definitions.people(client, "badcursor");

        assertThatThrownBy(() -> client.records("badcursor", null, "nonsense"))
                .isInstanceOfSatisfying(SluiceApiException.class, e -> {
                    assertThat(e.status()).isEqualTo(400);
                    assertThat(e.code()).isEqualTo("invalid_option");
                    assertThat(e.details()).containsEntry("option", "cursor");
                });
        assertThatThrownBy(() -> client.records("badcursor", 0, null))
                .isInstanceOfSatisfying(SluiceApiException.class, e -> assertThat(e.details()).containsEntry("option", "limit"));
    }

    @Test
    void an_unreachable_server_is_a_client_exception_not_an_api_error() {
        SluiceClient nowhere = SluiceClient.builder(java.net.URI.create(StartedService.baseUrl(1)))
                .connectTimeout(Duration.ofSeconds(2)).build();

        assertThatThrownBy(nowhere::health)
                .isInstanceOf(SluiceClientException.class)
                .isNotInstanceOf(SluiceApiException.class)
                .hasMessageContaining("GET http://127.0.0.1:1/health failed");
    }
}
