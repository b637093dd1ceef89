package dev.sluice.error;

import java.util.Map;

/**
 * The one unchecked base for errors of a request, a job or the process. Each carries a stable
 * machine-readable {@code code} (part of the public contract) and optional details; its kind (the
 * subclass) says what went wrong, and {@link #httpStatus()} the HTTP status the API answers it with
 * (see docs/http-api.md). The base is abstract: every error is one of the kinds below.
 *
 * <p>Rows that fail are never exceptions: they are {@code RowOutcome.Failed} values. This package
 * depends on nothing else in Sluice, so every layer may throw these.
 */
public abstract class SluiceException extends RuntimeException {
    private final int httpStatus;
    private final String code;
    private final Map<String, Object> details;

    /** @param httpStatus what the API answers this kind with; each kind passes its own */
    protected SluiceException(int httpStatus, String code, String message, Map<String, Object> details,
                              Throwable cause) {
        super(message, cause);
        this.httpStatus = httpStatus;
        this.code = code;
        this.details = details == null ? Map.of() : details;
    }

    public String code() {
        return code;
    }

    public Map<String, Object> details() {
        return details;
    }

    /** The HTTP status this kind of error is answered with. */
    public final int httpStatus() {
        return httpStatus;
    }

    /** A request that names something invalid (an option, a definition, a parameter) or cannot be read. */
    public static class Invalid extends SluiceException {
        public Invalid(String code, String message) {
            this(code, message, Map.of(), null);
        }

        public Invalid(String code, String message, Map<String, Object> details) {
            this(code, message, details, null);
        }

        public Invalid(String code, String message, Map<String, Object> details, Throwable cause) {
            super(400, code, message, details, cause);
        }

        public static Invalid option(String option, String message) {
            return new Invalid("invalid_option", message, Map.of("option", option));
        }
    }

    /** The request carries no valid key: missing, unknown, revoked or expired (docs/http-api.md). */
    public static class Unauthorized extends SluiceException {
        public Unauthorized(String code, String message, Map<String, Object> details) {
            super(401, code, message, details, null);
        }
    }

    /**
     * The request may not be made: its key is valid but lacks a right the request needs
     * ({@code details.scope} names it), or it comes from a foreign origin ({@code details.origin}).
     */
    public static class Forbidden extends SluiceException {
        public Forbidden(String code, String message, Map<String, Object> details) {
            super(403, code, message, details, null);
        }
    }

    /**
     * The request was sent to a name this server does not answer for: a server running open answers
     * only a loopback {@code Host} or one in {@code --allowed-hosts} ({@code details.host}).
     */
    public static class Misdirected extends SluiceException {
        public Misdirected(String code, String message, Map<String, Object> details) {
            super(421, code, message, details, null);
        }
    }

    /** Something named by the request does not exist. */
    public static class NotFound extends SluiceException {
        public NotFound(String code, String message, Map<String, Object> details) {
            super(404, code, message, details, null);
        }
    }

    /** The request conflicts with the current state of the thing it names. */
    public static class Conflict extends SluiceException {
        public Conflict(String code, String message, Map<String, Object> details) {
            super(409, code, message, details, null);
        }
    }

    /** The request body is larger than a limit. */
    public static class TooLarge extends SluiceException {
        public TooLarge(String code, String message, Map<String, Object> details) {
            super(413, code, message, details, null);
        }
    }

    /** The request body comes in a media type or encoding that is not taken. */
    public static class UnsupportedMedia extends SluiceException {
        public UnsupportedMedia(String code, String message, Map<String, Object> details) {
            super(415, code, message, details, null);
        }
    }

    /** Something the service depends on (its database) cannot be reached now; a retry may succeed. */
    public static class Unavailable extends SluiceException {
        public Unavailable(String code, String message, Map<String, Object> details, Throwable cause) {
            super(503, code, message, details, cause);
        }
    }

    /** A setting (or the environment it names) is not usable; the process cannot run with it. */
    public static class Misconfigured extends SluiceException {
        public Misconfigured(String code, String message) {
            this(code, message, Map.of(), null);
        }

        public Misconfigured(String code, String message, Map<String, Object> details) {
            this(code, message, details, null);
        }

        public Misconfigured(String code, String message, Map<String, Object> details, Throwable cause) {
            super(500, code, message, details, cause);
        }
    }

    /** A failure of the service itself, not of the request. */
    public static class Internal extends SluiceException {
        public Internal(String code, String message, Map<String, Object> details, Throwable cause) {
            super(500, code, message, details, cause);
        }
    }
}
