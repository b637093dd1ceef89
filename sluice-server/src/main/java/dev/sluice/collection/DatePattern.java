package dev.sluice.collection;

import java.time.Instant;
import java.time.LocalDate;
import java.time.Month;
import java.time.Year;

/**
 * A date or timestamp pattern such as {@code dd.MM.yyyy} or {@code MM/dd/yyyy HH:mm:ss}, compiled
 * once into a list of parts and matched by hand, without {@code DateTimeFormatter}'s per-value
 * allocation and exceptions. Parts: {@code yyyy}; {@code MM} or {@code M}; {@code dd} or {@code d};
 * {@code HH} or {@code H}; {@code mm}; {@code ss}; {@code S} to {@code SSSSSS} (that many fraction
 * digits). A one-letter part takes one or two digits and must be followed by a separator. Any other
 * character is a literal; letters are literal only in single quotes ({@code 'T'}), and {@code ''}
 * is a quote. A pattern without a zone reads as UTC. Immutable and thread-safe.
 */
final class DatePattern implements TemporalFormat {
    private static final int MAX_LENGTH = 100;
    private static final char LITERAL = 0;
    /** Nanoseconds that one unit of an n-digit fraction is worth. */
    private static final long[] NANOS_PER_DIGIT = {1, 100_000_000, 10_000_000, 1_000_000, 100_000, 10_000, 1_000};
    private static final String PARTS = "use yyyy, MM or M, dd or d, HH or H, mm, ss, S to SSSSSS,"
            + " and put other letters in single quotes ('T')";

    private final String spec;
    /** Each part's letter ({@code y M d H m s S}), or {@link #LITERAL}. */
    private final char[] letters;
    /** Each part's digit count, 0 for one or two digits; for a literal, the character. */
    private final int[] widths;

    private DatePattern(String spec, char[] letters, int[] widths) {
        this.spec = spec;
        this.letters = letters;
        this.widths = widths;
    }

