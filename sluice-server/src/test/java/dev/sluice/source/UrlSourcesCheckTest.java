package dev.sluice.source;

import dev.sluice.error.SluiceException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class UrlSourcesCheckTest {
    private static final String ONLY_PUBLIC =
            "; only public addresses are fetched unless the host is named in --allow-url-hosts";

    private final UrlSources defaults = new UrlSources(UrlPolicy.defaults(Set.of()));

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "http://127.0.0.1/people.csv        | 127.0.0.1 is a loopback address",
            "http://127.0.0.1:8080/people.csv   | 127.0.0.1 is a loopback address",
            "http://2130706433/people.csv       | 2130706433 is a loopback address",
            "http://10.0.0.1/people.csv         | 10.0.0.1 is a private address",
            "https://192.168.0.10/people.csv    | 192.168.0.10 is a private address",
            "http://172.20.1.1/people.csv       | 172.20.1.1 is a private address",
            "http://100.64.1.1/people.csv       | 100.64.1.1 is a shared (carrier-grade NAT) address",
            "http://169.254.169.254/latest/meta-data/ | 169.254.169.254 is a link-local address",
            "http://0.0.0.0/people.csv          | 0.0.0.0 is an unspecified address",
            "http://224.0.0.1/people.csv        | 224.0.0.1 is a multicast address",
            "http://255.255.255.255/people.csv  | 255.255.255.255 is a broadcast address",
            "http://[::1]/people.csv            | ::1 is a loopback address",
            "http://[::]/people.csv             | :: is an unspecified address",
            "http://[fe80::1]/people.csv        | fe80::1 is a link-local address",
            "http://[fd00::1]/people.csv        | fd00::1 is a private address",
            "http://[::ffff:127.0.0.1]/people.csv | ::ffff:127.0.0.1 is a loopback address",
            "http://[::ffff:a9fe:a9fe]/people.csv | ::ffff:a9fe:a9fe is a link-local address",
    })
    void the_default_policy_refuses_internal_ip_literals(String url, String reason) {
        SluiceException.Invalid e = refusal(() -> defaults.check(url));

        assertThat(e.code()).isEqualTo("source_forbidden");
        assertThat(e.getMessage()).isEqualTo("the URL " + url + " is not allowed: " + reason + ONLY_PUBLIC);
        assertThat(e.details()).isEqualTo(Map.of("url", url, "reason", reason + ONLY_PUBLIC));
    }

    @Test
    void the_default_policy_refuses_a_name_that_resolves_to_loopback() {
        SluiceException.Invalid e = refusal(() -> defaults.check("http://localhost:8080/people.csv"));

        assertThat(e.code()).isEqualTo("source_forbidden");
        assertThat((String) e.details().get("reason")).matches(
                "localhost resolves to (127\\.0\\.0\\.1|0:0:0:0:0:0:0:1), a loopback address" + ONLY_PUBLIC.replace(".", "\\."));
    }

    @Test
    void one_internal_address_among_public_ones_refuses_the_host() {
        UrlSources sources = withDns(Map.of("files.example.com", List.of("93.184.216.34", "10.0.0.7")));

        SluiceException.Invalid e = refusal(() -> sources.check("https://files.example.com/people.csv"));

        assertThat(e.code()).isEqualTo("source_forbidden");
        assertThat(e.details().get("reason"))
                .isEqualTo("files.example.com resolves to 10.0.0.7, a private address" + ONLY_PUBLIC);
    }

    @Test
    void a_name_that_resolves_only_to_public_addresses_passes() {
        UrlSources sources = withDns(Map.of("files.example.com", List.of("93.184.216.34", "2606:2800:220:1::248")));

        assertThatCode(() -> sources.check("https://files.example.com/people.csv")).doesNotThrowAnyException();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"http://localhost:8080/people.csv", "http://LocalHost/people.csv", "http://127.0.0.1/a.csv",
            "http://[0:0:0:0:0:0:0:1]:9000/a.csv", "http://localhost./a.csv"})
    void hosts_named_in_the_policy_pass_whatever_they_resolve_to(String url) {
        UrlSources sources = new UrlSources(UrlPolicy.defaults(Set.of("localhost", "127.0.0.1", "[::1]")));

        assertThatCode(() -> sources.check(url)).doesNotThrowAnyException();
    }

    @Test
    void allowing_one_name_does_not_allow_its_address_under_another_name() {
        UrlSources sources = new UrlSources(UrlPolicy.defaults(Set.of("localhost")));

        assertThat(refusal(() -> sources.check("http://127.0.0.1/people.csv")).code()).isEqualTo("source_forbidden");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "file:///etc/passwd                         | file",
            "ftp://files.example.com/people.csv         | ftp",
            "jar:http://files.example.com/a.jar!/people.csv | jar",
            "gopher://files.example.com/people.csv      | gopher",
            "HTTPX://files.example.com/people.csv       | httpx",
    })
    void schemes_other_than_http_and_https_are_refused(String url, String scheme) {
        SluiceException.Invalid e = refusal(() -> defaults.check(url));

        assertThat(e.code()).isEqualTo("source_forbidden");
        assertThat(e.details().get("reason")).isEqualTo("the scheme '" + scheme + "' is not allowed; only http and https are");
    }

    @Test
    void a_url_with_user_info_is_refused_and_its_password_is_not_repeated() {
        SluiceException.Invalid e = refusal(() -> defaults.check("https://alice:s3cret@files.example.com/people.csv"));

        assertThat(e.code()).isEqualTo("source_forbidden");
        assertThat(e.getMessage()).isEqualTo("the URL https://***@files.example.com/people.csv is not allowed: URLs with"
                + " user-info (user:password@host) are not allowed");
        assertThat(e.details()).containsEntry("url", "https://***@files.example.com/people.csv");
        assertThat(e.toString()).doesNotContain("s3cret");
    }

    @Test
    void user_info_is_refused_even_for_an_allowed_host() {
        UrlSources sources = new UrlSources(UrlPolicy.defaults(Set.of("localhost")));

        assertThat(refusal(() -> sources.check("http://admin@localhost/people.csv")).code()).isEqualTo("source_forbidden");
    }

    @ParameterizedTest(name = "{index}: '{0}'")
    @CsvSource(delimiter = '|', value = {
            "people.csv                        | the URL has no scheme; only http:// and https:// URLs can be fetched",
            "http:people.csv                   | the URL has no host; write http://host/path",
            "http:///people.csv                | the URL has no valid host",
            "http://127.1/people.csv           | the URL has no valid host",
            "http://files.example.com:0/a.csv  | the port 0 is not between 1 and 65535",
            "http://files example.com/a.csv    | not a valid URL: Illegal character in authority at index 7",
            "'   '                             | the URL is empty",
    })
    void text_that_is_not_a_fetchable_url_is_an_invalid_source(String url, String reason) {
        SluiceException.Invalid e = refusal(() -> defaults.check(url));

        assertThat(e.code()).isEqualTo("invalid_source");
        assertThat(e.details()).isEqualTo(Map.of("url", url, "reason", reason));
    }

    @Test
    void a_host_that_does_not_resolve_is_an_invalid_source() {
        UrlSources sources = withDns(Map.of());

        SluiceException.Invalid e = refusal(() -> sources.check("https://nowhere.example.com/people.csv"));

        assertThat(e.code()).isEqualTo("invalid_source");
        assertThat(e.details().get("reason")).isEqualTo("the host does not resolve: nowhere.example.com");
    }

    @Test
    void a_name_that_resolves_to_an_internal_address_after_the_check_is_refused_at_fetch_time_without_connecting()
            throws Exception {
        try (RawServer server = new RawServer((request, socket, index) -> RawServer.head(socket, "200 OK",
                "Content-Length: 0"))) {
            List<String> answers = new ArrayList<>(List.of("93.184.216.34", "127.0.0.1"));
            UrlSources sources = new UrlSources(UrlPolicy.defaults(Set.of()),
                    host -> new InetAddress[] {InetAddress.getByName(answers.remove(0))}, () -> null);
            String url = "http://rebind.example.com:" + server.port() + "/people.csv";

            sources.check(url);
            SourceForbiddenException e = catchThrowableOfType(SourceForbiddenException.class, () -> sources.open(url));

            assertThat(e.getMessage()).isEqualTo(url + " is not allowed: rebind.example.com resolves to 127.0.0.1,"
                    + " a loopback address" + ONLY_PUBLIC);
            assertThat(e.code()).isEqualTo("source_forbidden");
            assertThat(e.retryable()).isFalse();
            assertThat(server.requests()).isEmpty();
        }
    }

    @Test
    void the_connection_goes_to_the_address_that_was_vetted_and_the_request_names_the_host() throws Exception {
        try (RawServer server = new RawServer((request, socket, index) -> {
            RawServer.head(socket, "200 OK", "Content-Length: 2");
            socket.getOutputStream().write("ok".getBytes());
        })) {
            UrlSources sources = new UrlSources(UrlPolicy.defaults(Set.of("files.internal.test")),
                    host -> new InetAddress[] {InetAddress.getByName("127.0.0.1")}, () -> null);

            assertThat(sources.open("http://files.internal.test:" + server.port() + "/a.csv").readAllBytes())
                    .isEqualTo("ok".getBytes());
            assertThat(server.requests().get(0).line()).isEqualTo("GET /a.csv HTTP/1.1");
            assertThat(server.requests().get(0).headers()).containsEntry("host", "files.internal.test:" + server.port())
                    .containsEntry("accept-encoding", "identity").containsEntry("connection", "close");
        }
    }

    @Test
    void policy_settings_out_of_range_are_refused_naming_the_setting() {
        assertThatThrownBy(() -> new UrlPolicy(Set.of(" "), 1, java.time.Duration.ofSeconds(1),
                java.time.Duration.ofSeconds(1), 0, 0))
                .hasMessage("--allow-url-hosts / SLUICE_ALLOW_URL_HOSTS has an empty host name");
        assertThatThrownBy(() -> new UrlPolicy(Set.of(), 0, java.time.Duration.ofSeconds(1),
                java.time.Duration.ofSeconds(1), 0, 0)).hasMessage("URL maxBytes must be at least 1, got 0");
    }

    private static UrlSources withDns(Map<String, List<String>> records) {
        return new UrlSources(UrlPolicy.defaults(Set.of()), host -> {
            List<String> addresses = records.get(host);
            if (addresses == null) {
                throw new UnknownHostException(host);
            }
            InetAddress[] all = new InetAddress[addresses.size()];
            for (int i = 0; i < all.length; i++) {
                all[i] = InetAddress.getByName(addresses.get(i));
            }
            return all;
        }, () -> null);
    }

    private static SluiceException.Invalid refusal(org.assertj.core.api.ThrowableAssert.ThrowingCallable check) {
        return catchThrowableOfType(SluiceException.Invalid.class, check);
    }
}
