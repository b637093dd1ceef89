package dev.sluice.http;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * The OpenAPI 3.1 contract, {@code openapi.json} on the class path, served at {@code GET /openapi.json}.
 * It is written by hand; the contract test keeps it in step with the route table. Thread-safe.
 */
final class OpenApiDocument {
    private static final String RESOURCE = "/openapi.json";
    private static volatile byte[] bytes;

    private OpenApiDocument() {
    }

    /** The document's bytes, read once. */
    static byte[] bytes() {
        byte[] b = bytes;
        if (b == null) {
            try (InputStream in = OpenApiDocument.class.getResourceAsStream(RESOURCE)) {
                if (in == null) {
                    throw new IllegalStateException(RESOURCE + " is missing from the class path");
                }
                b = in.readAllBytes();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            bytes = b;
        }
        return b;
    }
}
