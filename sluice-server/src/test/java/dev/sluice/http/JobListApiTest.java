package dev.sluice.http;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.client.ImportJob;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;

import static dev.sluice.http.ApiAssertions.assertError;
import static dev.sluice.http.ApiAssertions.names;
import static org.assertj.core.api.Assertions.assertThat;

/** {@code GET /v1/imports}: newest first, filtered by state and collection, paged by limit and cursor. */
class JobListApiTest {
    @RegisterExtension
    static final RunningServer server = RunningServer.sqliteOrPostgres(ServerOptions.chunkRows(100));
    /** Jobs of collection list_a, oldest first: completed, failed, completed_with_errors, completed. */
    static List<ImportJob> listA = new ArrayList<>();
    static List<ImportJob> listB = new ArrayList<>();

    @BeforeAll
    static void start() {
        server.createCollection("list_a", "id:integer, age:integer", "id");
        server.createCollection("list_b", "id:integer, age:integer", "id");
        listA.add(server.importCsv("list_a", "", "id,age\n1,1\n"));
        listB.add(server.importCsv("list_b", "", "id,age\n1,1\n"));
        listA.add(server.importCsv("list_a", "error_mode=abort", "id,age\n2,x\n"));
        listA.add(server.importCsv("list_a", "", "id,age\n3,x\n4,4\n"));
        listB.add(server.importCsv("list_b", "", "id,age\n2,2\n"));
        listA.add(server.importCsv("list_a", "", "id,age\n5,5\n"));
    }

    private static List<String> ids(RunningServer.Answer a) {
        assertThat(a.status()).as("%s", a).isEqualTo(200);
        List<String> ids = new ArrayList<>();
        a.json().get("imports").forEach(j -> ids.add(j.get("id").asText()));
        return ids;
    }

    private static List<String> newestFirst(List<ImportJob> jobs) {
        List<String> ids = new ArrayList<>(jobs.stream().map(ImportJob::id).toList());
        Collections.reverse(ids);
        return ids;
    }

    @Test
    void the_list_holds_every_job_newest_first() {
        RunningServer.Answer a = server.get("/v1/imports");

        assertThat(names(a.json())).containsExactly("imports", "next_cursor");
        assertThat(a.json().get("next_cursor").isNull()).isTrue();
        List<ImportJob> all = new ArrayList<>();
        all.add(listA.get(0));
        all.add(listB.get(0));
        all.add(listA.get(1));
        all.add(listA.get(2));
        all.add(listB.get(1));
        all.add(listA.get(3));
        assertThat(ids(a)).isEqualTo(newestFirst(all));
        List<Instant> created = new ArrayList<>();
        a.json().get("imports").forEach(j -> created.add(Instant.parse(j.get("created_at").asText())));
        assertThat(created).isSortedAccordingTo(Comparator.reverseOrder());
    }

    @Test
    void list_entries_are_status_documents_without_results() {
        JsonNode first = server.get("/v1/imports?collection=list_b").json().get("imports").get(0);

        assertThat(first.get("id").asText()).isEqualTo(listB.get(1).id());
        assertThat(first.get("state").asText()).isEqualTo("completed");
        assertThat(first.get("counts").get("created").asLong()).isEqualTo(1);
        assertThat(first.has("results")).isFalse();
        assertThat(first.get("links").get("self").asText()).isEqualTo("/v1/imports/" + listB.get(1).id());
    }

    @Test
    void the_collection_filter_gives_only_that_collections_jobs() {
        assertThat(ids(server.get("/v1/imports?collection=list_a"))).isEqualTo(newestFirst(listA));
        assertThat(ids(server.get("/v1/imports?collection=list_b"))).isEqualTo(newestFirst(listB));
        assertThat(ids(server.get("/v1/imports?collection=nothing_here"))).isEmpty();
    }

    @Test
    void the_state_filter_gives_only_jobs_in_that_state() {
        assertThat(ids(server.get("/v1/imports?state=failed"))).containsExactly(listA.get(1).id());
        assertThat(ids(server.get("/v1/imports?state=completed_with_errors"))).containsExactly(listA.get(2).id());
        assertThat(ids(server.get("/v1/imports?state=completed&collection=list_a")))
                .containsExactly(listA.get(3).id(), listA.get(0).id());
        assertThat(ids(server.get("/v1/imports?state=running"))).isEmpty();
    }

    @Test
    void limit_and_cursor_page_through_the_list_without_gaps_or_repeats() {
        RunningServer.Answer first = server.get("/v1/imports?collection=list_a&limit=3");
        String cursor = first.json().get("next_cursor").asText();
        RunningServer.Answer second = server.get("/v1/imports?collection=list_a&limit=3&cursor="
                + RunningServer.encode(cursor));

        List<String> expected = newestFirst(listA);
        assertThat(ids(first)).isEqualTo(expected.subList(0, 3));
        assertThat(cursor).isEqualTo(expected.get(2));
        assertThat(ids(second)).isEqualTo(expected.subList(3, 4));
        assertThat(second.json().get("next_cursor").isNull()).isTrue();
    }

    @Test
    void a_limit_equal_to_the_number_of_jobs_gives_one_page_and_no_cursor() {
        RunningServer.Answer a = server.get("/v1/imports?collection=list_a&limit=4");

        assertThat(ids(a)).hasSize(4);
        assertThat(a.json().get("next_cursor").isNull()).isTrue();
    }

    @Test
    void an_unknown_state_or_a_bad_limit_is_400_invalid_option_naming_it() {
        JsonNode state = assertError(server.get("/v1/imports?state=done"), 400, "invalid_option");
        JsonNode limit = assertError(server.get("/v1/imports?limit=0"), 400, "invalid_option");
        JsonNode big = assertError(server.get("/v1/imports?limit=1001"), 400, "invalid_option");

        assertThat(state.get("details").get("option").asText()).isEqualTo("state");
        assertThat(state.get("message").asText()).isEqualTo("state must be one of open, queued, running, completed,"
                + " completed_with_errors, failed, cancelled; got 'done'");
        assertThat(limit.get("details").get("option").asText()).isEqualTo("limit");
        assertThat(big.get("message").asText()).isEqualTo("limit must be between 1 and 1000, got 1001");
    }
}
