package dev.sluice.http;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.client.ImportJob;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static dev.sluice.http.ApiAssertions.assertCounts;
import static dev.sluice.http.ApiAssertions.assertError;
import static dev.sluice.http.ApiAssertions.names;
import static org.assertj.core.api.Assertions.assertThat;

/** {@code GET /v1/imports/{id}/results}: JSON pages, filters, JSON lines, CSV, and the fix-and-resubmit loop. */
class ResultsApiTest {
    private static final String PEOPLE = """
            email,name,age
            a@x.org,Ada,36
            b@x.org,"Bob, Jr.",abc
            c@x.org,Cy,41
            d@x.org,,x1
            e@x.org,"",50
            """;

    @RegisterExtension
    static final RunningServer server = RunningServer.sqliteOrPostgres(ServerOptions.chunkRows(100));

    /** 250 rows over three chunks; every seventh has a bad age. */
    private static ImportJob bigImport(String collection) {
        server.createCollection(collection, "id:integer, age:integer", "id");
        StringBuilder csv = new StringBuilder("id,age\n");
        for (int i = 1; i <= 250; i++) {
            csv.append(i).append(',').append(i % 7 == 0 ? "n/a" : "1").append('\n');
        }
        return server.importCsv(collection, "results=all", csv.toString());
    }

    @Test
    void json_pages_walked_with_limit_and_cursor_give_every_result_once_in_order() {
        ImportJob job = bigImport("paged_results");

        List<Long> lines = new ArrayList<>();
        List<Integer> sizes = new ArrayList<>();
        String cursor = null;
        do {
            RunningServer.Answer a = server.get("/v1/imports/" + job.id() + "/results?limit=7"
                    + (cursor == null ? "" : "&cursor=" + RunningServer.encode(cursor)));
            assertThat(a.status()).as("%s", a).isEqualTo(200);
            assertThat(names(a.json())).containsExactly("results", "next_cursor");
            sizes.add(a.json().get("results").size());
            a.json().get("results").forEach(r -> lines.add(r.get("line").asLong()));
            cursor = a.json().get("next_cursor").isNull() ? null : a.json().get("next_cursor").asText();
        } while (cursor != null);

        assertThat(lines).hasSize(250);
        assertThat(new HashSet<>(lines)).hasSize(250);
        assertThat(lines).isSorted();
        assertThat(lines.get(0)).isEqualTo(2);
        assertThat(lines.get(249)).isEqualTo(251);
        assertThat(sizes).hasSize(36);
        assertThat(sizes.subList(0, 35)).containsOnly(7);
        assertThat(sizes.get(35)).isEqualTo(5);
    }

    @Test
    void the_outcome_filter_gives_only_that_outcome() {
        ImportJob job = bigImport("filtered_results");
        assertCounts(job.counts(), 215, 0, 0, 0, 35);

        List<JsonNode> failed = server.results(job.id(), "outcome=failed");
        List<JsonNode> created = server.results(job.id(), "outcome=created");

        assertThat(failed).hasSize(35);
        assertThat(failed).allSatisfy(r -> {
            assertThat(r.get("outcome").asText()).isEqualTo("failed");
            assertThat((r.get("line").asLong() - 1) % 7).isZero();
            assertThat(r.get("record_id").isNull()).isTrue();
        });
        assertThat(created).hasSize(215);
        assertThat(created).allSatisfy(r -> assertThat(r.get("outcome").asText()).isEqualTo("created"));
        assertThat(server.results(job.id(), "outcome=updated")).isEmpty();
    }

    @Test
    void results_all_keeps_the_created_rows_with_the_id_of_the_record_each_created() {
        ImportJob job = bigImport("created_results");
        Map<String, String> ids = new HashMap<>();
        server.records("created_results").forEach(r -> ids.put(r.get("id").asText(), r.get("_id").asText()));

        List<JsonNode> created = server.results(job.id(), "outcome=created");

        assertThat(ids).hasSize(215);
        assertThat(created).hasSize(215);
        for (JsonNode r : created) {
            assertThat(r.get("record_id").asText()).as("line %s", r.get("line"))
                    .isEqualTo(ids.get(r.get("key").asText()));
            assertThat(r.get("error").isNull()).isTrue();
            assertThat(r.get("duplicate_of").isNull()).isTrue();
        }
    }

    @Test
    void by_default_created_rows_keep_no_result() {
        server.createCollection("errors_only", "email:string, name:string, age:integer", "email");

        ImportJob job = server.importCsv("errors_only", "", PEOPLE);

        assertThat(job.options().results()).isEqualTo("errors");
        assertThat(server.results(job.id(), "")).extracting(r -> r.get("outcome").asText())
                .containsExactly("failed", "failed");
    }

