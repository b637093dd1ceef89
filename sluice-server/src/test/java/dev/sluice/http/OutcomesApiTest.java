package dev.sluice.http;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.client.ImportJob;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static dev.sluice.http.ApiAssertions.assertCounts;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Row outcomes against existing records and earlier rows of the same job. Chunks are 3 rows here,
 * so a duplicate can sit in the chunk of the row it repeats (decided before the database) or in a
 * later chunk (decided by the database): both must come out the same.
 */
class OutcomesApiTest {
    /**
     * Chunks of 3: [2 3 4] [5 6 7] [8 9 10] [11]. Line 4 repeats line 2 inside its chunk; lines 6 and
     * 8 repeat lines 3 and 2 from earlier chunks; line 9 repeats line 7 from an earlier chunk and
     * line 10 repeats line 7 again, inside the chunk of line 9.
     */
    private static final String WITH_DUPLICATES = """
            email,name
            a@x.org,A1
            b@x.org,B1
            a@x.org,A2
            c@x.org,C1
            b@x.org,B2
            d@x.org,D1
            a@x.org,A3
            d@x.org,D2
            d@x.org,D3
            e@x.org,E1
            """;

    @RegisterExtension
    static final RunningServer server = RunningServer.sqliteOrPostgres(ServerOptions.chunkRows(3));

    /** Results as "line outcome duplicate_of.line", e.g. {@code "4 skipped 2"}. */
    private static List<String> summary(List<JsonNode> results) {
        return results.stream().map(r -> r.get("line").asLong() + " " + r.get("outcome").asText()
                + (r.get("duplicate_of").isNull() ? "" : " " + r.get("duplicate_of").get("line").asLong())).toList();
    }

    private static Map<String, String> idsByEmail(List<JsonNode> records) {
        Map<String, String> ids = new HashMap<>();
        records.forEach(r -> ids.put(r.get("email").asText(), r.get("_id").asText()));
        return ids;
    }

    @Test
    void in_file_duplicates_are_skipped_pointing_at_the_row_that_was_kept_within_and_across_chunks() {
        server.createCollection("skip_dups", "email:string, name:string", "email");

        ImportJob job = server.importCsv("skip_dups", "results=all&file_name=people.csv", WITH_DUPLICATES);

        assertThat(job.state()).isEqualTo("completed");
        assertCounts(job.counts(), 5, 0, 0, 5, 0);
        List<JsonNode> results = server.results(job.id(), "");
        assertThat(summary(results)).containsExactly("2 created", "3 created", "4 skipped 2", "5 created",
                "6 skipped 3", "7 created", "8 skipped 2", "9 skipped 7", "10 skipped 7", "11 created");
        assertThat(results).filteredOn(r -> !r.get("duplicate_of").isNull())
                .allSatisfy(r -> assertThat(r.get("duplicate_of").get("file").asText()).isEqualTo("people.csv"));
        Map<String, String> ids = idsByEmail(server.records("skip_dups"));
        assertThat(ids).hasSize(5);
        for (JsonNode r : results) {
            assertThat(r.get("record_id").asText()).as("record id of line %s", r.get("line"))
                    .isEqualTo(ids.get(r.get("key").asText()));
        }
        assertThat(server.record("skip_dups", "a@x.org").get("name").asText()).isEqualTo("A1");
        assertThat(server.record("skip_dups", "d@x.org").get("name").asText()).isEqualTo("D1");
    }

    @Test
    void by_default_only_skipped_and_failed_rows_keep_a_result() {
        server.createCollection("skip_default", "email:string, name:string", "email");

        ImportJob job = server.importCsv("skip_default", "", WITH_DUPLICATES);

        assertThat(summary(server.results(job.id(), ""))).containsExactly("4 skipped 2", "6 skipped 3",
                "8 skipped 2", "9 skipped 7", "10 skipped 7");
    }

