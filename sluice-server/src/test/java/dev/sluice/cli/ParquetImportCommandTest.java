package dev.sluice.cli;

import dev.sluice.format.ParquetFixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code sluice import --create file.parquet}: the collection comes from the footer (docs/parquet.md). */
class ParquetImportCommandTest {

    @TempDir
    Path dir;

    @Test
    void create_takes_the_field_types_from_the_footer_and_imports_every_row() throws Exception {
        Path file = dir.resolve("types.parquet");
        Files.copy(ParquetFixtures.file("types.parquet"), file);

        CliRun run = CliRun.of("import", file.toString(), "-c", "typed", "--create", "--key", "id",
                "--data-dir", dir.resolve("data").toString());

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.err()).contains("created collection typed: id integer (key), small integer, ratio number,"
                + " score number, price decimal, big_price decimal, active boolean, born date, at_ms timestamp,"
                + " at_us timestamp, at_ns timestamp, local_us timestamp, name string, code string, ref uuid,"
                + " tags json, attrs json, point json, nested json");
        assertThat(run.err()).contains("created 2, updated 0, unchanged 0, skipped 0, failed 0");
    }
}
