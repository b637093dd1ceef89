package dev.sluice.collection;

/**
 * A value that cannot become its field's type. Checked and stackless: thrown on the hot path for
 * every bad cell, caught right away by the row converter and turned into a failed row.
 */
public final class InvalidValue extends Exception {
    private final String code;

    /**
     * @param code    the row error code: {@code invalid_value} or {@code too_long}
     * @param message what was expected, e.g. {@code 'abc' is not an integer}
     */
    public InvalidValue(String code, String message) {
        super(message, null, false, false);
        this.code = code;
    }

    public static InvalidValue invalid(String message) {
        return new InvalidValue("invalid_value", message);
    }

    public String code() {
        return code;
    }
}