    @Test
    void a_second_import_of_the_same_keys_leaves_every_record_unchanged() {
        server.createCollection("again", "email:string, name:string", "email");
        String csv = "email,name\na@x.org,A\nb@x.org,B\nc@x.org,C\nd@x.org,D\ne@x.org,E\n";
        ImportJob first = server.importCsv("again", "", csv);
        List<JsonNode> before = server.records("again");

        ImportJob second = server.importCsv("again", "results=all", csv.replace(",A\n", ",changed\n"));

        assertThat(second.state()).isEqualTo("completed");
        assertCounts(second.counts(), 0, 0, 5, 0, 0);
        assertThat(server.records("again")).isEqualTo(before);
        assertThat(server.record("again", "a@x.org").get("name").asText()).isEqualTo("A");
        assertThat(server.record("again", "a@x.org").get("_import_id").asText()).isEqualTo(first.id());
        Map<String, String> ids = idsByEmail(before);
        assertThat(server.results(second.id(), "")).allSatisfy(r -> {
            assertThat(r.get("outcome").asText()).isEqualTo("unchanged");
            assertThat(r.get("record_id").asText()).isEqualTo(ids.get(r.get("key").asText()));
        });
    }

    @Test
    void a_second_import_of_a_file_with_duplicates_counts_the_same_however_the_rows_fall_into_chunks() {
        server.createCollection("again_dups", "email:string, name:string", "email");
        server.importCsv("again_dups", "", WITH_DUPLICATES);

        ImportJob second = server.importCsv("again_dups", "results=all", WITH_DUPLICATES);

        // every key existed before the job: the rows of a@x.org at lines 2, 4 and 8 must agree,
        // whether the repeat shares the first row's chunk (line 4) or not (line 8)
        List<String> outcomes = server.results(second.id(), "").stream().map(ApiAssertions::lineAndOutcome).toList();
        assertThat(outcomes).containsExactly("2 unchanged", "3 unchanged", "4 unchanged", "5 unchanged",
                "6 unchanged", "7 unchanged", "8 unchanged", "9 unchanged", "10 unchanged", "11 unchanged");
        assertCounts(second.counts(), 0, 0, 10, 0, 0);
    }

    @Test
    void on_conflict_update_overwrites_the_record_in_place_keeping_its_id() {
        server.createCollection("updated", "email:string, name:string", "email");
        server.importCsv("updated", "", "email,name\na@x.org,old A\nb@x.org,old B\nc@x.org,old C\n");
        JsonNode a = server.record("updated", "a@x.org");
        JsonNode b = server.record("updated", "b@x.org");

        ImportJob job = server.importCsv("updated", "on_conflict=update&results=all",
                "email,name\na@x.org,new A\nz@x.org,Z\nb@x.org,new B\n");

        assertThat(job.state()).isEqualTo("completed");
        assertThat(job.options().onConflict()).isEqualTo("update");
        assertCounts(job.counts(), 1, 2, 0, 0, 0);
        assertThat(summary(server.results(job.id(), ""))).containsExactly("2 updated", "3 created", "4 updated");
        JsonNode a2 = server.record("updated", "a@x.org");
        assertThat(a2.get("name").asText()).isEqualTo("new A");
        assertThat(a2.get("_id").asText()).isEqualTo(a.get("_id").asText());
        assertThat(a2.get("_import_id").asText()).isEqualTo(job.id());
        assertThat(a2.get("_created_at").asText()).isEqualTo(a.get("_created_at").asText());
        assertThat(Instant.parse(a2.get("_updated_at").asText()))
                .isAfterOrEqualTo(Instant.parse(a.get("_updated_at").asText()));
        assertThat(server.record("updated", "b@x.org").get("name").asText()).isEqualTo("new B");
        assertThat(server.record("updated", "b@x.org").get("_id").asText()).isEqualTo(b.get("_id").asText());
        assertThat(server.record("updated", "c@x.org").get("name").asText()).isEqualTo("old C");
        assertThat(server.records("updated")).hasSize(4);
        assertThat(server.results(job.id(), "outcome=updated").get(0).get("record_id").asText())
                .isEqualTo(a.get("_id").asText());
    }

    @Test
    void on_conflict_update_with_in_file_duplicates_leaves_the_last_row_in_the_record() {
        server.createCollection("update_dups", "email:string, name:string", "email");

        ImportJob job = server.importCsv("update_dups", "on_conflict=update", WITH_DUPLICATES);

        assertThat(job.state()).isEqualTo("completed");
        assertThat(job.counts().processed()).isEqualTo(10);
        assertThat(job.counts().created()).isEqualTo(5);
        assertThat(server.record("update_dups", "a@x.org").get("name").asText()).isEqualTo("A3");
        assertThat(server.record("update_dups", "b@x.org").get("name").asText()).isEqualTo("B2");
        assertThat(server.record("update_dups", "d@x.org").get("name").asText()).isEqualTo("D3");
        assertThat(server.records("update_dups")).hasSize(5);
    }

