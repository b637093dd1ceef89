package dev.sluice.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.Config;
import dev.sluice.Service;
import dev.sluice.client.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code sluice import} in-process and through a server: exit codes, summaries, --json, --create. */
class ImportCommandTest {
    private static final String PEOPLE = """
            email,name,age,joined,active
            ada@example.com,Ada,36,2024-03-01,true
            alan@example.com,"Turing, Alan",41,2024-03-02,false
            grace@example.com,Grace,abc,2024-03-03,true
            ada@example.com,Ada again,37,2024-03-04,true
            """;
    private static final String CLEAN = """
            email,name,age,joined,active
            ada@example.com,Ada,36,2024-03-01,true
            alan@example.com,Alan,41,2024-03-02,false
            """;

    @TempDir
    Path dir;

    private Path file(String name, String content) throws Exception {
        Path p = dir.resolve(name);
        Files.writeString(p, content, StandardCharsets.UTF_8);
        return p;
    }

    /** Defines a collection with the people columns typed (email key, age integer, joined date, active boolean). */
    private void define(String name) throws Exception {
        CliRun.of("collections", "create", "--file", file(name + ".json", """
                {"name": "%s", "fields": [{"name": "email", "type": "string"}, {"name": "name", "type": "string"},
                 {"name": "age", "type": "integer"}, {"name": "joined", "type": "date"}, {"name": "active", "type": "boolean"}],
                 "key": ["email"]}""".formatted(name)).toString(), "--data-dir", dataDir());
    }

    private String dataDir() {
        return dir.resolve("data").toString();
    }

    @Test
    void create_infers_the_collection_and_skipped_duplicates_still_complete_with_exit_0() throws Exception {
        Path csv = file("people.csv", PEOPLE);

        CliRun run = CliRun.of("import", csv.toString(), "-c", "people", "--create", "--key", "email",
                "--data-dir", dataDir());

        assertThat(run.exitCode()).isZero();
        assertThat(run.err()).contains("created collection people: email string (key), name string, age string,"
                + " joined date, active boolean");
        assertThat(run.err()).contains("completed: 4 rows in")
                .contains("created 3, updated 0, unchanged 0, skipped 1, failed 0");
        assertThat(run.out()).isEmpty();
    }

    @Test
    void a_clean_file_exits_0_and_json_prints_only_the_final_status_document() throws Exception {
        Path csv = file("clean.csv", CLEAN);
        define("clean");

        CliRun run = CliRun.of("import", csv.toString(), "--collection", "clean", "--json", "--data-dir", dataDir());

        assertThat(run.exitCode()).isZero();
        JsonNode doc = Json.mapper().readTree(run.out());
        assertThat(doc.get("state").asText()).isEqualTo("completed");
        assertThat(doc.get("counts").get("created").asLong()).isEqualTo(2);
        assertThat(doc.get("files").get(0).get("name").asText()).isEqualTo("clean.csv");
    }

    @Test
    void a_typed_bad_value_fails_its_row_and_abort_makes_the_job_fail_with_exit_1() throws Exception {
        Path csv = file("people.csv", PEOPLE);
        define("typed");

        CliRun run = CliRun.of("import", csv.toString(), "-c", "typed", "--error-mode", "abort", "--data-dir", dataDir());

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains("failed: 3 rows").contains("error: aborted_on_error")
                .contains("people.csv line 4: age: 'abc' is not an integer")
                .contains("failed rows: sluice results ");
    }

    @Test
    void a_missing_collection_without_create_exits_1_and_says_how_to_make_it() throws Exception {
        Path csv = file("clean.csv", CLEAN);

        CliRun run = CliRun.of("import", csv.toString(), "-c", "nowhere", "--data-dir", dataDir());

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains("collection 'nowhere' does not exist")
                .contains("--create --key FIELD");
    }

    @Test
    void an_unknown_option_value_is_a_usage_error_with_exit_code_1() {
        CliRun run = CliRun.of("import", "x.csv", "-c", "people", "--on-conflict", "sometimes");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains("--on-conflict").contains("sometimes");
    }

    @Test
    void a_bad_delimiter_or_a_key_that_is_no_column_is_one_line_on_stderr_and_exit_1() throws Exception {
        Path csv = file("clean.csv", CLEAN);

        CliRun delimiter = CliRun.of("import", csv.toString(), "-c", "d", "--delimiter", "ab", "--data-dir", dataDir());
        CliRun key = CliRun.of("import", csv.toString(), "-c", "k", "--create", "--key", "nope", "--data-dir", dataDir());

        assertThat(delimiter.exitCode()).isEqualTo(1);
        assertThat(delimiter.err()).contains("sluice import: --delimiter must be one character (or \\t), got 'ab'")
                .doesNotContain("\tat ");
        assertThat(key.exitCode()).isEqualTo(1);
        assertThat(key.err()).contains("sluice import: key field 'nope' is not one of the fields").doesNotContain("\tat ");
    }

