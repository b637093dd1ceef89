package dev.sluice.format;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.concurrent.TimeUnit;

/**
 * The Parquet files the tests read, written by another tool (pyarrow) with
 * {@code src/test/python/parquet_fixtures.py} into {@code target/parquet-fixtures} once per build.
 * Fails, never skips, when python3 or pyarrow is missing: {@code .ci/run} installs them.
 */
public final class ParquetFixtures {
    private static final Path DIR = Path.of("target", "parquet-fixtures");

    private ParquetFixtures() {
    }

    /** The fixture named {@code name} (e.g. {@code types.parquet}), written first when the build has none. */
    public static synchronized Path file(String name) {
        if (!Files.exists(DIR.resolve("done"))) {
            write();
        }
        return DIR.resolve(name).toAbsolutePath();
    }

    private static void write() {
        try {
            Path scratch = Files.createTempDirectory(Path.of("target"), "parquet-fixtures-");
            Process p = new ProcessBuilder("python3", "src/test/python/parquet_fixtures.py", scratch.toString())
                    .redirectErrorStream(true).start();
            String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new IllegalStateException("the Parquet fixtures need python3 with pyarrow"
                        + " (pip install --break-system-packages pyarrow): " + output);
            }
            try {
                Files.move(scratch, DIR, StandardCopyOption.ATOMIC_MOVE);
            } catch (IOException anotherJvmWasFirst) {
                if (!Files.exists(DIR.resolve("done"))) {
                    throw anotherJvmWasFirst;
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException("the Parquet fixtures could not be written: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while writing the Parquet fixtures", e);
        }
    }
}