    @Test
    void on_conflict_fail_fails_rows_whose_key_exists_as_duplicate_key() {
        server.createCollection("fail_existing", "email:string, name:string", "email");
        server.importCsv("fail_existing", "", "email,name\na@x.org,A\n");
        String existing = server.record("fail_existing", "a@x.org").get("_id").asText();

        ImportJob job = server.importCsv("fail_existing", "on_conflict=fail", "email,name\nb@x.org,B\na@x.org,A2\n");

        assertThat(job.state()).isEqualTo("completed_with_errors");
        assertCounts(job.counts(), 1, 0, 0, 0, 1);
        JsonNode failed = server.results(job.id(), "outcome=failed").get(0);
        assertThat(failed.get("line").asLong()).isEqualTo(3);
        assertThat(failed.get("key").asText()).isEqualTo("a@x.org");
        assertThat(failed.get("error").get("code").asText()).isEqualTo("duplicate_key");
        assertThat(failed.get("error").get("message").asText())
                .isEqualTo("a record with this key already exists (" + existing + ")");
        assertThat(server.record("fail_existing", "a@x.org").get("name").asText()).isEqualTo("A");
    }

    @Test
    void on_conflict_fail_fails_in_file_repeats_naming_the_first_line_within_and_across_chunks() {
        server.createCollection("fail_dups", "email:string, name:string", "email");

        ImportJob job = server.importCsv("fail_dups", "on_conflict=fail", WITH_DUPLICATES);

        assertThat(job.state()).isEqualTo("completed_with_errors");
        assertCounts(job.counts(), 5, 0, 0, 0, 5);
        List<JsonNode> failed = server.results(job.id(), "outcome=failed");
        assertThat(failed).extracting(r -> r.get("line").asLong() + ": " + r.get("error").get("message").asText())
                .containsExactly("4: key already appeared at line 2 of this import",
                        "6: key already appeared at line 3 of this import",
                        "8: key already appeared at line 2 of this import",
                        "9: key already appeared at line 7 of this import",
                        "10: key already appeared at line 9 of this import");
        assertThat(failed).allSatisfy(r -> assertThat(r.get("error").get("code").asText()).isEqualTo("duplicate_key"));
        assertThat(server.record("fail_dups", "a@x.org").get("name").asText()).isEqualTo("A1");
    }

    @Test
    void a_case_insensitive_key_treats_keys_differing_only_in_case_as_one() {
        RunningServer.Answer created = server.postJson("/v1/collections", """
                {"name": "ci", "fields": [{"name": "email", "type": "string"}, {"name": "n", "type": "integer"}],
                 "key": ["email"], "key_case_insensitive": true}""");
        assertThat(created.status()).isEqualTo(201);

        ImportJob job = server.importCsv("ci", "", "email,n\nAda@X.org,1\nada@x.org,2\nBOB@x.org,3\n");
        ImportJob again = server.importCsv("ci", "", "email,n\nbob@X.ORG,4\n");

        assertCounts(job.counts(), 2, 0, 0, 1, 0);
        assertCounts(again.counts(), 0, 0, 1, 0, 0);
        assertThat(server.records("ci")).extracting(r -> r.get("email").asText() + "=" + r.get("n").asLong())
                .containsExactly("Ada@X.org=1", "BOB@x.org=3");
    }

    @Test
    void a_composite_key_dedupes_on_all_its_fields_together() {
        server.createCollection("pairs", "country:string, year:integer, total:integer", "country", "year");

        ImportJob job = server.importCsv("pairs", "results=all",
                "country,year,total\nFR,2020,1\nFR,2021,2\nDE,2020,3\nFR,2020,4\n");

        assertCounts(job.counts(), 3, 0, 0, 1, 0);
        JsonNode skipped = server.results(job.id(), "outcome=skipped").get(0);
        assertThat(skipped.get("key").toString()).isEqualTo("[\"FR\",\"2020\"]");
        assertThat(skipped.get("duplicate_of").get("line").asLong()).isEqualTo(2);
    }
}
