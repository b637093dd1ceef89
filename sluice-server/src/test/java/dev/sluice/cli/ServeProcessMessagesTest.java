package dev.sluice.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code sluice serve} as its own process, as {@code main} runs it with its logging (docs/operations.md). */
class ServeProcessMessagesTest {
    @TempDir
    Path dir;

    @Test
    void a_busy_port_is_one_message_without_the_web_servers_log_and_paths_are_normalized() throws Exception {
        try (ServerSocket busy = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            Path err = dir.resolve("serve.err");
            String dataDir = dir + File.separator + "." + File.separator + "sluice-data";
            Process serve = new ProcessBuilder(List.of(
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m",
                    "-cp", System.getProperty("java.class.path"), "dev.sluice.Main", "serve",
                    "--host", "127.0.0.1", "--port", String.valueOf(busy.getLocalPort()), "--data-dir", dataDir))
                    .redirectOutput(dir.resolve("serve.out").toFile()).redirectError(err.toFile()).start();

            assertThat(serve.waitFor(60, TimeUnit.SECONDS)).isTrue();
            String stderr = Files.readString(err, StandardCharsets.UTF_8);

            assertThat(serve.exitValue()).isEqualTo(1);
            assertThat(stderr).contains("sluice serve: cannot listen on 127.0.0.1:" + busy.getLocalPort())
                    .doesNotContain("ERROR").doesNotContain("Failed to start Javalin");
            assertThat(stderr.lines().filter(l -> !l.isBlank())).hasSize(1);
        }
    }

    @Test
    void a_data_directory_in_use_is_named_without_dot_segments() throws Exception {
        CliRun first = null;
        Path data = dir.resolve("sluice-data");
        try (var held = dev.sluice.Service.start(dev.sluice.Config.builder().port(0).dataDir(data).workers(1)
                .chunkRows(100).commitInterval(java.time.Duration.ofMillis(100)).nodeId("holder").build())) {
            first = CliRun.of("jobs", "--data-dir", dir + File.separator + "." + File.separator + "sluice-data");
        }
        assertThat(first.exitCode()).isEqualTo(1);
        assertThat(first.err()).contains("data directory " + data.toAbsolutePath().normalize() + " is in use")
                .doesNotContain(File.separator + "." + File.separator);
    }
}