    @Test
    void jsonl_streams_the_same_results_one_per_line() {
        ImportJob job = bigImport("jsonl_results");
        List<JsonNode> pages = server.results(job.id(), "");

        RunningServer.Answer a = server.get("/v1/imports/" + job.id() + "/results?format=jsonl");

        assertThat(a.status()).isEqualTo(200);
        assertThat(a.header("Content-Type")).startsWith("application/x-ndjson");
        List<String> lines = a.text().lines().filter(l -> !l.isEmpty()).toList();
        assertThat(lines).hasSize(250);
        List<JsonNode> parsed = new ArrayList<>();
        for (String l : lines) {
            parsed.add(new RunningServer.Answer(200, a.headers(), l.getBytes(StandardCharsets.UTF_8)).json());
        }
        assertThat(parsed).isEqualTo(pages);
    }

    @Test
    void jsonl_honours_the_outcome_filter_and_limit() {
        ImportJob job = bigImport("jsonl_limited");

        RunningServer.Answer a = server.get("/v1/imports/" + job.id() + "/results?format=jsonl&outcome=failed&limit=4");

        List<String> lines = a.text().lines().filter(l -> !l.isEmpty()).toList();
        assertThat(lines).hasSize(4);
        assertThat(lines).allMatch(l -> l.contains("\"outcome\":\"failed\""));
    }

    @Test
    void csv_of_all_results_has_one_column_per_member_of_a_result() {
        server.createCollection("csv_results", "email:string, name:string, age:integer", "email");
        ImportJob job = server.importCsv("csv_results", "results=all", "email,name,age\na@x.org,A,1\na@x.org,B,2\n");
        String id = server.record("csv_results", "a@x.org").get("_id").asText();

        RunningServer.Answer a = server.get("/v1/imports/" + job.id() + "/results?format=csv");

        assertThat(a.status()).isEqualTo(200);
        assertThat(a.header("Content-Type")).startsWith("text/csv");
        assertThat(a.text()).isEqualTo("file,line,key,outcome,record_id,error_code,error_field,error_message,"
                + "duplicate_of_file,duplicate_of_line\n"
                + "upload.csv,2,a@x.org,created," + id + ",,,,,\n"
                + "upload.csv,3,a@x.org,skipped," + id + ",,,,upload.csv,2\n");
    }

    @Test
    void the_failed_rows_csv_has_the_original_columns_then_line_and_error() {
        server.createCollection("failed_csv", "email:string, name:string, age:integer", "email");
        ImportJob job = server.importCsv("failed_csv", "", PEOPLE);

        RunningServer.Answer a = server.get(job.links().failedRows());

        assertThat(a.status()).isEqualTo(200);
        assertThat(a.header("Content-Type")).startsWith("text/csv");
        assertThat(a.header("Content-Disposition")).isEqualTo("attachment; filename=\"" + job.id() + "-failed.csv\"");
        assertThat(a.text()).isEqualTo("""
                email,name,age,_line,_error_code,_error_field,_error_message,_raw
                b@x.org,"Bob, Jr.",abc,3,invalid_value,age,'abc' is not an integer,
                d@x.org,,x1,5,invalid_value,age,'x1' is not an integer,
                """);
    }

    @Test
    void a_json_page_s_cursor_reads_the_next_page_of_the_failed_rows_csv() {
        server.createCollection("failed_paged", "email:string, age:integer", "email");
        StringBuilder csv = new StringBuilder("email,age\n");
        for (int i = 1; i <= 9; i++) {
            csv.append('p').append(i).append("@x.org,").append(i % 3 == 0 ? "x" + i : String.valueOf(i)).append('\n');
        }
        ImportJob job = server.importCsv("failed_paged", "", csv.toString());
        String results = "/v1/imports/" + job.id() + "/results?outcome=failed&limit=2";

        String cursor = server.get(results).json().get("next_cursor").asText();
        RunningServer.Answer second = server.get(results + "&format=csv&cursor=" + RunningServer.encode(cursor));

        assertThat(second.text()).isEqualTo("""
                email,age,_line,_error_code,_error_field,_error_message,_raw
                p9@x.org,x9,10,invalid_value,age,'x9' is not an integer,
                """);
        assertThat(server.get(results + "&format=csv").text()).contains("p3@x.org,x3,4,").contains("p6@x.org,x6,7,")
                .doesNotContain("p9@x.org");
    }

