package dev.sluice.http;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.client.ImportJob;
import dev.sluice.client.JobError;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.List;
import java.util.Set;

import static dev.sluice.http.ApiAssertions.assertCounts;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code atomic=true} (docs/concepts.md, "Atomic imports"): the rows of a job that ends within its
 * error budget are all written, in the transaction that ends it, with counts and results of what
 * really happened; a job over its budget leaves the collection exactly as it was. Chunks are 10 rows,
 * so the staged rows are applied in several batches.
 */
class AtomicApiTest {
    @RegisterExtension
    static final RunningServer server = RunningServer.sqliteOrPostgres(ServerOptions.chunkRows(10));

    /** Rows with ids {@code from..to} (the first on line 2); the ids in {@code bad} have an age that is not a number. */
    private static String people(int from, int to, Set<Integer> bad, int ageBase) {
        StringBuilder csv = new StringBuilder("id,age\n");
        for (int i = from; i <= to; i++) {
            csv.append(i).append(',').append(bad.contains(i) ? "old" : String.valueOf(ageBase + i)).append('\n');
        }
        return csv.toString();
    }

    private static long stagingTables(RunningServer server) {
        String catalogue = server.onPostgres()
                ? "pg_catalog.pg_tables WHERE tablename LIKE '\\_sluice\\_atomic\\_%'"
                : "sqlite_master WHERE name LIKE '\\_sluice\\_atomic\\_%' ESCAPE '\\'";
        return server.rowsOf(catalogue);
    }

    @Test
    void a_job_within_its_budget_writes_every_row_through_the_sink_and_counts_what_happened() {
        server.createCollection("atomic_ok", "id:integer, age:integer", "id");
        server.importCsv("atomic_ok", "", people(1, 20, Set.of(), 100));

        ImportJob job = server.importCsv("atomic_ok", "atomic=true&on_conflict=update&max_errors=2&results=all",
                people(11, 45, Set.of(30, 40), 200) + "12,999\n");

        assertThat(job.state()).isEqualTo("completed_with_errors");
        assertThat(job.options().atomic()).isTrue();
        assertCounts(job.counts(), 23, 11, 0, 0, 2);
        assertThat(job.files().get(0).counts()).isEqualTo(job.counts());
        List<JsonNode> records = server.records("atomic_ok");
        assertThat(records).hasSize(43);
        assertThat(server.record("atomic_ok", "12").get("age").asInt()).isEqualTo(999);
        assertThat(server.record("atomic_ok", "45").get("age").asInt()).isEqualTo(245);
        assertThat(server.record("atomic_ok", "5").get("age").asInt()).isEqualTo(105);
        assertThat(server.results(job.id(), "outcome=created")).hasSize(23);
        assertThat(server.results(job.id(), "outcome=updated")).extracting(r -> r.get("line").asLong())
                .containsExactly(2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L, 10L, 11L, 37L);
        assertThat(server.results(job.id(), "outcome=failed")).extracting(r -> r.get("line").asLong())
                .containsExactly(21L, 31L);
        assertThat(server.results(job.id(), "")).hasSize(36);
        assertThat(stagingTables(server)).as("the staging table is dropped as the job ends").isZero();
    }

    @Test
    void a_job_over_its_budget_leaves_the_collection_exactly_as_it_was() {
        server.createCollection("atomic_over", "id:integer, age:integer", "id");
        server.importCsv("atomic_over", "", people(1, 20, Set.of(), 100));
        List<JsonNode> before = server.records("atomic_over");

        ImportJob job = server.importCsv("atomic_over", "atomic=true&on_conflict=update&max_errors=2",
                people(11, 60, Set.of(15, 33, 47), 200));

        assertThat(job.state()).isEqualTo("failed");
        assertThat(job.error()).isEqualTo(new JobError("error_budget_exceeded", "3 rows failed, more than"
                + " max_errors=2; 37 rows were processed; nothing was written to the collection (atomic=true)"));
        assertThat(server.records("atomic_over")).isEqualTo(before);
        assertThat(stagingTables(server)).isZero();
    }

    @Test
    void abort_on_the_first_failed_row_writes_nothing_and_a_clean_file_writes_everything() {
        server.createCollection("atomic_abort", "id:integer, age:integer", "id");

        ImportJob aborted = server.importCsv("atomic_abort", "atomic=true&error_mode=abort",
                people(1, 50, Set.of(44), 0));
        ImportJob clean = server.importCsv("atomic_abort", "atomic=true", people(1, 50, Set.of(), 0));

        assertThat(aborted.state()).isEqualTo("failed");
        assertThat(aborted.error().code()).isEqualTo("aborted_on_error");
        assertThat(clean.state()).isEqualTo("completed");
        assertCounts(clean.counts(), 50, 0, 0, 0, 0);
        assertThat(server.records("atomic_abort")).hasSize(50);
    }

    @Test
    void atomic_is_a_flag_and_a_member_of_the_job_request() {
        server.createCollection("atomic_flag", "id:integer, age:integer", "id");

        RunningServer.Answer refused = server.post("/v1/collections/atomic_flag/import?atomic=maybe", "text/csv",
                "id,age\n1,2\n");
        ImportJob plain = server.importCsv("atomic_flag", "", "id,age\n1,2\n");

        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.json().get("error").get("code").asText()).isEqualTo("invalid_option");
        assertThat(plain.options().atomic()).isFalse();
    }

    /**
     * {@code merge} overwrites only the fields a row carries, in an atomic job too: the staging table
     * keeps each row's carried fields, so the apply tells an absent field from a null one (a CSV
     * without the column, a JSON object without the member) and an explicit JSON null still sets null.
     */
    @Test
    void atomic_merge_overwrites_only_the_fields_each_row_carried() {
        server.createCollection("atomic_merge", "id:integer, age:integer, name:string", "id");
        server.importCsv("atomic_merge", "", "id,age,name\n1,2,ann\n2,5,bob\n4,8,dan\n");

        ImportJob csv = server.importCsv("atomic_merge", "atomic=true&on_conflict=merge", "id,age\n1,3\n3,7\n");
        ImportJob json = server.importAndWait("atomic_merge", "atomic=true&on_conflict=merge",
                "application/x-ndjson", ("{\"id\":2,\"name\":null}\n{\"id\":1,\"age\":3}\n"
                        + "{\"id\":4,\"name\":\"dana\"}\n").getBytes(java.nio.charset.StandardCharsets.UTF_8));

        assertThat(csv.state()).isEqualTo("completed");
        assertCounts(csv.counts(), 1, 1, 0, 0, 0);
        assertThat(json.state()).isEqualTo("completed");
        assertCounts(json.counts(), 0, 2, 1, 0, 0);
        JsonNode one = server.record("atomic_merge", "1");
        assertThat(one.get("age").asInt()).isEqualTo(3);
        assertThat(one.get("name").asText()).as("absent from the CSV: kept").isEqualTo("ann");
        assertThat(server.record("atomic_merge", "3").get("name").isNull()).as("a new key: absent fields null").isTrue();
        JsonNode two = server.record("atomic_merge", "2");
        assertThat(two.get("age").asInt()).as("absent from the JSON object: kept").isEqualTo(5);
        assertThat(two.get("name").isNull()).as("an explicit null sets null").isTrue();
        JsonNode four = server.record("atomic_merge", "4");
        assertThat(four.get("age").asInt()).isEqualTo(8);
        assertThat(four.get("name").asText()).isEqualTo("dana");
        assertThat(stagingTables(server)).isZero();
    }
}
