package dev.sluice.http;

import java.nio.file.Path;
import java.util.Set;

/**
 * What the HTTP layer needs of {@code sluice serve}'s access settings (docs/operations.md#access):
 * the browser rules, TLS and the request size limits. Whether it runs open is not among them: that is
 * the admin key's absence ({@link HttpParts#adminKey()}), one fact that the Gate and the browser rules share. Immutable.
 *
 * @param corsOrigins      web origins whose pages may call the API (lower case, {@code scheme://host[:port]})
 * @param allowedHosts     host names an open server answers to besides loopback
 * @param tlsKeystore      a PKCS12 keystore to serve HTTPS with, or null for HTTP
 * @param maxRequestBytes  the largest JSON request body
 * @param maxUploadBytes   the largest raw upload
 * @param maxFields        the most fields one collection may define
 */
public record HttpSettings(Set<String> corsOrigins, Set<String> allowedHosts, Path tlsKeystore,
                           String tlsKeystorePassword, long maxRequestBytes, long maxUploadBytes, int maxFields) {
    public HttpSettings {
        corsOrigins = Set.copyOf(corsOrigins);
        allowedHosts = Set.copyOf(allowedHosts);
    }
}
