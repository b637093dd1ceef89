package dev.sluice.job;

/**
 * Who created a job: the API key that sent the request ({@code created_by} in the status document,
 * docs/http-api.md). The admin key is named {@code admin}. A job created while the server runs open
 * has none (null). Immutable.
 */
public record Creator(String keyId, String keyName) {
    /** The admin key ({@code --admin-key}), which has no id of its own. */
    public static final Creator ADMIN = new Creator("admin", "admin");
}
