package dev.sluice;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The startup rules of docs/operations.md#access: who may run open, and how long an admin key must be. */
class AccessConfigTest {
    private static final String KEY = "k".repeat(32);

    private static ConfigBuilder valid() {
        return Config.builder().port(0).dataDir(Path.of("data")).chunkRows(100).nodeId("node");
    }

    @Test
    void an_admin_key_shorter_than_32_characters_is_refused_saying_so() {
        List<String> problems = valid().adminKey("k".repeat(31)).validate();

        assertThat(problems).singleElement().asString().contains("--admin-key / SLUICE_ADMIN_KEY")
                .contains("at least 32 characters").contains("got 31");
        assertThat(valid().adminKey(KEY).validate()).isEmpty();
    }

    @Test
    void a_non_loopback_address_without_an_admin_key_is_refused_naming_the_key_and_the_opt_out() {
        List<String> problems = valid().host("0.0.0.0").validate();

        assertThat(problems).singleElement().asString().contains("0.0.0.0").contains("--admin-key")
                .contains("--no-auth").contains("SLUICE_NO_AUTH=true");
    }

    @Test
    void a_non_loopback_address_starts_with_an_admin_key_or_with_no_auth() {
        assertThat(valid().host("0.0.0.0").adminKey(KEY).validate()).isEmpty();
        assertThat(valid().host("10.1.2.3").noAuth(true).validate()).isEmpty();
    }

    @Test
    void every_loopback_spelling_runs_open() {
        for (String host : List.of("127.0.0.1", "127.8.9.10", "localhost", "::1", "[::1]")) {
            assertThat(valid().host(host).validate()).as(host).isEmpty();
        }
        for (String host : List.of("0.0.0.0", "::", "192.168.1.4", "example.com", "localhost.example.com")) {
            assertThat(dev.sluice.http.HostNames.isLoopback(host)).as(host).isFalse();
        }
    }

    @Test
    void cors_origins_are_origins_without_a_path() {
        assertThat(valid().corsOrigins("https://app.example.com, http://localhost:3000").build().corsOrigins())
                .containsExactlyInAnyOrder("https://app.example.com", "http://localhost:3000");
        assertThat(valid().corsOrigins("https://app.example.com/path").validate()).singleElement().asString()
                .contains("--cors-origins / SLUICE_CORS_ORIGINS").contains("https://app.example.com/path");
    }

    @Test
    void the_limits_default_to_50_gb_16_mb_and_500_fields_and_name_their_flags_when_wrong() {
        Config config = valid().build();
        assertThat(config.maxUploadBytes()).isEqualTo(50L << 30);
        assertThat(config.maxRequestBytes()).isEqualTo(16L << 20);
        assertThat(config.maxFields()).isEqualTo(500);

        assertThat(valid().maxUploadBytes("lots").validate()).singleElement().asString().contains("--max-upload-bytes");
        assertThat(valid().maxRequestBytes("10").validate()).singleElement().asString().contains("--max-request-bytes");
        assertThat(valid().maxFields(0).validate()).singleElement().asString().contains("--max-fields");
    }

    @Test
    void a_tls_keystore_must_be_a_readable_file() {
        assertThat(valid().tls(Path.of("no-such-keystore.p12"), "pw").validate()).singleElement().asString()
                .contains("--tls-keystore / SLUICE_TLS_KEYSTORE").contains("no-such-keystore.p12");
    }
}
