package dev.sluice.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.Config;
import dev.sluice.Service;
import dev.sluice.client.Json;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.ServerSocket;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** What the command line says when something is off: one line, in its own flags (docs/cli.md). */
class CliMessagesTest {
    private static final String CLEAN = """
            email,name
            ada@example.com,Ada
            alan@example.com,Alan
            """;

    @TempDir
    Path dir;

    @AfterEach
    void forgetInvocation() {
        System.clearProperty(Invocation.PROPERTY);
    }

    private String dataDir() {
        return dir.resolve("data").toString();
    }

    private Path file(String name, String content) throws Exception {
        Path p = dir.resolve(name);
        Files.writeString(p, content, StandardCharsets.UTF_8);
        return p;
    }

    private static int freePort() throws Exception {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    @Test
    void a_server_that_does_not_answer_is_one_line_without_a_table_header_and_exit_1() throws Exception {
        String url = "http://127.0.0.1:" + freePort();

        CliRun jobs = CliRun.of("jobs", "--server", url);
        CliRun status = CliRun.of("status", "01a2311c-a2be-72b7-af5b-14258e940cad", "--server", url);

        assertThat(jobs.exitCode()).isEqualTo(1);
        assertThat(jobs.out()).isEmpty();
        assertThat(jobs.err()).isEqualTo("sluice jobs: no Sluice server answers at " + url
                + " (start one with sluice serve)" + System.lineSeparator());
        assertThat(status.exitCode()).isEqualTo(1);
        assertThat(status.err()).contains("no Sluice server answers at " + url).doesNotContain("ConnectException");
    }

    @Test
    void a_directory_or_a_missing_file_is_named_before_anything_is_uploaded() throws Exception {
        Path data = Files.createDirectory(dir.resolve("data.csv"));

        CliRun directory = CliRun.of("import", data.toString(), "-c", "people", "--data-dir", dataDir());
        CliRun missing = CliRun.of("import", dir.resolve("nowhere.csv").toString(), "-c", "people", "--data-dir", dataDir());

        assertThat(directory.exitCode()).isEqualTo(1);
        assertThat(directory.err()).isEqualTo("sluice import: " + data + " is a directory, not a file"
                + System.lineSeparator());
        assertThat(missing.err()).contains("nowhere.csv: no such file").doesNotContain("http://");
    }

    @Test
    void advice_names_the_flags_of_the_command_line_not_the_parameters_of_the_api() throws Exception {
        Path unknown = file("people.data", CLEAN);
        Path latin = dir.resolve("latin.csv");
        Files.write(latin, "email,name\nz@example.com,Zo\u00eb\n".getBytes(Charset.forName("windows-1252")));
        CliRun.of("import", file("people.csv", CLEAN).toString(), "-c", "people", "--create", "--key", "email",
                "--data-dir", dataDir());
        String done = Json.mapper().readTree(CliRun.of("import", file("more.csv", CLEAN).toString(), "-c", "people",
                "--json", "--data-dir", dataDir()).out()).get("id").asText();

        CliRun format = CliRun.of("import", unknown.toString(), "-c", "people", "--data-dir", dataDir());
        CliRun retry = CliRun.of("retry", done, "--data-dir", dataDir());
        CliRun encoding = CliRun.of("import", latin.toString(), "-c", "people", "--data-dir", dataDir());

        assertThat(format.err()).contains("name it with --format csv").doesNotContain("?format=");
        assertThat(retry.exitCode()).isEqualTo(1);
        assertThat(retry.err()).contains("nothing_to_retry").contains("retry " + done + " --file fixed.csv")
                .doesNotContain("as the body");
        assertThat(encoding.exitCode()).isEqualTo(1);
        assertThat(encoding.err()).contains("--encoding windows-1252").doesNotContain("encoding=");
    }

    @Test
    void a_bad_option_value_is_its_message_and_where_help_is_not_the_whole_usage() {
        CliRun run = CliRun.of("import", "x.csv", "-c", "people", "--on-conflict", "upsert");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err().lines()).hasSize(2);
        assertThat(run.err()).contains("--on-conflict").contains("upsert")
                .endsWith("see 'sluice import --help'" + System.lineSeparator());
    }

