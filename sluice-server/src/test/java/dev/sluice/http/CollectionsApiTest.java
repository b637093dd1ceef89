package dev.sluice.http;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.client.Collection;
import dev.sluice.client.ImportJob;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static dev.sluice.http.ApiAssertions.assertError;
import static dev.sluice.http.ApiAssertions.names;
import static org.assertj.core.api.Assertions.assertThat;

/** {@code /v1/collections}: define, list, read, drop, and read records back. */
class CollectionsApiTest {
    @RegisterExtension
    static final RunningServer server = RunningServer.sqliteOrPostgres(ServerOptions.chunkRows(100));

    @Test
    void creating_a_collection_answers_201_with_its_location_and_the_definition_with_key_fields_required() {
        Instant before = Instant.now();

        RunningServer.Answer a = server.postJson("/v1/collections", """
                {"name": "people",
                 "fields": [{"name": "email", "type": "string", "max_length": 320},
                            {"name": "name", "type": "string"},
                            {"name": "age", "type": "integer", "required": true}],
                 "key": ["email"]}""");

        assertThat(a.status()).as("%s", a).isEqualTo(201);
        assertThat(a.header("Location")).isEqualTo("/v1/collections/people");
        assertThat(names(a.json())).containsExactlyInAnyOrder("name", "fields", "key", "key_case_insensitive",
                "record_count", "created_at", "table");
        Collection c = a.as(Collection.class);
        assertThat(c.name()).isEqualTo("people");
        assertThat(c.fields()).containsExactly(
                new Collection.Field("email", "string", true, 320),
                new Collection.Field("name", "string", false, null),
                new Collection.Field("age", "integer", true, null));
        assertThat(c.key()).containsExactly("email");
        assertThat(c.keyCaseInsensitive()).isFalse();
        assertThat(c.recordCount()).isZero();
        assertThat(c.table()).isEqualTo("people");
        assertThat(c.createdAt()).isBetween(before.minusMillis(1), Instant.now());
    }

    @Test
    void a_second_collection_with_the_same_name_is_409_collection_exists() {
        server.createCollection("twice", "id:integer", "id");

        RunningServer.Answer a = server.postJson("/v1/collections",
                "{\"name\": \"twice\", \"fields\": [{\"name\": \"x\", \"type\": \"string\"}], \"key\": [\"x\"]}");

        JsonNode error = assertError(a, 409, "collection_exists");
        assertThat(error.get("message").asText()).isEqualTo("collection 'twice' already exists");
        assertThat(error.get("details").get("collection").asText()).isEqualTo("twice");
    }

    @Test
    void a_name_that_is_not_a_lower_case_identifier_is_400_invalid_collection() {
        RunningServer.Answer a = server.postJson("/v1/collections",
                "{\"name\": \"People\", \"fields\": [{\"name\": \"id\", \"type\": \"integer\"}], \"key\": [\"id\"]}");

        JsonNode error = assertError(a, 400, "invalid_collection");
        assertThat(error.get("message").asText()).isEqualTo("name 'People' is not a valid name: use"
                + " ^[a-z][a-z0-9_]{0,62}$ (a lower-case letter, then lower-case letters, digits or _)");
        assertThat(error.get("details").get("field").asText()).isEqualTo("name");
        assertError(server.get("/v1/collections/People"), 404, "collection_not_found");
    }

    @Test
    void an_unknown_field_type_is_400_invalid_collection_naming_the_field() {
        RunningServer.Answer a = server.postJson("/v1/collections",
                "{\"name\": \"typo\", \"fields\": [{\"name\": \"id\", \"type\": \"text\"}], \"key\": [\"id\"]}");

        JsonNode error = assertError(a, 400, "invalid_collection");
        assertThat(error.get("message").asText()).isEqualTo("field 'id' has type 'text'; types are string, integer,"
                + " number, decimal, boolean, date, timestamp, uuid, json");
        assertThat(error.get("details").get("field").asText()).isEqualTo("fields");
        assertError(server.get("/v1/collections/typo"), 404, "collection_not_found");
    }

    @Test
    void a_key_that_is_not_one_of_the_fields_is_400_invalid_collection() {
        RunningServer.Answer a = server.postJson("/v1/collections",
                "{\"name\": \"badkey\", \"fields\": [{\"name\": \"id\", \"type\": \"integer\"}],"
                        + " \"key\": [\"email\"]}");

        JsonNode error = assertError(a, 400, "invalid_collection");
        assertThat(error.get("message").asText()).isEqualTo("key field 'email' is not one of the fields");
        assertThat(error.get("details").get("field").asText()).isEqualTo("key");
    }

