package dev.sluice;

import dev.sluice.error.SluiceException;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import java.util.function.UnaryOperator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ConfigTest {
    private static final String SETTING = "--max-record-bytes / SLUICE_MAX_RECORD_BYTES";

    /** Valid settings, as a test server starts with them. */
    private static ConfigBuilder valid() {
        return Config.builder().port(0).dataDir(Path.of("data")).chunkRows(100).nodeId("node");
    }

    private static Config withRecordLimit(long bytes) {
        return valid().maxRecordBytes(bytes).build();
    }

    /** The one problem {@code change} makes of otherwise valid settings. */
    private static String problem(UnaryOperator<ConfigBuilder> change) {
        assertThat(change.apply(valid()).validate()).hasSize(1);
        return change.apply(valid()).validate().get(0);
    }

    private static boolean accepted(UnaryOperator<ConfigBuilder> change) {
        return change.apply(valid()).validate().isEmpty();
    }

    @Test
    void sizes_are_read_with_binary_units_in_any_case_or_as_plain_bytes() {
        assertThat(Settings.size(SETTING, "16MB")).isEqualTo(16L * 1024 * 1024);
        assertThat(Settings.size(SETTING, "512kb")).isEqualTo(512L * 1024);
        assertThat(Settings.size(SETTING, " 1 GB ")).isEqualTo(1024L * 1024 * 1024);
        assertThat(Settings.size(SETTING, "65536")).isEqualTo(65_536);
    }

    @Test
    void a_size_that_is_not_one_names_the_flag_and_the_variable() {
        assertThatThrownBy(() -> Settings.size(SETTING, "16 megs"))
                .isInstanceOf(SluiceException.class)
                .hasMessage("--max-record-bytes / SLUICE_MAX_RECORD_BYTES must be a size such as 16MB, 512KB or a"
                        + " number of bytes, got '16 megs'");
    }

    @Test
    void the_record_limit_defaults_to_16_mb_and_must_lie_between_1_kb_and_256_mb() {
        assertThat(valid().build().maxRecordBytes()).isEqualTo(16L * 1024 * 1024);
        assertThat(withRecordLimit(1024).maxRecordBytes()).isEqualTo(1024);
        assertThatThrownBy(() -> withRecordLimit(1023))
                .hasMessage("--max-record-bytes / SLUICE_MAX_RECORD_BYTES must be between 1KB and 256MB, got 1023 bytes");
        assertThatThrownBy(() -> withRecordLimit(Settings.size(SETTING, "999999999999999GB")))
                .hasMessageStartingWith("--max-record-bytes / SLUICE_MAX_RECORD_BYTES must be between 1KB and 256MB");
        assertThat(accepted(b -> b.maxRecordBytes(Config.MAX_RECORD_BYTES_CEILING))).isTrue();
        assertThat(problem(b -> b.maxRecordBytes(Config.MAX_RECORD_BYTES_CEILING + 1)))
                .startsWith("--max-record-bytes / SLUICE_MAX_RECORD_BYTES must be between 1KB and 256MB");
    }

    @Test
    void a_builder_starts_from_the_defaults_of_the_serve_flags() {
        Config config = Config.builder().dataDir(Path.of("data")).build();

        assertThat(config.host()).isEqualTo("127.0.0.1");
        assertThat(config.port()).isEqualTo(8080);
        assertThat(config.workers()).isEqualTo(2);
        assertThat(config.retention()).isEqualTo(Duration.ofDays(7));
        assertThat(config.chunkRows()).isEqualTo(10_000);
        assertThat(config.commitInterval()).isEqualTo(Duration.ofSeconds(1));
        assertThat(config.leaseTimeout()).isEqualTo(Duration.ofSeconds(30));
        assertThat(config.nodeId()).isEqualTo(Config.defaultNodeId());
        assertThat(config.allowUrlHosts()).isEmpty();
        assertThat(config.database()).isNull();
        assertThat(config.schema()).isEqualTo(Config.DEFAULT_SCHEMA);
        assertThat(config.maxAttempts()).isEqualTo(Config.DEFAULT_MAX_ATTEMPTS);
    }

    @Test
    void the_port_lies_between_0_and_65535() {
        assertThat(accepted(b -> b.port(0))).isTrue();
        assertThat(accepted(b -> b.port(65_535))).isTrue();
        assertThat(problem(b -> b.port(-1))).isEqualTo("--port / SLUICE_PORT must be between 0 and 65535, got -1");
        assertThat(problem(b -> b.port(65_536))).isEqualTo("--port / SLUICE_PORT must be between 0 and 65535, got 65536");
    }

    @Test
    void the_workers_lie_between_1_and_64() {
        assertThat(accepted(b -> b.workers(1))).isTrue();
        assertThat(accepted(b -> b.workers(64))).isTrue();
        assertThat(problem(b -> b.workers(0))).isEqualTo("--workers / SLUICE_WORKERS must be between 1 and 64, got 0");
        assertThat(problem(b -> b.workers(65))).isEqualTo("--workers / SLUICE_WORKERS must be between 1 and 64, got 65");
    }

    @Test
    void the_chunk_rows_lie_between_1_and_a_million() {
        assertThat(accepted(b -> b.chunkRows(1))).isTrue();
        assertThat(accepted(b -> b.chunkRows(1_000_000))).isTrue();
        assertThat(problem(b -> b.chunkRows(0)))
                .isEqualTo("--chunk-rows / SLUICE_CHUNK_ROWS must be between 1 and 1000000, got 0");
        assertThat(problem(b -> b.chunkRows(1_000_001)))
                .isEqualTo("--chunk-rows / SLUICE_CHUNK_ROWS must be between 1 and 1000000, got 1000001");
    }

    @Test
    void the_commit_interval_lies_between_0s_and_1m() {
        assertThat(accepted(b -> b.commitInterval(Duration.ZERO))).isTrue();
        assertThat(accepted(b -> b.commitInterval(Duration.ofMinutes(1)))).isTrue();
        assertThat(problem(b -> b.commitInterval(Duration.ofMillis(-1))))
                .isEqualTo("--commit-interval / SLUICE_COMMIT_INTERVAL must be between 0s and 1m, got PT-0.001S");
        assertThat(problem(b -> b.commitInterval(Duration.ofMillis(60_001))))
                .isEqualTo("--commit-interval / SLUICE_COMMIT_INTERVAL must be between 0s and 1m, got PT1M0.001S");
    }

    @Test
    void retention_and_lease_timeout_are_positive() {
        assertThat(accepted(b -> b.retention(Duration.ofMillis(1)).leaseTimeout(Duration.ofMillis(1)))).isTrue();
        assertThat(problem(b -> b.retention(Duration.ZERO)))
                .isEqualTo("--retention / SLUICE_RETENTION must be positive, got PT0S");
        assertThat(problem(b -> b.leaseTimeout(Duration.ofSeconds(-1))))
                .isEqualTo("--lease-timeout / SLUICE_LEASE_TIMEOUT must be positive, got PT-1S");
        assertThat(problem(b -> b.leaseTimeout((Duration) null)))
                .isEqualTo("--lease-timeout / SLUICE_LEASE_TIMEOUT must be positive, got null");
    }

    @Test
    void the_max_attempts_lie_between_1_and_100() {
        assertThat(accepted(b -> b.maxAttempts(1))).isTrue();
        assertThat(accepted(b -> b.maxAttempts(100))).isTrue();
        assertThat(problem(b -> b.maxAttempts(0)))
                .isEqualTo("--max-attempts / SLUICE_MAX_ATTEMPTS must be between 1 and 100, got 0");
        assertThat(problem(b -> b.maxAttempts(101)))
                .isEqualTo("--max-attempts / SLUICE_MAX_ATTEMPTS must be between 1 and 100, got 101");
    }

    @Test
    void host_data_dir_and_node_id_must_not_be_empty() {
        assertThat(problem(b -> b.host(" "))).isEqualTo("--host / SLUICE_HOST must not be empty");
        assertThat(problem(b -> b.dataDir(null))).isEqualTo("--data-dir / SLUICE_DATA_DIR must not be empty");
        assertThat(problem(b -> b.nodeId(""))).isEqualTo("--node-id / SLUICE_NODE_ID must not be empty");
    }

    @Test
    void a_blank_schema_is_public_and_any_other_is_a_lower_case_identifier() {
        assertThat(valid().schema(" ").build().schema()).isEqualTo("public");
        assertThat(valid().schema("imports_2").build().schema()).isEqualTo("imports_2");
        assertThat(problem(b -> b.schema("Imports")))
                .isEqualTo("--schema / SLUICE_SCHEMA must match ^[a-z][a-z0-9_]{0,62}$, got 'Imports'");
    }

    @Test
    void allowed_url_hosts_are_kept_and_cannot_be_changed_afterwards() {
        Config config = valid().allowUrlHosts("files.internal, 10.0.0.7").build();

        assertThat(config.allowUrlHosts()).containsExactlyInAnyOrder("files.internal", "10.0.0.7");
        assertThatThrownBy(() -> config.allowUrlHosts().add("elsewhere")).isInstanceOf(UnsupportedOperationException.class);
        assertThat(valid().allowUrlHosts((Set<String>) null).build().allowUrlHosts()).isEmpty();
    }

    @Test
    void every_problem_is_reported_together_in_one_refusal() {
        ConfigBuilder wrong = valid().port(70_000).workers(0).chunkRows(0).maxAttempts(0);

        assertThat(wrong.validate()).containsExactly(
                "--port / SLUICE_PORT must be between 0 and 65535, got 70000",
                "--workers / SLUICE_WORKERS must be between 1 and 64, got 0",
                "--chunk-rows / SLUICE_CHUNK_ROWS must be between 1 and 1000000, got 0",
                "--max-attempts / SLUICE_MAX_ATTEMPTS must be between 1 and 100, got 0");
        assertThatThrownBy(wrong::build)
                .isInstanceOf(SluiceException.class)
                .satisfies(e -> assertThat(((SluiceException) e).code()).isEqualTo("invalid_configuration"))
                .hasMessage("--port / SLUICE_PORT must be between 0 and 65535, got 70000; "
                        + "--workers / SLUICE_WORKERS must be between 1 and 64, got 0; "
                        + "--chunk-rows / SLUICE_CHUNK_ROWS must be between 1 and 1000000, got 0; "
                        + "--max-attempts / SLUICE_MAX_ATTEMPTS must be between 1 and 100, got 0");
    }

    @Test
    void text_that_does_not_parse_is_one_more_problem_beside_the_others() {
        ConfigBuilder wrong = valid().retention("a week").maxRecordBytes("16 megs").allowUrlHosts("a/b").workers(99);

        assertThat(wrong.validate()).containsExactly(
                "--retention / SLUICE_RETENTION must be a duration such as 7d, 12h, 30m or 3s, got 'a week'",
                "--max-record-bytes / SLUICE_MAX_RECORD_BYTES must be a size such as 16MB, 512KB or a number of"
                        + " bytes, got '16 megs'",
                "--allow-url-hosts / SLUICE_ALLOW_URL_HOSTS must be host names separated by commas, got 'a/b'",
                "--workers / SLUICE_WORKERS must be between 1 and 64, got 99");
    }

    @Test
    void text_settings_parse_as_the_command_line_does() {
        Config config = valid().retention("12h").commitInterval("500ms").leaseTimeout("2m").maxRecordBytes("1MB").build();

        assertThat(config.retention()).isEqualTo(Duration.ofHours(12));
        assertThat(config.commitInterval()).isEqualTo(Duration.ofMillis(500));
        assertThat(config.leaseTimeout()).isEqualTo(Duration.ofMinutes(2));
        assertThat(config.maxRecordBytes()).isEqualTo(1024 * 1024);
    }
}