    @Test
    void suggested_commands_are_spelled_as_the_launcher_was_invoked() throws Exception {
        System.setProperty(Invocation.PROPERTY, "./sluice");
        Path csv = file("people.csv", CLEAN + "\n,Nobody\n");

        CliRun run = CliRun.of("import", csv.toString(), "-c", "people", "--create", "--key", "email",
                "--data-dir", dataDir());
        CliRun bad = CliRun.of("import", "x.csv", "-c", "people", "--on-conflict", "upsert");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("failed rows: ./sluice results ");
        assertThat(bad.err()).contains("see './sluice import --help'");
    }

    @Test
    void create_on_an_existing_collection_says_it_is_ignored() throws Exception {
        Path csv = file("people.csv", CLEAN);
        CliRun.of("import", csv.toString(), "-c", "people", "--create", "--key", "email", "--data-dir", dataDir());

        CliRun again = CliRun.of("import", csv.toString(), "-c", "people", "--create", "--key", "email",
                "--data-dir", dataDir());

        assertThat(again.exitCode()).isZero();
        assertThat(again.err()).contains("collection people exists; --create ignored");
    }

    @Test
    void a_validate_only_summary_says_that_nothing_was_written() throws Exception {
        Path csv = file("people.csv", CLEAN);
        CliRun.of("collections", "create", "--file", file("people.json", """
                {"name": "people", "fields": [{"name": "email", "type": "string"}, {"name": "name", "type": "string"}],
                 "key": ["email"]}""").toString(), "--data-dir", dataDir());

        CliRun run = CliRun.of("import", csv.toString(), "-c", "people", "--job-type", "validate", "--data-dir", dataDir());

        assertThat(run.exitCode()).isZero();
        assertThat(run.err()).contains("validated, completed: 2 rows")
                .contains("validate only: nothing was written to people");
        assertThat(CliRun.of("collections", "list", "--data-dir", dataDir()).out()).contains("0 records");
    }

    @Test
    void an_allowed_url_host_with_a_port_is_refused_at_start_naming_the_entry() {
        CliRun run = CliRun.of("jobs", "--allow-url-hosts", "files.internal,127.0.0.1:19600", "--data-dir", dataDir());

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains("'127.0.0.1:19600' is not a host name or IP address")
                .contains("without ':19600'");
    }

    @Test
    void every_command_that_prints_a_document_takes_json() throws Exception {
        Path def = file("def.json", """
                {"name": "things", "fields": [{"name": "id", "type": "integer"}], "key": ["id"]}""");

        CliRun create = CliRun.of("collections", "create", "--file", def.toString(), "--json", "--data-dir", dataDir());
        CliRun show = CliRun.of("collections", "show", "things", "--json", "--data-dir", dataDir());
        CliRun list = CliRun.of("collections", "list", "--json", "--data-dir", dataDir());
        CliRun jobs = CliRun.of("jobs", "--json", "--data-dir", dataDir());

        assertThat(create.exitCode()).isZero();
        assertThat(Json.mapper().readTree(create.out()).get("name").asText()).isEqualTo("things");
        assertThat(show.exitCode()).as(show.err()).isZero();
        assertThat(Json.mapper().readTree(show.out()).get("key").get(0).asText()).isEqualTo("id");
        assertThat(Json.mapper().readTree(list.out()).get(0).get("name").asText()).isEqualTo("things");
        JsonNode page = Json.mapper().readTree(jobs.out());
        assertThat(page.has("items") || page.has("imports")).isTrue();
    }

    @Test
    void through_a_server_the_unknown_format_also_names_the_flag() throws Exception {
        try (Service server = Service.start(Config.builder().port(0).dataDir(dir.resolve("server")).workers(1)
                .chunkRows(100).commitInterval(Duration.ofMillis(100)).nodeId("cli-test").build())) {
            String url = "http://127.0.0.1:" + server.port();
            CliRun.of("import", file("people.csv", CLEAN).toString(), "-c", "people", "--create", "--key", "email",
                    "--server", url);

            String done = Json.mapper().readTree(CliRun.of("import", file("more.csv", CLEAN).toString(), "-c", "people",
                    "--json", "--server", url).out()).get("id").asText();

            CliRun run = CliRun.of("retry", done, "--file", file("fixed.data", CLEAN).toString(), "--server", url);

            assertThat(run.exitCode()).isEqualTo(1);
            assertThat(run.err()).contains("415 unsupported_media_type").contains("name it with --format csv");
            assertThat(run.err()).doesNotContain("?format=");
        }
    }
}
