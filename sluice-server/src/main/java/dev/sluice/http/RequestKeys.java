package dev.sluice.http;

import dev.sluice.engine.Imports;
import dev.sluice.job.Creator;
import dev.sluice.error.SluiceException;
import io.javalin.http.Context;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;

/**
 * The {@code Idempotency-Key} of a job-creating request, with a hash of what the request asks for
 * besides its files' bytes (the engine adds those as it stages them): the route, the options and
 * the request document. How the answer waits ({@code wait}, {@code timeout}) is not part of it.
 * Stateless and thread-safe.
 */
final class RequestKeys {
    static final String HEADER = "Idempotency-Key";
    private static final int MAX_LENGTH = 255;

    private RequestKeys() {
    }

    /**
     * The request's key, or null when it sends none.
     *
     * @param parts what the request asks for, in a stable order
     * @throws SluiceException.Invalid {@code invalid_option} naming the header when the key is blank,
     *                                 longer than 255 characters or not printable ASCII
     */
    static Imports.RequestKey of(Context ctx, String... parts) {
        String key = ctx.header(HEADER);
        Creator creator = Caller.of(ctx).creator();
        if (key == null) {
            return creator == null ? null : new Imports.RequestKey(null, null, creator);
        }
        if (key.isBlank() || key.length() > MAX_LENGTH || !key.chars().allMatch(c -> c >= 0x20 && c < 0x7f)) {
            throw SluiceException.Invalid.option(HEADER, HEADER + " must be 1 to " + MAX_LENGTH
                    + " printable ASCII characters");
        }
        MessageDigest digest = sha256();
        digest.update((ctx.method() + " " + ctx.path()).getBytes(StandardCharsets.UTF_8));
        for (String part : parts) {
            digest.update((byte) 0);
            digest.update(String.valueOf(part).getBytes(StandardCharsets.UTF_8));
        }
        return new Imports.RequestKey(key, HexFormat.of().formatHex(digest.digest()), creator);
    }

    /** The query parameters sorted by name, without the ones that only say how to answer. */
    static String query(Context ctx) {
        Map<String, Object> sorted = new TreeMap<>(ctx.queryParamMap());
        JobOptions.WAIT.forEach(sorted::remove);
        return sorted.toString();
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