    @Test
    void the_failed_rows_csv_fixed_and_submitted_again_creates_the_rows_ignoring_the_extra_columns() {
        server.createCollection("resubmit", "email:string, name:string, age:integer", "email");
        ImportJob first = server.importCsv("resubmit", "", PEOPLE);
        String failedRows = server.get(first.links().failedRows()).text();

        String fixed = failedRows.replace(",abc,", ",37,").replace(",x1,", ",44,");
        ImportJob second = server.importCsv("resubmit", "results=all", fixed);

        assertThat(second.state()).isEqualTo("completed");
        assertCounts(second.counts(), 2, 0, 0, 0, 0);
        JsonNode b = server.record("resubmit", "b@x.org");
        assertThat(b.get("name").asText()).isEqualTo("Bob, Jr.");
        assertThat(b.get("age").asLong()).isEqualTo(37);
        JsonNode d = server.record("resubmit", "d@x.org");
        assertThat(d.get("name").isNull()).isTrue();
        assertThat(d.get("age").asLong()).isEqualTo(44);
        assertThat(server.record("resubmit", "e@x.org").get("name").asText()).isEmpty();
        assertThat(server.records("resubmit")).hasSize(5);
    }

    @Test
    void the_failed_rows_csv_of_an_ndjson_import_takes_its_columns_from_the_failed_objects() {
        server.createCollection("failed_json", "id:integer, name:string", "id");
        ImportJob job = server.importAndWait("failed_json", "", "application/x-ndjson",
                "{\"id\": 1, \"name\": \"a\"}\n{\"id\": \"x\", \"name\": \"b\"}\n{\"name\": \"c\", \"id\": 3.5}\n"
                        .getBytes(StandardCharsets.UTF_8));

        RunningServer.Answer a = server.get(job.links().failedRows());

        assertThat(a.text()).isEqualTo("""
                id,name,_line,_error_code,_error_field,_error_message,_raw
                x,b,2,invalid_value,id,'x' is not an integer,
                3.5,c,3,invalid_value,id,'3.5' is not an integer,
                """);
    }

    @Test
    void the_file_filter_takes_the_file_name_and_refuses_a_name_the_job_does_not_have() {
        server.createCollection("by_file", "email:string, name:string, age:integer", "email");
        ImportJob job = server.importCsv("by_file", "file_name=people.csv", PEOPLE);

        assertThat(server.results(job.id(), "file=people.csv")).hasSize(2);
        assertThat(server.results(job.id(), "file=" + job.files().get(0).id())).hasSize(2);
        JsonNode error = assertError(server.get("/v1/imports/" + job.id() + "/results?file=other.csv"), 400,
                "invalid_option");
        assertThat(error.get("details").get("option").asText()).isEqualTo("file");
        assertThat(error.get("message").asText()).isEqualTo("this job has no file named 'other.csv'");
    }

    @Test
    void an_unknown_outcome_or_format_is_400_invalid_option_naming_it() {
        server.createCollection("bad_filter", "email:string, name:string, age:integer", "email");
        ImportJob job = server.importCsv("bad_filter", "", PEOPLE);

        JsonNode outcome = assertError(server.get("/v1/imports/" + job.id() + "/results?outcome=lost"), 400,
                "invalid_option");
        JsonNode format = assertError(server.get("/v1/imports/" + job.id() + "/results?format=xml"), 400,
                "invalid_option");
        JsonNode limit = assertError(server.get("/v1/imports/" + job.id() + "/results?limit=0"), 400,
                "invalid_option");

        assertThat(outcome.get("details").get("option").asText()).isEqualTo("outcome");
        assertThat(format.get("details").get("option").asText()).isEqualTo("format");
        assertThat(limit.get("details").get("option").asText()).isEqualTo("limit");
    }

    @Test
    void results_of_an_unknown_job_are_404_import_not_found() {
        assertError(server.get("/v1/imports/01900000-0000-7000-8000-000000000000/results"), 404, "import_not_found");
    }

    @Test
    void results_lines_and_keys_identify_each_row_of_the_source() {
        ImportJob job = bigImport("identified");

        List<JsonNode> all = server.results(job.id(), "");

        Set<String> keys = new HashSet<>();
        for (JsonNode r : all) {
            assertThat(r.get("file").asText()).isEqualTo("upload.csv");
            assertThat(r.get("key").asText()).isEqualTo(String.valueOf(r.get("line").asLong() - 1));
            keys.add(r.get("key").asText());
        }
        assertThat(keys).hasSize(250);
    }
}
