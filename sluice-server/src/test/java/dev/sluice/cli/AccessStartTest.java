package dev.sluice.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** {@code sluice serve} as a real process under the startup rules of docs/operations.md#access. */
class AccessStartTest {
    @TempDir
    Path dir;

    private Process serve(String name, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-cp", System.getProperty("java.class.path"), "dev.sluice.Main", "serve", "--port", "0",
                "--data-dir", dir.resolve("data-" + name).toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(dir.resolve(name + ".out").toFile())
                .redirectError(dir.resolve(name + ".err").toFile());
        builder.environment().keySet().removeIf(k -> k.startsWith("SLUICE_"));
        return builder.start();
    }

    private String err(String name) throws Exception {
        return Files.readString(dir.resolve(name + ".err"), StandardCharsets.UTF_8);
    }

    @Test
    void a_non_loopback_host_without_an_admin_key_exits_1_naming_the_key_and_the_opt_out() throws Exception {
        Process p = serve("open", "--host", "0.0.0.0");

        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).isEqualTo(1);
        assertThat(err("open")).contains("sluice serve:").contains("--admin-key").contains("--no-auth")
                .contains("SLUICE_NO_AUTH=true");
    }

    @Test
    void a_short_admin_key_exits_1_saying_how_long_it_must_be() throws Exception {
        Process p = serve("short", "--admin-key", "too-short");

        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).isEqualTo(1);
        assertThat(err("short")).contains("--admin-key / SLUICE_ADMIN_KEY must be at least 32 characters");
        assertThat(err("short")).doesNotContain("too-short");
    }

    @Test
    void no_auth_starts_on_any_address_and_warns() throws Exception {
        Process p = serve("noauth", "--host", "0.0.0.0", "--no-auth");
        try {
            await().atMost(Duration.ofSeconds(60)).until(() -> Files.readString(dir.resolve("noauth.out"))
                    .contains("Sluice listening on http://0.0.0.0:"));
            assertThat(err("noauth")).contains("WARN").contains("--no-auth").contains("--admin-key");
        } finally {
            p.destroy();
            p.waitFor(30, TimeUnit.SECONDS);
        }
    }
}
