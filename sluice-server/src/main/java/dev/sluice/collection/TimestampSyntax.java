package dev.sluice.collection;

import java.time.Instant;
import java.time.LocalDate;

/**
 * Parses ISO-8601 timestamps by hand: {@code DateTimeFormatter} allocates a parse context and
 * throws a stack-carrying exception per bad value, too slow for a column of a million rows.
 *
 * <p>Accepted: {@code YYYY-MM-DD}, then optionally {@code T} (or a space) and {@code hh:mm[:ss[.fraction]]},
 * then optionally {@code Z} or an offset {@code ±hh}, {@code ±hh:mm} or {@code ±hhmm}. No offset means
 * UTC; a bare date means midnight UTC. The fraction has up to nine digits ({@code ,} works like {@code .}),
 * but what they say must fit in microseconds ({@code .123456000} does, {@code .123456789} is refused):
 * both databases then store the same instant.
 * Stateless.
 */
final class TimestampSyntax {
    private static final int SECONDS_PER_DAY = 86_400;
    private static final int MAX_OFFSET_SECONDS = 18 * 3600;

    private TimestampSyntax() {
    }

    static Instant parse(String s) throws InvalidValue {
        Instant instant = parseOrNull(s);
        if (instant == null) {
            throw Messages.notATimestamp(s);
        }
        if (instant.getNano() % 1000 != 0) {
            // PostgreSQL's timestamptz keeps microseconds and would round the rest away
            throw Messages.finerThanMicroseconds(s);
        }
        return instant;
    }

    private static Instant parseOrNull(String s) {
        LocalDate date = ValueSyntax.dateAt(s);
        if (date == null) {
            return null;
        }
        long epochSecond = date.toEpochDay() * SECONDS_PER_DAY;
        int n = s.length();
        if (n == 10) {
            return Instant.ofEpochSecond(epochSecond);
        }
        char separator = s.charAt(10);
        if (separator != 'T' && separator != 't' && separator != ' ') {
            return null;
        }
        int hour = ValueSyntax.digits(s, 11, 2);
        int minute = n > 13 && s.charAt(13) == ':' ? ValueSyntax.digits(s, 14, 2) : -1;
        if (hour < 0 || hour > 23 || minute < 0 || minute > 59) {
            return null;
        }
        int i = 16;
        int second = 0;
        int nanos = 0;
        if (i < n && s.charAt(i) == ':') {
            second = ValueSyntax.digits(s, i + 1, 2);
            if (second < 0 || second > 59) {
                return null;
            }
            i += 3;
            if (i < n && (s.charAt(i) == '.' || s.charAt(i) == ',')) {
                int start = ++i;
                while (i < n && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
                    nanos = nanos * 10 + (s.charAt(i) - '0');
                    i++;
                }
                int count = i - start;
                if (count == 0 || count > 9) {
                    return null;
                }
                for (int k = count; k < 9; k++) {
                    nanos *= 10;
                }
            }
        }
        int offset = offsetSeconds(s, i);
        if (offset == Integer.MIN_VALUE) {
            return null;
        }
        return Instant.ofEpochSecond(epochSecond + hour * 3600L + minute * 60L + second - offset, nanos);
    }

    /** The offset that makes up the rest of {@code s} from {@code i}, in seconds; MIN_VALUE when it is not one. */
    private static int offsetSeconds(String s, int i) {
        int n = s.length();
        if (i == n) {
            return 0;
        }
        char sign = s.charAt(i);
        if (sign == 'Z' || sign == 'z') {
            return i + 1 == n ? 0 : Integer.MIN_VALUE;
        }
        if (sign != '+' && sign != '-') {
            return Integer.MIN_VALUE;
        }
        int hours = ValueSyntax.digits(s, i + 1, 2);
        int minutes;
        int rest = n - (i + 3);
        if (rest == 0) {
            minutes = 0;
        } else if (rest == 3 && s.charAt(i + 3) == ':') {
            minutes = ValueSyntax.digits(s, i + 4, 2);
        } else if (rest == 2) {
            minutes = ValueSyntax.digits(s, i + 3, 2);
        } else {
            return Integer.MIN_VALUE;
        }
        if (hours < 0 || minutes < 0 || minutes > 59) {
            return Integer.MIN_VALUE;
        }
        int seconds = hours * 3600 + minutes * 60;
        if (seconds > MAX_OFFSET_SECONDS) {
            return Integer.MIN_VALUE;
        }
        return sign == '-' ? -seconds : seconds;
    }
}