    /** @throws IllegalArgumentException saying why {@code spec} is not a pattern for this kind of field */
    static DatePattern compile(String spec, boolean timestamp) {
        if (spec == null || spec.isEmpty() || spec.length() > MAX_LENGTH) {
            throw new IllegalArgumentException("a format is a pattern of 1 to " + MAX_LENGTH + " characters ("
                    + PARTS + ")" + (timestamp ? ", epoch_seconds or epoch_millis" : ""));
        }
        StringBuilder letters = new StringBuilder();
        StringBuilder widths = new StringBuilder();
        int i = 0;
        while (i < spec.length()) {
            char c = spec.charAt(i);
            if (c == '\'') {
                i = quoted(spec, i, letters, widths);
            } else if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')) {
                int run = 1;
                while (i + run < spec.length() && spec.charAt(i + run) == c) {
                    run++;
                }
                int width = width(c, run, spec.substring(i, i + run));
                if (letters.indexOf(String.valueOf(c)) >= 0) {
                    throw new IllegalArgumentException("'" + c + "' appears twice in format '" + spec + "'");
                }
                letters.append(c);
                widths.append((char) width);
                i += run;
            } else {
                letters.append(LITERAL);
                widths.append(c);
                i++;
            }
        }
        DatePattern pattern = new DatePattern(spec, letters.toString().toCharArray(), codes(widths));
        pattern.check(timestamp);
        return pattern;
    }

    private static int quoted(String spec, int at, StringBuilder letters, StringBuilder widths) {
        if (at + 1 < spec.length() && spec.charAt(at + 1) == '\'') {
            letters.append(LITERAL);
            widths.append('\'');
            return at + 2;
        }
        int end = spec.indexOf('\'', at + 1);
        if (end < 0) {
            throw new IllegalArgumentException("format '" + spec + "' opens a quote it does not close");
        }
        for (int k = at + 1; k < end; k++) {
            letters.append(LITERAL);
            widths.append(spec.charAt(k));
        }
        return end + 1;
    }

    private static int width(char letter, int run, String part) {
        boolean variable = "MdH".indexOf(letter) >= 0 && run == 1;
        if (variable) {
            return 0;
        }
        boolean fixed = (letter == 'y' && run == 4) || ("MdHms".indexOf(letter) >= 0 && run == 2)
                || (letter == 'S' && run <= 6);
        if (!fixed) {
            throw new IllegalArgumentException("'" + part + "' is not a part of a format: " + PARTS);
        }
        return run;
    }

    private static int[] codes(StringBuilder sb) {
        int[] codes = new int[sb.length()];
        for (int i = 0; i < codes.length; i++) {
            codes[i] = sb.charAt(i);
        }
        return codes;
    }

    private void check(boolean timestamp) {
        for (char needed : new char[] {'y', 'M', 'd'}) {
            if (indexOf(needed) < 0) {
                throw new IllegalArgumentException("format '" + spec + "' has no " + (needed == 'y' ? "year (yyyy)"
                        : needed == 'M' ? "month (MM or M)" : "day (dd or d)"));
            }
        }
        if (!timestamp && (indexOf('H') >= 0 || indexOf('m') >= 0 || indexOf('s') >= 0 || indexOf('S') >= 0)) {
            throw new IllegalArgumentException("format '" + spec + "' has a time part, which a date field cannot hold");
        }
        String[] needs = {"mH", "sm", "Ss"};
        for (String pair : needs) {
            if (indexOf(pair.charAt(0)) >= 0 && indexOf(pair.charAt(1)) < 0) {
                throw new IllegalArgumentException("format '" + spec + "' has '" + pair.charAt(0)
                        + "' without '" + pair.charAt(1) + "'");
            }
        }
        for (int i = 0; i + 1 < letters.length; i++) {
            if (letters[i] != LITERAL && widths[i] == 0 && letters[i + 1] != LITERAL) {
                throw new IllegalArgumentException("in format '" + spec + "', the one-letter part '" + letters[i]
                        + "' must be followed by a separator; use '" + letters[i] + letters[i] + "' for two digits");
            }
        }
    }

    private int indexOf(char letter) {
        for (int i = 0; i < letters.length; i++) {
            if (letters[i] == letter) {
                return i;
            }
        }
        return -1;
    }

    @Override
    public String spec() {
        return spec;
    }

    @Override
    public LocalDate date(String text) throws InvalidValue {
        long[] parts = match(text);
        if (parts == null) {
            throw Messages.notADateIn(text, spec);
        }
        return LocalDate.of((int) parts[0], (int) parts[1], (int) parts[2]);
    }

    @Override
    public Instant timestamp(String text) throws InvalidValue {
        long[] p = match(text);
        if (p == null) {
            throw Messages.notATimestampIn(text, spec);
        }
        long day = LocalDate.of((int) p[0], (int) p[1], (int) p[2]).toEpochDay();
        return Instant.ofEpochSecond(day * 86_400 + p[3] * 3600 + p[4] * 60 + p[5], p[6]);
    }

    /** Year, month, day, hour, minute, second and nanoseconds, checked; null when {@code text} does not match. */
    private long[] match(String text) {
        long[] p = {-1, -1, -1, 0, 0, 0, 0};
        int at = 0;
        int n = text.length();
        for (int k = 0; k < letters.length; k++) {
            if (letters[k] == LITERAL) {
                if (at >= n || text.charAt(at) != widths[k]) {
                    return null;
                }
                at++;
                continue;
            }
            int width = widths[k];
            if (width == 0) {
                width = at + 1 < n && NumberSyntax.isDigit(text.charAt(at + 1)) ? 2 : 1;
            }
            int value = ValueSyntax.digits(text, at, width);
            if (value < 0) {
                return null;
            }
            at += width;
            store(p, letters[k], value, width);
        }
        return at == n && valid(p) ? p : null;
    }

    private static void store(long[] p, char letter, int value, int width) {
        switch (letter) {
            case 'y' -> p[0] = value;
            case 'M' -> p[1] = value;
            case 'd' -> p[2] = value;
            case 'H' -> p[3] = value;
            case 'm' -> p[4] = value;
            case 's' -> p[5] = value;
            default -> p[6] = value * NANOS_PER_DIGIT[width];
        }
    }

    private static boolean valid(long[] p) {
        if (p[1] < 1 || p[1] > 12 || p[2] < 1 || p[3] > 23 || p[4] > 59 || p[5] > 59) {
            return false;
        }
        return p[2] <= Month.of((int) p[1]).length(Year.isLeap(p[0]));
    }
}
