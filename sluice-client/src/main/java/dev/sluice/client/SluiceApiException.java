package dev.sluice.client;

import java.util.Map;

/**
 * An error answer of the API: {@code {"error": {"code", "message", "details"}}} with its HTTP status.
 * {@link #code()} is the stable, machine-readable part of the contract (for example
 * {@code import_not_found}, {@code invalid_option}, {@code collection_busy}); the message is for people.
 * An error answer that is not in that shape (a proxy's HTML page, say) arrives with the code
 * {@code unexpected_response} and the start of the body as its message. Immutable and thread-safe.
 */
public class SluiceApiException extends SluiceClientException {
    private final int status;
    private final String code;
    private final String serverMessage;
    private final Map<String, Object> details;

    public SluiceApiException(int status, String code, String message, Map<String, Object> details) {
        super(status + " " + code + ": " + message);
        this.status = status;
        this.code = code;
        this.serverMessage = message;
        this.details = details == null ? Map.of() : Map.copyOf(details);
    }

    /** The HTTP status, e.g. 404. */
    public int status() {
        return status;
    }

    /** The error code, e.g. {@code import_not_found}. */
    public String code() {
        return code;
    }

    /** The server's message, without the status and code that {@link #getMessage()} adds. */
    public String serverMessage() {
        return serverMessage;
    }

    /** The details the server gave, e.g. {@code {"option": "on_conflict"}} for {@code invalid_option}; never null. */
    public Map<String, Object> details() {
        return details;
    }
}
