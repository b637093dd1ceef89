package dev.sluice.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.Config;
import dev.sluice.Service;
import dev.sluice.client.Json;
import dev.sluice.source.MotoServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code sluice import s3://bucket/prefix/ --collection C} (docs/cli.md), in-process with the
 * {@code --s3-*} settings and through a server that has them, against a moto server on loopback.
 */
class S3ImportCommandTest {
    private static MotoServer store;

    @TempDir
    Path dir;

    @BeforeAll
    static void start() {
        store = MotoServer.start();
        store.createBucket("cli-drop");
        store.put("cli-drop", "batch/2.csv", "id,name\n3,three\n4,four\n");
        store.put("cli-drop", "batch/1.csv", "id,name\n1,one\n2,two\n");
    }

    @AfterAll
    static void stop() {
        store.close();
    }

    private String define(String... target) throws Exception {
        Path schema = dir.resolve("s3_people.json");
        Files.writeString(schema, "{\"name\": \"s3_people\", \"fields\": [{\"name\": \"id\", \"type\": \"integer\"},"
                + " {\"name\": \"name\", \"type\": \"string\"}], \"key\": [\"id\"]}", StandardCharsets.UTF_8);
        String[] args = new String[3 + target.length];
        args[0] = "collections";
        args[1] = "create";
        args[2] = "--file=" + schema;
        System.arraycopy(target, 0, args, 3, target.length);
        CliRun created = CliRun.of(args);
        assertThat(created.exitCode()).as(created.err()).isZero();
        return schema.toString();
    }

    @Test
    void in_process_a_prefix_is_imported_with_the_s3_settings_one_file_per_object() throws Exception {
        String data = dir.resolve("data").toString();
        define("--data-dir", data);

        CliRun run = CliRun.of("import", "s3://cli-drop/batch/", "-c", "s3_people", "--data-dir", data,
                "--s3-endpoint", store.endpoint().toString(), "--s3-path-style", "--s3-region", "us-east-1", "--json");

        assertThat(run.exitCode()).as(run.err()).isZero();
        JsonNode job = Json.mapper().readTree(run.out());
        assertThat(job.get("counts").get("created").asLong()).isEqualTo(4);
        assertThat(job.get("files").get(0).get("source_url").asText()).isEqualTo("s3://cli-drop/batch/1.csv");
        assertThat(job.get("files").get(1).get("source_url").asText()).isEqualTo("s3://cli-drop/batch/2.csv");
    }

    @Test
    void through_a_server_the_server_reads_the_object() throws Exception {
        try (Service server = Service.start(Config.builder().port(0).dataDir(dir.resolve("server")).workers(2)
                .s3Endpoint(store.endpoint().toString()).s3PathStyle(true).s3Region("us-east-1").build())) {
            String url = "http://127.0.0.1:" + server.port();
            define("--server", url);

            CliRun run = CliRun.of("import", "s3://cli-drop/batch/2.csv", "-c", "s3_people", "--server", url);

            assertThat(run.exitCode()).as(run.err()).isZero();
            assertThat(run.err()).contains("completed: 2 rows");
            CliRun missing = CliRun.of("import", "s3://cli-drop/batch/9.csv", "-c", "s3_people", "--server", url);
            assertThat(missing.exitCode()).isEqualTo(1);
            assertThat(missing.err()).contains("invalid_source").contains("s3://cli-drop/batch/9.csv");
        }
    }

    @Test
    void s3_sources_and_local_files_are_not_mixed() throws Exception {
        Path csv = dir.resolve("people.csv");
        Files.writeString(csv, "id,name\n1,one\n");

        CliRun run = CliRun.of("import", csv.toString(), "s3://cli-drop/batch/", "-c", "s3_people",
                "--data-dir", dir.resolve("data").toString());

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains("s3:// sources and local files cannot be mixed");
    }
}
