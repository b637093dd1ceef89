package dev.sluice.collection;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.UUID;

/**
 * Hand-written parsers for the canonical text forms of booleans, dates and UUIDs (numbers are in
 * {@link NumberSyntax}, timestamps in {@link TimestampSyntax}). Each takes text that is already
 * trimmed and not empty, and accepts ASCII only: the JDK's own parsers also take forms a data file
 * should not (Unicode digits, short UUIDs). Stateless.
 */
final class ValueSyntax {
    private ValueSyntax() {
    }

    /** true/false, t/f, yes/no, y/n, 1/0, on/off, in any case. */
    static Boolean parseBoolean(String s) throws InvalidValue {
        switch (s.length()) {
            case 1 -> {
                char c = Character.toLowerCase(s.charAt(0));
                if (c == 't' || c == 'y' || c == '1') {
                    return Boolean.TRUE;
                }
                if (c == 'f' || c == 'n' || c == '0') {
                    return Boolean.FALSE;
                }
            }
            case 2 -> {
                if (s.equalsIgnoreCase("on")) {
                    return Boolean.TRUE;
                }
                if (s.equalsIgnoreCase("no")) {
                    return Boolean.FALSE;
                }
            }
            case 3 -> {
                if (s.equalsIgnoreCase("yes")) {
                    return Boolean.TRUE;
                }
                if (s.equalsIgnoreCase("off")) {
                    return Boolean.FALSE;
                }
            }
            case 4 -> {
                if (s.equalsIgnoreCase("true")) {
                    return Boolean.TRUE;
                }
            }
            case 5 -> {
                if (s.equalsIgnoreCase("false")) {
                    return Boolean.FALSE;
                }
            }
            default -> {
                // no other length can be a boolean
            }
        }
        throw Messages.notABoolean(s);
    }

    /** Exactly {@code YYYY-MM-DD}, a real day of the calendar. */
    static LocalDate parseDate(String s) throws InvalidValue {
        LocalDate date = s.length() == 10 ? dateAt(s) : null;
        if (date == null) {
            throw Messages.notADate(s);
        }
        return date;
    }

    /** The {@code YYYY-MM-DD} at the start of {@code s}, or null when it is not one. */
    static LocalDate dateAt(String s) {
        if (s.length() < 10 || s.charAt(4) != '-' || s.charAt(7) != '-') {
            return null;
        }
        int year = digits(s, 0, 4);
        int month = digits(s, 5, 2);
        int day = digits(s, 8, 2);
        if (year < 0 || month < 0 || day < 0) {
            return null;
        }
        try {
            return LocalDate.of(year, month, day);
        } catch (DateTimeException e) {
            return null; // 2026-02-30, month 13: rare enough that the exception's cost does not matter
        }
    }

    /** The value of {@code count} ASCII digits at {@code from}, or -1 when they are not all digits. */
    static int digits(String s, int from, int count) {
        if (from + count > s.length()) {
            return -1;
        }
        int value = 0;
        for (int i = from; i < from + count; i++) {
            int digit = s.charAt(i) - '0';
            if (digit < 0 || digit > 9) {
                return -1;
            }
            value = value * 10 + digit;
        }
        return value;
    }

    /** The canonical 8-4-4-4-12 hexadecimal form, in any case. */
    static UUID parseUuid(String s) throws InvalidValue {
        if (s.length() != 36 || s.charAt(8) != '-' || s.charAt(13) != '-' || s.charAt(18) != '-'
                || s.charAt(23) != '-') {
            throw Messages.notAUuid(s);
        }
        long high = 0;
        long low = 0;
        for (int i = 0; i < 36; i++) {
            if (i == 8 || i == 13 || i == 18 || i == 23) {
                continue;
            }
            int nibble = hex(s.charAt(i));
            if (nibble < 0) {
                throw Messages.notAUuid(s);
            }
            if (i < 19) {
                high = (high << 4) | nibble;
            } else {
                low = (low << 4) | nibble;
            }
        }
        return new UUID(high, low);
    }

    private static int hex(char c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        if (c >= 'a' && c <= 'f') {
            return c - 'a' + 10;
        }
        if (c >= 'A' && c <= 'F') {
            return c - 'A' + 10;
        }
        return -1;
    }
}
