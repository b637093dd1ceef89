package dev.sluice.http;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.client.ImportJob;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static dev.sluice.http.ApiAssertions.assertCounts;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code on_conflict=update} writes only the records whose values differ ({@code unchanged}
 * otherwise, and nothing written), and {@code on_conflict=merge} overwrites only the fields a row
 * carries (docs/concepts.md, "Row outcomes"). Every import here is first run as a validate-only job,
 * whose outcomes must be those of the import. Chunks of 2 rows, so repeats and shapes of rows fall
 * into several chunks.
 */
class UpsertApiTest {
    @RegisterExtension
    static final RunningServer server = RunningServer.sqliteOrPostgres(ServerOptions.chunkRows(2));

    /** Each result as {@code line outcome [error code field]}. */
    private static List<String> outcomes(ImportJob job) {
        return server.results(job.id(), "").stream().map(r -> r.get("line").asLong() + " " + r.get("outcome").asText()
                + (r.get("error").isNull() ? "" : " " + r.get("error").get("code").asText() + " "
                + r.get("error").get("field").asText())).toList();
    }

    /** Validates, then imports, the same body; asserts the validation foretold the import; answers the import. */
    private static ImportJob foretoldImport(String collection, String query, String contentType, String body) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        List<JsonNode> before = server.records(collection);
        ImportJob validated = server.importAndWait(collection, "results=all&job_type=validate&" + query, contentType,
                bytes);
        assertThat(server.records(collection)).as("validating writes nothing").isEqualTo(before);
        ImportJob imported = server.importAndWait(collection, "results=all&" + query, contentType, bytes);
        assertThat(outcomes(validated)).as("validation of %s", query).isEqualTo(outcomes(imported));
        assertThat(validated.counts()).isEqualTo(imported.counts());
        return imported;
    }

    /** The record's row version on PostgreSQL ({@code xmin}): a new one means the row was written. */
    private static String rowVersion(String collection, String email) {
        String table = server.service().database().dialect().table(collection);
        return server.service().database().read(h -> h.createQuery("SELECT xmin::text FROM " + table
                + " WHERE email = :email").bind("email", email).mapTo(String.class).one());
    }

    @Test
    void update_leaves_a_record_that_already_holds_the_row_s_values_unchanged_and_unwritten() {
        server.createCollection("upd", "email:string!, name:string, age:integer, score:decimal", "email");
        ImportJob first = server.importCsv("upd", "", """
                email,name,age,score
                a@x.org,Ada,36,1.50
                b@x.org,Bob,41,2.0
                c@x.org,Cy,7,
                """);
        JsonNode ada = server.record("upd", "a@x.org");
        String adaVersion = server.onPostgres() ? rowVersion("upd", "a@x.org") : null;

        ImportJob second = foretoldImport("upd", "on_conflict=update", "text/csv", """
                email,name,age,score
                a@x.org,Ada,36,1.50
                b@x.org,Bob,41,2.00
                c@x.org,Cyrus,7,
                d@x.org,Dee,20,4
                a@x.org,Ada,36,1.50
                """);

        assertThat(second.state()).isEqualTo("completed");
        assertCounts(second.counts(), 1, 2, 2, 0, 0);
        // a decimal keeps its scale: 2.0 and 2.00 read back differently, so the row is written
        assertThat(outcomes(second)).containsExactly("2 unchanged", "3 updated", "4 updated", "5 created",
                "6 unchanged");
        assertThat(server.record("upd", "a@x.org")).as("not rewritten").isEqualTo(ada);
        assertThat(ada.get("_import_id").asText()).isEqualTo(first.id());
        if (server.onPostgres()) {
            assertThat(rowVersion("upd", "a@x.org")).as("no new row version").isEqualTo(adaVersion);
        }
        assertThat(server.record("upd", "b@x.org").get("_import_id").asText()).isEqualTo(second.id());
        assertThat(server.record("upd", "c@x.org").get("name").asText()).isEqualTo("Cyrus");
        assertThat(server.record("upd", "c@x.org").get("_import_id").asText()).isEqualTo(second.id());
    }

    /** The record's {@code xmin} and {@code xmax} on PostgreSQL: a new xmax means the row was locked, a page written. */
    private static String rowVersionAndLock(String collection, String email) {
        String table = server.service().database().dialect().table(collection);
        return server.service().database().read(h -> h.createQuery("SELECT xmin::text || ' ' || xmax::text FROM "
                + table + " WHERE email = :email").bind("email", email).mapTo(String.class).one());
    }

    @Test
    void update_of_an_identical_file_neither_writes_nor_locks_its_records() {
        server.createCollection("upd_same", "email:string!, name:string, age:integer", "email");
        String csv = "email,name,age\na@x.org,Ada,36\nb@x.org,Bob,41\nc@x.org,Cy,\nd@x.org,Dee,20\ne@x.org,Eve,5\n";
        server.importCsv("upd_same", "", csv);
        List<String> emails = List.of("a@x.org", "b@x.org", "c@x.org", "d@x.org", "e@x.org");
        List<String> before = server.onPostgres() ? emails.stream().map(e -> rowVersionAndLock("upd_same", e)).toList()
                : null;

        ImportJob again = foretoldImport("upd_same", "on_conflict=update", "text/csv", csv);

        assertCounts(again.counts(), 0, 0, 5, 0, 0);
        if (server.onPostgres()) {
            // an overwrite that finds the values in place still locks the row; an unchanged row is not even locked
            assertThat(emails.stream().map(e -> rowVersionAndLock("upd_same", e)).toList()).isEqualTo(before);
        }
    }

    @Test
    void update_counts_a_key_the_job_wrote_before_as_updated_even_when_the_row_repeats_it_exactly() {
        server.createCollection("upd_repeat", "email:string!, name:string", "email");
        server.importCsv("upd_repeat", "", "email,name\na@x.org,Ada\n");

        ImportJob job = foretoldImport("upd_repeat", "on_conflict=update", "text/csv",
                "email,name\na@x.org,Ada L.\nb@x.org,Bob\na@x.org,Ada L.\nb@x.org,Bob\n");

        assertThat(outcomes(job)).containsExactly("2 updated", "3 created", "4 updated", "5 updated");
        assertThat(server.record("upd_repeat", "a@x.org").get("name").asText()).isEqualTo("Ada L.");
    }

    @Test
    void merge_of_a_csv_subset_overwrites_only_its_columns_and_creates_new_keys_with_the_rest_null() {
        server.createCollection("mrg", "email:string!, name:string!, age:integer, city:string", "email");
        ImportJob first = server.importCsv("mrg", "", "email,name,age,city\na@x.org,Ada,36,Paris\nb@x.org,Bob,41,Rome\n");
        JsonNode bob = server.record("mrg", "b@x.org");

        ImportJob ages = foretoldImport("mrg", "on_conflict=merge", "text/csv",
                "email,age\na@x.org,37\nb@x.org,41\nc@x.org,5\n");

        assertThat(outcomes(ages)).containsExactly("2 updated", "3 unchanged", "4 failed missing_required name");
        assertCounts(ages.counts(), 0, 1, 1, 0, 1);
        JsonNode ada = server.record("mrg", "a@x.org");
        assertThat(ada.get("age").asLong()).isEqualTo(37);
        assertThat(ada.get("name").asText()).isEqualTo("Ada");
        assertThat(ada.get("city").asText()).isEqualTo("Paris");
        assertThat(ada.get("_import_id").asText()).isEqualTo(ages.id());
        assertThat(server.record("mrg", "b@x.org")).as("unchanged, not rewritten").isEqualTo(bob);
        assertThat(bob.get("_import_id").asText()).isEqualTo(first.id());
        assertThat(server.record("mrg", "c@x.org")).isNull();

        ImportJob cities = foretoldImport("mrg", "on_conflict=merge", "text/csv",
                "name,email,city\nAda,a@x.org,\nDee,d@x.org,Oslo\n");

        assertThat(outcomes(cities)).containsExactly("2 updated", "3 created");
        assertThat(server.record("mrg", "a@x.org").get("city").isNull()).as("an empty cell sets null").isTrue();
        assertThat(server.record("mrg", "a@x.org").get("age").asLong()).isEqualTo(37);
        JsonNode dee = server.record("mrg", "d@x.org");
        assertThat(dee.get("name").asText()).isEqualTo("Dee");
        assertThat(dee.get("city").asText()).isEqualTo("Oslo");
        assertThat(dee.get("age").isNull()).isTrue();
    }

    @Test
    void merge_of_json_rows_keeps_absent_members_and_sets_explicit_nulls_row_by_row() {
        server.createCollection("mrg_json", "id:integer!, name:string!, tags:json, note:string", "id");
        server.importAndWait("mrg_json", "", "application/x-ndjson", """
                {"id": 1, "name": "One", "tags": ["a"], "note": "n1"}
                {"id": 2, "name": "Two", "tags": {"x": 1}, "note": "n2"}
                """.getBytes(StandardCharsets.UTF_8));
        JsonNode two = server.record("mrg_json", "2");

        ImportJob job = foretoldImport("mrg_json", "on_conflict=merge", "application/x-ndjson", """
                {"id": 1, "note": null}
                {"id": 2, "name": "Two", "tags": {"x": 1}}
                {"id": 3, "name": "Three"}
                {"id": 4, "note": "no name"}
                {"id": 1, "tags": ["b"]}
                """);

        assertThat(outcomes(job)).containsExactly("1 updated", "2 unchanged", "3 created",
                "4 failed missing_required name", "5 updated");
        JsonNode one = server.record("mrg_json", "1");
        assertThat(one.get("name").asText()).isEqualTo("One");
        assertThat(one.get("note").isNull()).as("explicit null sets null").isTrue();
        assertThat(one.get("tags").toString()).isEqualTo("[\"b\"]");
        assertThat(server.record("mrg_json", "2")).isEqualTo(two);
        JsonNode three = server.record("mrg_json", "3");
        assertThat(three.get("tags").isNull()).isTrue();
        assertThat(three.get("note").isNull()).isTrue();
        assertThat(server.record("mrg_json", "4")).isNull();
    }
}
