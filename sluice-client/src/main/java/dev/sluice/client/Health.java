package dev.sluice.client;

/**
 * The answer of {@code GET /health}: {@code ok} once the service takes work, {@code starting} before.
 * Immutable and thread-safe.
 */
public record Health(String status) {

    /** True when the service takes work. */
    public boolean isReady() {
        return "ok".equals(status);
    }
}
