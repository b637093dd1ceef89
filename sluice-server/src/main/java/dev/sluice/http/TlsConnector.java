package dev.sluice.http;

import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.util.ssl.SslContextFactory;

import java.nio.file.Path;

/**
 * The HTTPS connector of {@code --tls-keystore}: Jetty's own TLS over a PKCS12 keystore, in place of
 * the plain connector Javalin would make. Host and port are read when Jetty starts, so the connector
 * listens where {@link HttpServer#start} was told. Not thread-safe; used once, at start.
 */
final class TlsConnector {
    private final Path keystore;
    private final String password;
    private String host;
    private int port;

    TlsConnector(Path keystore, String password) {
        this.keystore = keystore;
        this.password = password;
    }

    void listenOn(String host, int port) {
        this.host = host;
        this.port = port;
    }

    /** For {@code config.jetty.addConnector}: TLS, then HTTP/1.1 with the request's scheme set to https. */
    Connector build(Server server, HttpConfiguration http) {
        SslContextFactory.Server tls = new SslContextFactory.Server();
        tls.setKeyStorePath(keystore.toAbsolutePath().toString());
        tls.setKeyStoreType("PKCS12");
        tls.setKeyStorePassword(password == null ? "" : password);
        HttpConfiguration https = new HttpConfiguration(http);
        SecureRequestCustomizer secure = new SecureRequestCustomizer();
        // the Host rules are BrowserRules', not the certificate's: a proxy or an IP address may front it
        secure.setSniHostCheck(false);
        https.addCustomizer(secure);
        ServerConnector connector = new ServerConnector(server, new SslConnectionFactory(tls, "http/1.1"),
                new HttpConnectionFactory(https));
        connector.setHost(host);
        connector.setPort(port);
        return connector;
    }
}