    @Test
    void a_collection_without_fields_is_400_invalid_collection() {
        RunningServer.Answer a = server.postJson("/v1/collections",
                "{\"name\": \"nothing\", \"fields\": [], \"key\": [\"id\"]}");

        JsonNode error = assertError(a, 400, "invalid_collection");
        assertThat(error.get("message").asText()).isEqualTo("a collection needs at least one field");
        assertThat(error.get("details").get("field").asText()).isEqualTo("fields");
    }

    @Test
    void a_collection_without_a_key_is_400_invalid_collection() {
        RunningServer.Answer a = server.postJson("/v1/collections",
                "{\"name\": \"keyless\", \"fields\": [{\"name\": \"id\", \"type\": \"integer\"}]}");

        JsonNode error = assertError(a, 400, "invalid_collection");
        assertThat(error.get("message").asText()).isEqualTo("a collection needs a key: one or more field names");
        assertThat(error.get("details").get("field").asText()).isEqualTo("key");
    }

    @Test
    void a_body_that_is_not_json_is_400_invalid_json() {
        RunningServer.Answer a = server.post("/v1/collections", "application/json", "{\"name\": ");

        assertError(a, 400, "invalid_json");
    }

    @Test
    void the_list_holds_every_collection_by_name_with_its_record_count() {
        server.createCollection("list_b", "id:integer", "id");
        server.createCollection("list_a", "id:integer", "id");
        server.importCsv("list_b", "", "id\n1\n2\n");

        RunningServer.Answer a = server.get("/v1/collections");

        assertThat(a.status()).isEqualTo(200);
        assertThat(names(a.json())).containsExactly("collections", "next_cursor");
        assertThat(a.json().get("next_cursor").isNull()).isTrue();
        List<String> listed = new ArrayList<>();
        a.json().get("collections").forEach(c -> listed.add(c.get("name").asText()));
        assertThat(listed).isSorted();
        assertThat(listed).containsSubsequence("list_a", "list_b");
        for (JsonNode c : a.json().get("collections")) {
            if (c.get("name").asText().equals("list_a")) {
                assertThat(c.get("record_count").asLong()).isZero();
            }
            if (c.get("name").asText().equals("list_b")) {
                assertThat(c.get("record_count").asLong()).isEqualTo(2);
            }
        }
    }

    @Test
    void showing_a_collection_reports_how_many_records_it_holds() {
        server.createCollection("shown", "id:integer, name:string", "id");
        server.importCsv("shown", "", "id,name\n1,a\n2,b\n3,c\n");

        RunningServer.Answer a = server.get("/v1/collections/shown");

        assertThat(a.status()).isEqualTo(200);
        Collection c = a.as(Collection.class);
        assertThat(c.name()).isEqualTo("shown");
        assertThat(c.recordCount()).isEqualTo(3);
        assertThat(c.fields()).containsExactly(new Collection.Field("id", "integer", true, null),
                new Collection.Field("name", "string", false, null));
    }

    @Test
    void dropping_a_collection_is_204_and_then_it_is_404_collection_not_found() {
        server.createCollection("dropped", "id:integer", "id");
        server.importCsv("dropped", "", "id\n1\n");

        RunningServer.Answer a = server.delete("/v1/collections/dropped");

        assertThat(a.status()).isEqualTo(204);
        assertThat(a.body()).isEmpty();
        JsonNode error = assertError(server.get("/v1/collections/dropped"), 404, "collection_not_found");
        assertThat(error.get("message").asText()).isEqualTo("collection 'dropped' does not exist");
        assertThat(error.get("details").get("collection").asText()).isEqualTo("dropped");
        assertError(server.get("/v1/collections/dropped/records"), 404, "collection_not_found");
        assertError(server.delete("/v1/collections/dropped"), 404, "collection_not_found");
        server.createCollection("dropped", "id:integer", "id");
        assertThat(server.records("dropped")).isEmpty();
    }

    @Test
    void records_read_back_as_fields_plus_system_columns_with_the_importing_job_as_lineage() {
        server.createCollection("shape", "id:integer, name:string, score:number, ok:boolean", "id");
        ImportJob job = server.importCsv("shape", "", "id,name,score,ok\n7,Ada,1.5,true\n");

        List<JsonNode> records = server.records("shape");

        assertThat(records).hasSize(1);
        JsonNode r = records.get(0);
        assertThat(names(r)).containsExactly("id", "name", "score", "ok", "_id", "_import_id", "_created_at",
                "_updated_at");
        assertThat(r.get("id").asLong()).isEqualTo(7);
        assertThat(r.get("name").asText()).isEqualTo("Ada");
        assertThat(r.get("score").decimalValue()).isEqualByComparingTo("1.5");
        assertThat(r.get("ok").asBoolean()).isTrue();
        assertThat(r.get("_import_id").asText()).isEqualTo(job.id());
        assertThat(r.get("_id").asText())
                .matches("[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");
        assertThat(r.get("_created_at").asText()).isEqualTo(r.get("_updated_at").asText());
        assertThat(Instant.parse(r.get("_created_at").asText())).isBetween(job.startedAt(), job.completedAt());
    }

