package dev.sluice.client;

import java.time.Duration;
import java.util.List;

/**
 * The checks of {@link ImportRequest.Builder}: each answers its value when it can be valid, else throws
 * an {@link IllegalArgumentException} naming the option and the value. Stateless and thread-safe.
 */
final class OptionChecks {
    private OptionChecks() {
    }

    static Long notNegative(String option, Long value) {
        if (value != null && value < 0) {
            throw new IllegalArgumentException(option + " cannot be negative, got " + value);
        }
        return value;
    }

    static String notBlank(String option, String value) {
        if (value != null && value.isBlank()) {
            throw new IllegalArgumentException(option + " cannot be blank");
        }
        return value;
    }

    static String notEmpty(String option, String value) {
        if (value != null && value.isEmpty()) {
            throw new IllegalArgumentException(option + " cannot be empty");
        }
        return value;
    }

    /** The server holds a {@code wait} request from 1 s to 1 h. */
    static Duration waitTimeout(Duration value) {
        if (value != null && (value.toSeconds() < 1 || value.toSeconds() > 3600)) {
            throw new IllegalArgumentException("waitTimeout must be from 1 s to 1 h, got " + value);
        }
        return value;
    }

    /** The query form joins list options with commas, so no item may hold one. */
    static List<String> noCommas(String option, List<String> values) {
        if (values != null) {
            for (String v : values) {
                if (v == null || v.indexOf(',') >= 0) {
                    throw new IllegalArgumentException(option + " cannot hold null or a comma, got '" + v + "'");
                }
            }
        }
        return values;
    }
}
