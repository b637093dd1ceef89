package dev.sluice.source;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManagerFactory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** https against a server whose certificate (made by keytool) names only {@code files.example.test}. */
class UrlSourcesTlsTest {
    private static final char[] PASSWORD = "changeit".toCharArray();

    @TempDir
    static Path dir;
    private static HttpsServer server;
    private static SSLSocketFactory trusting;

    @BeforeAll
    static void start() throws Exception {
        Path keystore = dir.resolve("server.p12");
        Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair", "-alias", "files", "-keyalg", "EC", "-groupname", "secp256r1",
                "-dname", "CN=files.example.test", "-ext", "SAN=dns:files.example.test", "-validity", "2",
                "-storetype", "PKCS12", "-keystore", keystore.toString(), "-storepass", "changeit", "-keypass", "changeit")
                .redirectErrorStream(true).start();
        assertThat(keytool.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(keytool.exitValue()).as(new String(keytool.getInputStream().readAllBytes())).isZero();

        KeyStore keys = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keystore)) {
            keys.load(in, PASSWORD);
        }
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(keys, PASSWORD);
        SSLContext serverContext = SSLContext.getInstance("TLS");
        serverContext.init(kmf.getKeyManagers(), null, null);
        server = HttpsServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0), 0);
        server.setHttpsConfigurator(new HttpsConfigurator(serverContext));
        server.createContext("/", exchange -> {
            try (exchange) {
                exchange.sendResponseHeaders(200, 100_000);
                Generated.write(exchange.getResponseBody(), 0, 100_000);
            }
        });
        server.start();

        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("files", keys.getCertificate("files"));
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        SSLContext clientContext = SSLContext.getInstance("TLS");
        clientContext.init(null, tmf.getTrustManagers(), null);
        trusting = clientContext.getSocketFactory();
    }

    @AfterAll
    static void stop() {
        server.stop(0);
    }

    /** Every name resolves to 127.0.0.1, where the test server listens; the policy allows the names. */
    private static UrlSources sources(SSLSocketFactory tls) {
        UrlPolicy policy = new UrlPolicy(Set.of("files.example.test", "localhost"), 1L << 30, Duration.ofSeconds(2),
                Duration.ofSeconds(10), 5, 5);
        return new UrlSources(policy, host -> new InetAddress[] {InetAddress.getByName("127.0.0.1")}, () -> tls);
    }

    private static String url(String host) {
        return "https://" + host + ":" + server.getAddress().getPort() + "/people.csv";
    }

    @Test
    void https_connects_to_the_vetted_address_and_verifies_the_certificate_against_the_host_name() throws Exception {
        assertThat(Generated.readThrough(sources(trusting).open(url("files.example.test"))))
                .isEqualTo(new Generated.Read(Generated.sha256(100_000), 100_000));
    }

    @Test
    void a_certificate_for_another_name_is_rejected() {
        SourceRejectedException e = catchThrowableOfType(SourceRejectedException.class,
                () -> sources(trusting).open(url("localhost")));

        assertThat(e.getMessage()).startsWith("the TLS certificate of localhost:" + server.getAddress().getPort()
                + " does not verify: ").contains("localhost");
        assertThat(e.retryable()).isFalse();
    }

    @Test
    void a_certificate_that_no_trusted_authority_signed_is_rejected() {
        SourceRejectedException e = catchThrowableOfType(SourceRejectedException.class,
                () -> sources((SSLSocketFactory) SSLSocketFactory.getDefault()).open(url("files.example.test")));

        assertThat(e.getMessage()).startsWith("the TLS certificate of files.example.test:" + server.getAddress().getPort()
                + " does not verify: ").contains("PKIX path building failed");
    }
}