    @Test
    void records_page_with_limit_and_cursor_in_insertion_order_without_gaps_or_repeats() {
        server.createCollection("paged", "id:integer", "id");
        StringBuilder csv = new StringBuilder("id\n");
        for (int i = 1; i <= 25; i++) {
            csv.append(100 - i).append('\n');
        }
        server.importCsv("paged", "", csv.toString());

        List<Long> seen = new ArrayList<>();
        List<Integer> pageSizes = new ArrayList<>();
        String cursor = null;
        do {
            RunningServer.Answer a = server.get("/v1/collections/paged/records?limit=10"
                    + (cursor == null ? "" : "&cursor=" + RunningServer.encode(cursor)));
            assertThat(a.status()).as("%s", a).isEqualTo(200);
            assertThat(names(a.json())).containsExactly("records", "next_cursor");
            pageSizes.add(a.json().get("records").size());
            a.json().get("records").forEach(r -> seen.add(r.get("id").asLong()));
            cursor = a.json().get("next_cursor").isNull() ? null : a.json().get("next_cursor").asText();
        } while (cursor != null);

        assertThat(pageSizes).containsExactly(10, 10, 5);
        List<Long> expected = new ArrayList<>();
        for (int i = 1; i <= 25; i++) {
            expected.add(100L - i);
        }
        assertThat(seen).isEqualTo(expected);
    }

    @Test
    void a_cursor_the_api_never_gave_out_is_400_invalid_option() {
        server.createCollection("cursed", "id:integer", "id");

        JsonNode error = assertError(server.get("/v1/collections/cursed/records?cursor=abc"), 400, "invalid_option");

        assertThat(error.get("details").get("option").asText()).isEqualTo("cursor");
    }

    @Test
    void key_finds_the_one_record_with_that_key_and_nothing_for_an_unknown_key() {
        server.createCollection("keyed", "email:string, age:integer", "email");
        server.importCsv("keyed", "", "email,age\na@x.org,1\nb@x.org,2\nc@x.org,3\n");

        JsonNode b = server.record("keyed", "b@x.org");

        assertThat(b.get("email").asText()).isEqualTo("b@x.org");
        assertThat(b.get("age").asLong()).isEqualTo(2);
        assertThat(server.record("keyed", "nobody@x.org")).isNull();
    }

    @Test
    void key_of_a_composite_key_is_a_json_array_of_its_values_typed_like_the_fields() {
        server.createCollection("composite", "country:string, year:integer, total:integer", "country", "year");
        server.importCsv("composite", "", "country,year,total\nFR,2020,1\nFR,2021,2\nDE,2021,3\n");

        JsonNode found = server.record("composite", "[\"FR\", 2021]");

        assertThat(found.get("total").asLong()).isEqualTo(2);
        JsonNode error = assertError(server.get("/v1/collections/composite/records?key=FR"), 400, "invalid_option");
        assertThat(error.get("details").get("option").asText()).isEqualTo("key");
        assertThat(error.get("message").asText()).isEqualTo("collection composite has the composite key"
                + " [country, year]: give key as a JSON array of 2 values");
    }

    @Test
    void a_key_value_that_does_not_convert_to_the_key_type_is_400_invalid_option() {
        server.createCollection("intkey", "id:integer", "id");

        JsonNode error = assertError(server.get("/v1/collections/intkey/records?key=abc"), 400, "invalid_option");

        assertThat(error.get("details").get("option").asText()).isEqualTo("key");
        assertThat(error.get("message").asText()).isEqualTo("key id: 'abc' is not an integer");
    }

    @Test
    void records_of_an_unknown_collection_are_404_collection_not_found() {
        JsonNode error = assertError(server.get("/v1/collections/nowhere/records"), 404, "collection_not_found");

        assertThat(error.get("details").get("collection").asText()).isEqualTo("nowhere");
    }

    @Test
    void record_ids_are_unique_across_the_collection() {
        server.createCollection("ids", "id:integer", "id");
        StringBuilder csv = new StringBuilder("id\n");
        for (int i = 0; i < 300; i++) {
            csv.append(i).append('\n');
        }
        server.importCsv("ids", "", csv.toString());

        List<JsonNode> records = server.records("ids");

        Set<String> ids = new HashSet<>();
        records.forEach(r -> ids.add(r.get("_id").asText()));
        assertThat(records).hasSize(300);
        assertThat(ids).hasSize(300);
    }
}
