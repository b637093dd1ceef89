package dev.sluice.http;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.client.FileStatus;
import dev.sluice.client.ImportJob;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.List;

import static dev.sluice.http.ApiAssertions.assertCounts;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Column mapping and the import options of local formats (docs/concepts.md, "Column mapping" and
 * "Local formats"; docs/http-api.md): a spreadsheet export imports with no hand work beyond what the
 * file cannot tell, the status document says how each column was matched, and options that cannot
 * work are refused at the edge naming the option.
 */
class ColumnMappingApiTest {
    @RegisterExtension
    static final RunningServer server = RunningServer.sqliteOrPostgres(ServerOptions.chunkRows(100));

    private static final String EXPORT = "Customer ID;Full Name;Joined;Amount\n"
            + "C-001;Ada Lovelace;31.12.2024;1.234,50\n"
            + "C-002;Grace Hopper;01.02.2025;-7,05\n";
    private static final String LOCAL = "delimiter=%3B&decimal_separator=%2C&thousands_separator=."
            + "&formats=" + RunningServer.encode("{\"joined\": \"dd.MM.yyyy\"}");

    private static void customers(String name) {
        server.createCollection(name, "customer_id:string, full_name:string, joined:date, amount:decimal",
                "customer_id");
    }

    private static String error(RunningServer.Answer a, String member) {
        return a.json().get("error").get(member).asText();
    }

    @Test
    void a_spreadsheet_export_matches_by_normalized_name_and_reads_back_exactly() {
        customers("export");

        ImportJob job = server.importCsv("export", LOCAL, EXPORT);

        assertThat(job.state()).as("%s", job).isEqualTo("completed");
        JsonNode ada = server.record("export", "C-001");
        assertThat(ada.get("full_name").asText()).isEqualTo("Ada Lovelace");
        assertThat(ada.get("joined").asText()).isEqualTo("2024-12-31");
        // the answer's own text: a JSON reader would drop the scale that Sluice keeps
        String records = new String(server.get("/v1/collections/export/records").body(),
                java.nio.charset.StandardCharsets.UTF_8);
        assertThat(records).contains("\"amount\":1234.50").contains("\"amount\":-7.05");
        FileStatus file = job.files().get(0);
        assertThat(file.columns()).containsExactly(
                new FileStatus.ColumnMatch("Customer ID", "customer_id", "normalized"),
                new FileStatus.ColumnMatch("Full Name", "full_name", "normalized"),
                new FileStatus.ColumnMatch("Joined", "joined", "normalized"),
                new FileStatus.ColumnMatch("Amount", "amount", "normalized"));
        assertThat(file.unmappedColumns()).isEmpty();
    }

    @Test
    void a_mapping_wins_null_ignores_and_the_rest_is_listed_as_unmapped() {
        customers("mapped");
        String mapping = RunningServer.encode("{\"Kunde\": \"customer_id\", \"Notes\": null}");

        ImportJob job = server.importCsv("mapped", "mapping=" + mapping,
                "Kunde,customer_id,full_name,Notes,Extra\nK1,ignored,Ada,call back,x\n");

        assertThat(job.state()).as("%s", job).isEqualTo("completed");
        assertThat(server.record("mapped", "K1").get("full_name").asText()).isEqualTo("Ada");
        FileStatus file = job.files().get(0);
        assertThat(file.columns()).containsExactly(
                new FileStatus.ColumnMatch("Kunde", "customer_id", "mapping"),
                new FileStatus.ColumnMatch("full_name", "full_name", "exact"));
        assertThat(file.unmappedColumns()).containsExactly("customer_id", "Notes", "Extra");
    }

    @Test
    void strict_fails_rows_on_an_unmatched_column_but_not_on_an_ignored_or_normalized_one() {
        customers("strictly");
        String mapping = RunningServer.encode("{\"Notes\": null}");

        ImportJob job = server.importCsv("strictly", "strict=true&mapping=" + mapping,
                "Customer ID,Notes,Colour\nC1,hi,red\n");

        assertThat(job.state()).isEqualTo("completed_with_errors");
        assertCounts(job.counts(), 0, 0, 0, 0, 1);
        JsonNode failed = server.results(job.id(), "outcome=failed").get(0);
        assertThat(failed.get("error").get("code").asText()).isEqualTo("unknown_field");
        assertThat(failed.get("error").get("field").asText()).isEqualTo("Colour");

        ImportJob clean = server.importCsv("strictly", "strict=true&mapping=" + mapping, "Customer ID,Notes\nC1,hi\n");
        assertThat(clean.state()).isEqualTo("completed");
    }