    @Test
    void remote_mode_goes_through_a_running_server_and_reports_the_same() throws Exception {
        Path csv = file("people.csv", PEOPLE);
        try (Service server = Service.start(Config.builder().port(0).dataDir(dir.resolve("server")).workers(2)
                .chunkRows(100).commitInterval(Duration.ofMillis(100)).nodeId("cli-test").build())) {
            String url = "http://127.0.0.1:" + server.port();

            CliRun run = CliRun.of("import", csv.toString(), "-c", "people", "--create", "--key", "email",
                    "--server", url, "--json");

            assertThat(run.exitCode()).isZero();
            JsonNode doc = Json.mapper().readTree(run.out());
            assertThat(doc.get("counts").get("skipped").asLong()).isEqualTo(1);
            String id = doc.get("id").asText();

            CliRun status = CliRun.of("status", id, "--server", url);
            assertThat(status.exitCode()).isZero();
            assertThat(status.out()).contains("completed: 4 rows");

            CliRun jobs = CliRun.of("jobs", "--server", url, "--collection", "people");
            assertThat(jobs.out()).contains(id).contains("completed");

            CliRun cancel = CliRun.of("cancel", id, "--server", url);
            assertThat(cancel.exitCode()).isEqualTo(1);
            assertThat(cancel.err()).contains("import_finished");

            Path skipped = dir.resolve("results.csv");
            CliRun results = CliRun.of("results", id, "--server", url, "-o", skipped.toString());
            assertThat(results.exitCode()).isZero();
            assertThat(Files.readString(skipped)).contains("people.csv,5,ada@example.com,skipped");
        }
    }

    @Test
    void the_failed_rows_file_can_be_fixed_and_imported_again() throws Exception {
        Path csv = file("people.csv", PEOPLE);
        define("typed");
        CliRun first = CliRun.of("import", csv.toString(), "-c", "typed", "--json", "--data-dir", dataDir());
        String id = Json.mapper().readTree(first.out()).get("id").asText();
        Path failed = dir.resolve("failed.csv");

        CliRun download = CliRun.of("results", id, "--failed", "-o", failed.toString(), "--data-dir", dataDir());
        assertThat(download.exitCode()).isZero();
        assertThat(Files.readString(failed)).startsWith("email,name,age,joined,active,_line,_error_code,_error_field,_error_message,_raw\n")
                .contains("grace@example.com,Grace,abc,2024-03-03,true,4,invalid_value,age,'abc' is not an integer");
        Files.writeString(failed, Files.readString(failed).replace(",abc,", ",85,"));

        CliRun again = CliRun.of("import", failed.toString(), "-c", "typed", "--json", "--data-dir", dataDir());

        assertThat(again.exitCode()).isZero();
        assertThat(Json.mapper().readTree(again.out()).get("counts").get("created").asLong()).isEqualTo(1);
    }

    @Test
    void collections_commands_list_show_and_drop() throws Exception {
        Path def = file("def.json", """
                {"name": "things", "fields": [{"name": "id", "type": "integer"}], "key": ["id"]}""");

        assertThat(CliRun.of("collections", "create", "--file", def.toString(), "--data-dir", dataDir()).out())
                .contains("created collection things: id integer (key)");
        assertThat(CliRun.of("collections", "list", "--data-dir", dataDir()).out()).contains("things").contains("0 records");
        assertThat(CliRun.of("collections", "show", "things", "--data-dir", dataDir()).out()).contains("\"name\" : \"things\"");
        CliRun drop = CliRun.of("collections", "drop", "things", "--data-dir", dataDir());
        assertThat(drop.exitCode()).isZero();
        CliRun gone = CliRun.of("collections", "show", "things", "--data-dir", dataDir());
        assertThat(gone.exitCode()).isEqualTo(1);
        assertThat(gone.err()).contains("collection_not_found");
    }

    @Test
    void map_feeds_fields_from_named_columns_and_an_empty_field_ignores_one() throws Exception {
        Path csv = file("export.csv", """
                E-Mail;Name;Notes;Joined;Active
                ada@example.com;Ada;call back;31.12.2024;ja
                """);
        define("mapped");

        CliRun run = CliRun.of("import", csv.toString(), "-c", "mapped", "--delimiter", ";", "--json",
                "--map", "E-Mail=email", "--map", "Notes=", "--format-of", "joined=dd.MM.yyyy",
                "--true-values", "ja", "--false-values", "nein", "--data-dir", dataDir());

        assertThat(run.exitCode()).as(run.err()).isZero();
        JsonNode file = Json.mapper().readTree(run.out()).get("files").get(0);
        assertThat(file.get("counts").get("created").asLong()).isEqualTo(1);
        assertThat(file.get("columns").toString()).isEqualTo("[{\"source\":\"E-Mail\",\"field\":\"email\","
                + "\"matched_by\":\"mapping\"},{\"source\":\"Name\",\"field\":\"name\",\"matched_by\":\"normalized\"},"
                + "{\"source\":\"Joined\",\"field\":\"joined\",\"matched_by\":\"normalized\"},"
                + "{\"source\":\"Active\",\"field\":\"active\",\"matched_by\":\"normalized\"}]");
        assertThat(file.get("unmapped_columns").toString()).isEqualTo("[\"Notes\"]");
    }

    @Test
    void a_map_without_an_equals_sign_is_a_usage_error() throws Exception {
        Path csv = file("clean.csv", CLEAN);
        define("people");

        CliRun run = CliRun.of("import", csv.toString(), "-c", "people", "--map", "Customer ID", "--data-dir", dataDir());

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains("--map takes COLUMN=FIELD (COLUMN= to ignore it), got 'Customer ID'");
    }
}
