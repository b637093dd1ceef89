package dev.sluice.webhook;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;

/**
 * The {@code Sluice-Signature} header of a delivery (docs/http-api.md, "Verifying a delivery"):
 * {@code t=<unix seconds>,v1=<hex HMAC-SHA256 of "t.body" with the secret>}. Binding the time into
 * what is signed lets a receiver refuse an old delivery replayed. Stateless and thread-safe.
 */
public final class Signature {
    private Signature() {
    }

    /** The header's value for {@code body} sent at {@code unixSeconds}. */
    public static String header(String secret, long unixSeconds, String body) {
        return "t=" + unixSeconds + ",v1=" + hmac(secret, unixSeconds + "." + body);
    }

    /** The hex HMAC-SHA256 of {@code text} with {@code secret}, both as UTF-8. */
    public static String hmac(String secret, String text) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(text.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every Java runtime", e);
        }
    }
}