    @Test
    void a_mapping_to_a_missing_field_is_refused_on_both_paths_naming_mapping() {
        customers("missing");
        String mapping = "{\"Customer ID\": \"client_id\"}";

        RunningServer.Answer query = server.post("/v1/collections/missing/import?mapping="
                + RunningServer.encode(mapping), "text/csv", "Customer ID\nC1\n");
        RunningServer.Answer json = server.postJson("/v1/imports", "{\"collection\": \"missing\", \"mapping\": "
                + mapping + ", \"records\": [{\"Customer ID\": \"C1\"}]}");

        for (RunningServer.Answer a : List.of(query, json)) {
            assertThat(a.status()).as("%s", a).isEqualTo(400);
            assertThat(error(a, "code")).isEqualTo("invalid_option");
            assertThat(a.json().get("error").get("details").get("option").asText()).isEqualTo("mapping");
            assertThat(error(a, "message")).contains("'client_id', which is not a field of collection missing");
        }
        assertThat(server.get("/v1/imports?collection=missing").json().get("imports")).isEmpty();
    }

    @Test
    void a_formats_pattern_that_does_not_parse_or_a_bad_separator_is_refused_naming_the_option() {
        customers("badformat");

        RunningServer.Answer pattern = server.post("/v1/collections/badformat/import?formats="
                + RunningServer.encode("{\"joined\": \"dd.QQ.yyyy\"}"), "text/csv", "customer_id\nC1\n");
        RunningServer.Answer notJson = server.post("/v1/collections/badformat/import?formats=joined",
                "text/csv", "customer_id\nC1\n");
        RunningServer.Answer separator = server.postJson("/v1/imports", "{\"collection\": \"badformat\","
                + " \"decimal_separator\": \";\", \"records\": [{\"customer_id\": \"C1\"}]}");

        assertThat(pattern.status()).as("%s", pattern).isEqualTo(400);
        assertThat(pattern.json().get("error").get("details").get("option").asText()).isEqualTo("formats");
        assertThat(error(pattern, "message")).startsWith("formats: field 'joined' (date): ");
        assertThat(notJson.status()).isEqualTo(400);
        assertThat(notJson.json().get("error").get("details").get("option").asText()).isEqualTo("formats");
        assertThat(separator.status()).isEqualTo(400);
        assertThat(separator.json().get("error").get("details").get("option").asText()).isEqualTo("decimal_separator");
    }

    @Test
    void true_and_false_values_replace_the_vocabulary_from_json_members() {
        server.createCollection("flags", "id:integer, active:boolean", "id");

        RunningServer.Answer a = server.postJson("/v1/imports", "{\"collection\": \"flags\", \"wait\": true,"
                + " \"true_values\": [\"ja\", \"J\"], \"false_values\": \"nein,N\", \"records\": ["
                + "{\"id\": 1, \"active\": \"ja\"}, {\"id\": 2, \"active\": \" N \"}, {\"id\": 3, \"active\": \"true\"}]}");

        assertThat(a.status()).as("%s", a).isEqualTo(200);
        ImportJob job = a.as(ImportJob.class);
        assertCounts(job.counts(), 2, 0, 0, 0, 1);
        assertThat(server.record("flags", "1").get("active").asBoolean()).isTrue();
        assertThat(server.record("flags", "2").get("active").asBoolean()).isFalse();
        assertThat(server.results(job.id(), "outcome=failed").get(0).get("error").get("field").asText())
                .isEqualTo("active");
    }

    @Test
    void ndjson_reaches_into_nested_objects_by_a_dotted_mapping_path() {
        server.createCollection("people", "id:integer, name:string, city:string", "id");
        String mapping = RunningServer.encode("{\"address.city\": \"city\", \"Name\": \"name\"}");

        ImportJob job = server.importAndWait("people", "mapping=" + mapping, "application/x-ndjson", (""
                + "{\"id\": 1, \"Name\": \"Ada\", \"address\": {\"city\": \"London\", \"zip\": \"N1\"}, \"age\": 36}\n"
                + "{\"id\": 2, \"Name\": \"Grace\", \"address\": {}}\n"
                + "{\"id\": 3, \"Name\": \"Alan\", \"address\": \"none\"}\n").getBytes(java.nio.charset.StandardCharsets.UTF_8));

        assertThat(job.state()).as("%s", job).isEqualTo("completed");
        assertThat(server.record("people", "1").get("city").asText()).isEqualTo("London");
        assertThat(server.record("people", "1").get("name").asText()).isEqualTo("Ada");
        assertThat(server.record("people", "2").get("city").isNull()).isTrue();
        assertThat(server.record("people", "3").get("city").isNull()).isTrue();
        FileStatus file = job.files().get(0);
        assertThat(file.columns()).containsExactlyInAnyOrder(
                new FileStatus.ColumnMatch("Name", "name", "mapping"),
                new FileStatus.ColumnMatch("id", "id", "exact"),
                new FileStatus.ColumnMatch("address.city", "city", "mapping"));
        assertThat(file.unmappedColumns()).containsExactly("age");
    }
}
