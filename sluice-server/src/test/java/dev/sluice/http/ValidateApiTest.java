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
 * Validate-only jobs ({@code job_type=validate}): every row gets exactly the outcome an import of the
 * same data would give it, against the records that exist and the job's own earlier rows, and the
 * collection is left exactly as it was. Chunks of 10 rows, so duplicates are found across chunks
 * (through the job's scratch table of keys, which is empty again once the job ends).
 */
class ValidateApiTest {
    /** Rows on lines 2..: existing keys 1 and 2, new keys, repeats within a chunk and across chunks, bad rows. */
    private static final String DATA = buildData();

    @RegisterExtension
    static final RunningServer server = RunningServer.sqliteOrPostgres(ServerOptions.chunkRows(10));

    private static String buildData() {
        StringBuilder csv = new StringBuilder("id,name\n");
        csv.append("1,new one\n").append("100,a\n").append("100,a again\n").append("2,new two\n");
        for (int i = 101; i < 120; i++) {
            csv.append(i).append(",n").append(i).append('\n');
        }
        csv.append("x,bad id\n").append("100,a third time\n").append("1,one again\n").append(",no id\n");
        for (int i = 120; i < 130; i++) {
            csv.append(i).append(",n").append(i).append('\n');
        }
        csv.append("105,repeat of an earlier chunk\n");
        return csv.toString();
    }

    /** A collection holding records 1..5, written by an earlier import. */
    private static void existing(String collection) {
        server.createCollection(collection, "id:integer, name:string", "id");
        server.importCsv(collection, "", "id,name\n1,old\n2,old\n3,old\n4,old\n5,old\n");
    }

    private static ImportJob run(String collection, String query) {
        return server.importCsv(collection, "results=all&" + query, DATA);
    }

    /** Each result as {@code line outcome [error code] [duplicate of line]}. */
    private static List<String> outcomes(ImportJob job) {
        return server.results(job.id(), "").stream().map(r -> r.get("line").asLong() + " " + r.get("outcome").asText()
                + (r.get("error").isNull() ? "" : " " + r.get("error").get("code").asText())
                + (r.get("duplicate_of").isNull() ? "" : " of " + r.get("duplicate_of").get("line").asLong())).toList();
    }

    private static List<String> recordIds(ImportJob job, String outcome) {
        return server.results(job.id(), "outcome=" + outcome).stream().map(r -> r.get("record_id").asText()).toList();
    }

    private static long scratchKeys() {
        return server.rowsOf("_sluice_validation_keys");
    }

    private static void assertValidationForetellsTheImport(String collection, String onConflict) {
        existing(collection);
        List<JsonNode> before = server.records(collection);

        ImportJob validated = run(collection, "job_type=validate&on_conflict=" + onConflict);

        assertThat(validated.jobType()).isEqualTo("validate");
        assertThat(server.records(collection)).as("validating writes nothing").isEqualTo(before);
        assertThat(scratchKeys()).as("the scratch keys are gone once the job ends").isZero();
        ImportJob imported = run(collection, "on_conflict=" + onConflict);
        assertThat(validated.counts()).isEqualTo(imported.counts());
        assertThat(validated.state()).isEqualTo(imported.state());
        assertThat(outcomes(validated)).isEqualTo(outcomes(imported));
        assertThat(recordIds(validated, "unchanged")).isEqualTo(recordIds(imported, "unchanged"));
        assertThat(recordIds(validated, "created")).allMatch(id -> id.equals("null"));
    }

    @Test
    void with_on_conflict_skip_the_counts_and_every_outcome_are_those_of_the_import() {
        assertValidationForetellsTheImport("validate_skip", "skip");
    }

    @Test
    void with_on_conflict_update_the_counts_and_every_outcome_are_those_of_the_import() {
        assertValidationForetellsTheImport("validate_update", "update");
    }

    @Test
    void with_on_conflict_fail_the_counts_and_every_outcome_are_those_of_the_import() {
        assertValidationForetellsTheImport("validate_fail", "fail");
    }

    @Test
    void the_outcomes_of_a_validation_are_as_computed_by_hand() {
        existing("by_hand");

        ImportJob job = run("by_hand", "job_type=validate");

        assertCounts(job.counts(), 30, 0, 3, 3, 2);
        assertThat(outcomes(job)).startsWith("2 unchanged", "3 created", "4 skipped of 3", "5 unchanged", "6 created")
                .contains("25 failed invalid_value", "26 skipped of 3", "27 unchanged", "28 failed missing_required",
                        "39 skipped of 10");
        assertThat(server.records("by_hand")).hasSize(5);
    }

    @Test
    void a_validation_of_an_empty_collection_reports_every_new_key_as_created_and_stays_empty() {
        server.createCollection("fresh", "id:integer, name:string", "id");

        ImportJob job = server.importAndWait("fresh", "job_type=validate", "text/csv",
                DATA.getBytes(StandardCharsets.UTF_8));

        assertThat(job.state()).isEqualTo("completed_with_errors");
        assertCounts(job.counts(), 32, 0, 0, 4, 2);
        assertThat(server.records("fresh")).isEmpty();
        assertThat(server.get("/v1/collections/fresh").json().get("record_count").asLong()).isZero();
    }

    @Test
    void a_validation_with_an_error_budget_fails_like_the_import_would() {
        existing("validate_budget");

        ImportJob job = server.importCsv("validate_budget", "job_type=validate&error_mode=abort", DATA);

        assertThat(job.state()).isEqualTo("failed");
        assertThat(job.error().code()).isEqualTo("aborted_on_error");
        assertCounts(job.counts(), 20, 0, 2, 1, 1);
        assertThat(server.records("validate_budget")).hasSize(5);
        assertThat(scratchKeys()).isZero();
    }
}
