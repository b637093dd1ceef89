package dev.sluice;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ConfigTest {
    private static final String SETTING = "--max-record-bytes / SLUICE_MAX_RECORD_BYTES";

    private static Config withRecordLimit(long bytes) {
        return new Config("127.0.0.1", 0, Path.of("data"), 2, Duration.ofDays(7), 100, Duration.ofSeconds(1),
                Duration.ofSeconds(30), "node", Set.of(), null, "public", 3, bytes);
    }

    @Test
    void sizes_are_read_with_binary_units_in_any_case_or_as_plain_bytes() {
        assertThat(Config.size(SETTING, "16MB")).isEqualTo(16L * 1024 * 1024);
        assertThat(Config.size(SETTING, "512kb")).isEqualTo(512L * 1024);
        assertThat(Config.size(SETTING, " 1 GB ")).isEqualTo(1024L * 1024 * 1024);
        assertThat(Config.size(SETTING, "65536")).isEqualTo(65_536);
    }

    @Test
    void a_size_that_is_not_one_names_the_flag_and_the_variable() {
        assertThatThrownBy(() -> Config.size(SETTING, "16 megs"))
                .isInstanceOf(SluiceException.class)
                .hasMessage("--max-record-bytes / SLUICE_MAX_RECORD_BYTES must be a size such as 16MB, 512KB or a"
                        + " number of bytes, got '16 megs'");
    }

    @Test
    void the_record_limit_defaults_to_16_mb_and_must_lie_between_1_kb_and_256_mb() {
        assertThat(new Config("127.0.0.1", 0, Path.of("data"), 2, Duration.ofDays(7), 100, Duration.ofSeconds(1),
                Duration.ofSeconds(30), "node").maxRecordBytes()).isEqualTo(16L * 1024 * 1024);
        assertThat(withRecordLimit(1024).maxRecordBytes()).isEqualTo(1024);
        assertThatThrownBy(() -> withRecordLimit(1023))
                .hasMessage("--max-record-bytes / SLUICE_MAX_RECORD_BYTES must be between 1KB and 256MB, got 1023 bytes");
        assertThatThrownBy(() -> withRecordLimit(Config.size(SETTING, "999999999999999GB")))
                .hasMessageStartingWith("--max-record-bytes / SLUICE_MAX_RECORD_BYTES must be between 1KB and 256MB");
    }
}
