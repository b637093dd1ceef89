package dev.sluice.job;

import java.util.UUID;

/**
 * What happened to one row. Exactly one per row; a failed row is data, not an exception.
 * Immutable and thread-safe.
 */
public sealed interface RowOutcome {

    /** The wire name: {@code created}, {@code updated}, {@code unchanged}, {@code skipped} or {@code failed}. */
    String wireName();

    /** A new record was written. */
    record Created(UUID recordId) implements RowOutcome {
        public String wireName() {
            return "created";
        }
    }

    /** A record with the same key existed and was overwritten. */
    record Updated(UUID recordId) implements RowOutcome {
        public String wireName() {
            return "updated";
        }
    }

    /** A record with the same key existed before this job and was left as it was. */
    record Unchanged(UUID recordId) implements RowOutcome {
        public String wireName() {
            return "unchanged";
        }
    }

    /** An earlier row of this job had the same key and was kept; {@code duplicateOf} says where it was. */
    record Skipped(Position duplicateOf, UUID recordId) implements RowOutcome {
        public String wireName() {
            return "skipped";
        }
    }

    /**
     * The row was rejected.
     *
     * @param code    {@code malformed_row}, {@code missing_required}, {@code invalid_value}, {@code too_long},
     *                {@code unknown_field}, {@code duplicate_key} or {@code write_error}
     * @param field   the field at fault, or null for the whole row
     * @param message what was expected, without the location; one that quotes a huge value is cut to
     *                {@link #MAX_MESSAGE} characters, so that storing it can never fail
     */
    record Failed(String code, String field, String message) implements RowOutcome {
        /** The longest message kept. */
        public static final int MAX_MESSAGE = 2000;

        public Failed {
            if (message != null && message.length() > MAX_MESSAGE) {
                message = message.substring(0, MAX_MESSAGE) + "… (cut)";
            }
        }

        public String wireName() {
            return "failed";
        }
    }

    /** Where a row came from: the file's 0-based ordinal in its job and the 1-based line. */
    record Position(int file, long line) {
    }

    /** The record id, when the outcome has one. */
    default UUID recordIdOrNull() {
        if (this instanceof Created c) {
            return c.recordId();
        } else if (this instanceof Updated u) {
            return u.recordId();
        } else if (this instanceof Unchanged n) {
            return n.recordId();
        } else if (this instanceof Skipped s) {
            return s.recordId();
        }
        return null;
    }
}
