package dev.sluice;

import java.util.Map;

/**
 * The one unchecked base for errors of a request, a job or the process. Each carries a stable
 * machine-readable {@code code} (part of the public contract) and optional details.
 *
 * <p>Rows that fail are never exceptions: they are {@code RowOutcome.Failed} values.
 */
public class SluiceException extends RuntimeException {
    private final String code;
    private final Map<String, Object> details;

    public SluiceException(String code, String message) {
        this(code, message, Map.of(), null);
    }

    public SluiceException(String code, String message, Map<String, Object> details) {
        this(code, message, details, null);
    }

    public SluiceException(String code, String message, Map<String, Object> details, Throwable cause) {
        super(message, cause);
        this.code = code;
        this.details = details == null ? Map.of() : details;
    }

    public String code() {
        return code;
    }

    public Map<String, Object> details() {
        return details;
    }

    /** A request that names something invalid: an option, a definition, a parameter. */
    public static class Invalid extends SluiceException {
        public Invalid(String code, String message, Map<String, Object> details) {
            super(code, message, details);
        }

        public static Invalid option(String option, String message) {
            return new Invalid("invalid_option", message, Map.of("option", option));
        }
    }

    /** Something named by the request does not exist. */
    public static class NotFound extends SluiceException {
        public NotFound(String code, String message, Map<String, Object> details) {
            super(code, message, details);
        }
    }

    /** The request conflicts with the current state of the thing it names. */
    public static class Conflict extends SluiceException {
        public Conflict(String code, String message, Map<String, Object> details) {
            super(code, message, details);
        }
    }
}
