package dev.sluice.cli;

import dev.sluice.Config;
import dev.sluice.Service;
import dev.sluice.client.ImportJob;
import dev.sluice.client.NewImport;
import dev.sluice.client.SluiceClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code sluice results ID --failed [--file NAME]}: the failed rows of a job, or of one of its files (docs/cli.md). */
class ResultsCommandTest {
    @TempDir
    Path dir;

    private Path file(String name, String content) throws Exception {
        return Files.writeString(dir.resolve(name), content);
    }

    @Test
    void file_narrows_the_failed_rows_of_a_job_of_two_files_to_that_file() throws Exception {
        try (Service server = Service.start(Config.builder().port(0).dataDir(dir.resolve("server")).workers(1)
                .nodeId("results-test").build())) {
            String url = "http://127.0.0.1:" + server.port();
            Path definition = file("people.json", """
                    {"name": "people", "fields": [{"name": "id", "type": "integer"}, {"name": "name", "type": "string"}],
                     "key": ["id"]}""");
            assertThat(CliRun.of("collections", "create", "--file", definition.toString(), "--server", url).exitCode())
                    .isZero();
            SluiceClient client = SluiceClient.create(url);
            ImportJob job = client.createImport(NewImport.builder("people").build(),
                    List.of(file("a.csv", "id,name\n1,a\n2,b,extra\n"), file("b.csv", "id,name\nx,bee\n4,d\n")));
            client.awaitCompletion(job.id(), Duration.ofSeconds(30));
            Path out = dir.resolve("failed-b.csv");

            CliRun run = CliRun.of("results", job.id(), "--failed", "--file", "b.csv", "-o", out.toString(),
                    "--server", url);

            assertThat(run.exitCode()).as(run.err()).isZero();
            assertThat(Files.readString(out)).isEqualTo("""
                    id,name,_file,_line,_error_code,_error_field,_error_message,_raw
                    x,bee,b.csv,2,invalid_value,id,'x' is not an integer,
                    """);
        }
    }
}
