package dev.sluice.http;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.client.ImportJob;
import dev.sluice.client.JobError;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static dev.sluice.http.ApiAssertions.assertCounts;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code max_errors} and {@code error_mode=abort}: the job fails at the row that exhausts its
 * allowance, and exactly the rows before it (and that row's failure) stay committed. Chunks are 10
 * rows and several chunks share a transaction, so the cut falls inside a chunk of a batch that
 * has to be rolled back and redone up to that row.
 */
class ErrorBudgetApiTest {
    @RegisterExtension
    static final RunningServer server = RunningServer.sqliteOrPostgres(ServerOptions.chunkRows(10));

    /** Rows with ids 1..{@code rows} (row i on line i + 1); the ids in {@code bad} have an age that is not a number. */
    private static String people(int rows, Set<Integer> bad) {
        StringBuilder csv = new StringBuilder("id,age\n");
        for (int i = 1; i <= rows; i++) {
            csv.append(i).append(',').append(bad.contains(i) ? "old" : String.valueOf(20 + i)).append('\n');
        }
        return csv.toString();
    }

    private static List<Long> ids(List<JsonNode> records) {
        return records.stream().map(r -> r.get("id").asLong()).toList();
    }

    private static List<Long> range(int from, int to, Set<Integer> except) {
        List<Long> ids = new ArrayList<>();
        for (int i = from; i <= to; i++) {
            if (!except.contains(i)) {
                ids.add((long) i);
            }
        }
        return ids;
    }

    @Test
    void more_failed_rows_than_max_errors_fail_the_job_at_the_row_that_exceeded_it_keeping_what_came_before() {
        server.createCollection("budget", "id:integer, age:integer", "id");
        Set<Integer> bad = Set.of(5, 17, 23, 31, 44);

        ImportJob job = server.importCsv("budget", "max_errors=2", people(50, bad));

        assertThat(job.state()).isEqualTo("failed");
        assertThat(job.options().maxErrors()).isEqualTo(2L);
        assertThat(job.error()).isEqualTo(new JobError("error_budget_exceeded",
                "3 rows failed, more than max_errors=2; 23 rows were processed and their effects committed"));
        assertCounts(job.counts(), 20, 0, 0, 0, 3);
        assertThat(job.files().get(0).state()).isEqualTo("failed");
        assertThat(job.files().get(0).counts()).isEqualTo(job.counts());
        List<JsonNode> records = server.records("budget");
        assertThat(records).hasSize((int) job.counts().created());
        assertThat(ids(records)).isEqualTo(range(1, 23, bad));
        assertThat(server.results(job.id(), "outcome=failed")).extracting(r -> r.get("line").asLong())
                .containsExactly(6L, 18L, 24L);
        assertThat(job.errorSamples()).containsExactly("upload.csv line 6: age: 'old' is not an integer",
                "upload.csv line 18: age: 'old' is not an integer", "upload.csv line 24: age: 'old' is not an integer");
    }

    @Test
    void exactly_max_errors_failed_rows_do_not_fail_the_job() {
        server.createCollection("budget_met", "id:integer, age:integer", "id");

        ImportJob job = server.importCsv("budget_met", "max_errors=5", people(50, Set.of(5, 17, 23, 31, 44)));

        assertThat(job.state()).isEqualTo("completed_with_errors");
        assertThat(job.error()).isNull();
        assertCounts(job.counts(), 45, 0, 0, 0, 5);
        assertThat(server.records("budget_met")).hasSize(45);
    }

    @Test
    void max_errors_zero_fails_the_job_at_the_first_failed_row() {
        server.createCollection("budget_zero", "id:integer, age:integer", "id");

        ImportJob job = server.importCsv("budget_zero", "max_errors=0", people(30, Set.of(12, 20)));

        assertThat(job.state()).isEqualTo("failed");
        assertThat(job.error().code()).isEqualTo("error_budget_exceeded");
        assertCounts(job.counts(), 11, 0, 0, 0, 1);
        assertThat(ids(server.records("budget_zero"))).isEqualTo(range(1, 11, Set.of()));
    }

    @Test
    void error_mode_abort_fails_the_job_at_the_first_failed_row_and_commits_only_the_rows_before_it() {
        server.createCollection("abort", "id:integer, age:integer", "id");

        ImportJob job = server.importCsv("abort", "error_mode=abort", people(50, Set.of(25, 26, 40)));

        assertThat(job.state()).isEqualTo("failed");
        assertThat(job.options().errorMode()).isEqualTo("abort");
        assertThat(job.error()).isEqualTo(new JobError("aborted_on_error", "stopped at the first failed row"
                + " (error_mode=abort); 25 rows were processed and their effects committed"));
        assertCounts(job.counts(), 24, 0, 0, 0, 1);
        assertThat(ids(server.records("abort"))).isEqualTo(range(1, 24, Set.of()));
        List<JsonNode> results = server.results(job.id(), "");
        assertThat(results).hasSize(1);
        assertThat(results.get(0).get("line").asLong()).isEqualTo(26);
        assertThat(results.get(0).get("error").get("code").asText()).isEqualTo("invalid_value");
        assertThat(job.retryable()).isFalse();
    }

    @Test
    void error_mode_abort_at_the_first_row_of_a_chunk_commits_the_chunks_before_it() {
        server.createCollection("abort_edge", "id:integer, age:integer", "id");

        ImportJob job = server.importCsv("abort_edge", "error_mode=abort", people(50, Set.of(21)));

        assertThat(job.error().code()).isEqualTo("aborted_on_error");
        assertCounts(job.counts(), 20, 0, 0, 0, 1);
        assertThat(ids(server.records("abort_edge"))).isEqualTo(range(1, 20, Set.of()));
    }

    @Test
    void error_mode_abort_at_the_last_row_of_a_chunk_commits_that_chunk_and_nothing_after() {
        server.createCollection("abort_last", "id:integer, age:integer", "id");

        ImportJob job = server.importCsv("abort_last", "error_mode=abort", people(50, Set.of(30)));

        assertThat(job.error().code()).isEqualTo("aborted_on_error");
        assertCounts(job.counts(), 29, 0, 0, 0, 1);
        assertThat(ids(server.records("abort_last"))).isEqualTo(range(1, 29, Set.of()));
    }

    @Test
    void error_mode_abort_on_a_clean_file_completes() {
        server.createCollection("abort_clean", "id:integer, age:integer", "id");

        ImportJob job = server.importCsv("abort_clean", "error_mode=abort", people(50, Set.of()));

        assertThat(job.state()).isEqualTo("completed");
        assertCounts(job.counts(), 50, 0, 0, 0, 0);
    }

    @Test
    void skipped_duplicates_do_not_count_against_the_error_budget() {
        server.createCollection("budget_dups", "id:integer, age:integer", "id");

        ImportJob job = server.importCsv("budget_dups", "max_errors=0", "id,age\n1,20\n1,21\n2,22\n2,23\n");

        assertThat(job.state()).isEqualTo("completed");
        assertCounts(job.counts(), 2, 0, 0, 2, 0);
    }
}
