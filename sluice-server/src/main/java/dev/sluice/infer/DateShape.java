package dev.sluice.infer;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a date or timestamp text allows: the day orders it can be read in (a bit per
 * {@link Order}), whether a day or month was written with one digit, and the pattern of its time
 * of day (null for a date). Immutable and thread-safe.
 */
record DateShape(int orders, boolean unpadded, String time, boolean isoTime) {

    /** The written orders of year, month and day, with their patterns; the first that fits wins. */
    enum Order {
        ISO("yyyy-MM-dd"), YMD_SLASH("yyyy/MM/dd"), DMY_DOT("dd.MM.yyyy"), DMY_SLASH("dd/MM/yyyy"),
        MDY_SLASH("MM/dd/yyyy"), DMY_DASH("dd-MM-yyyy"), MDY_DASH("MM-dd-yyyy");

        final String pattern;

        Order(String pattern) {
            this.pattern = pattern;
        }

        int bit() {
            return 1 << ordinal();
        }
    }

    private static final Pattern SHAPE = Pattern.compile(
            "(\\d{1,4})([-/.])(\\d{1,2})\\2(\\d{1,4})"
                    + "(?:([T ])(\\d{2}):(\\d{2})(?::(\\d{2})(?:\\.(\\d{1,9}))?)?(Z|[+-]\\d{2}:?\\d{2})?)?");

    /** The shape of {@code text}, or null when it is no date or timestamp in a recognised form. */
    static DateShape of(String text) {
        Matcher m = SHAPE.matcher(text);
        if (!m.matches()) {
            return null;
        }
        String a = m.group(1);
        String sep = m.group(2);
        String b = m.group(3);
        String c = m.group(4);
        int orders;
        if (a.length() == 4 && c.length() <= 2) {
            orders = fits(a, b, c) ? yearFirst(sep) : 0;
        } else if (c.length() == 4 && a.length() <= 2) {
            orders = (fits(c, b, a) ? dayFirst(sep) : 0) | (fits(c, a, b) ? monthFirst(sep) : 0);
        } else {
            return null;
        }
        if (orders == 0 || !time(m)) {
            return null;
        }
        boolean unpadded = a.length() == 1 || b.length() == 1 || c.length() == 1;
        String time = m.group(5) == null ? null : timePattern(m);
        boolean isoTime = m.group(8) != null && (orders & Order.ISO.bit()) != 0 && !unpadded;
        return new DateShape(orders, unpadded, time, isoTime);
    }

    /** The order a year-first date with this separator is written in, as its bit; 0 for none. */
    private static int yearFirst(String sep) {
        return switch (sep) {
            case "-" -> Order.ISO.bit();
            case "/" -> Order.YMD_SLASH.bit();
            default -> 0;
        };
    }

    private static int dayFirst(String sep) {
        return switch (sep) {
            case "." -> Order.DMY_DOT.bit();
            case "/" -> Order.DMY_SLASH.bit();
            default -> Order.DMY_DASH.bit();
        };
    }

    private static int monthFirst(String sep) {
        return switch (sep) {
            case "/" -> Order.MDY_SLASH.bit();
            case "-" -> Order.MDY_DASH.bit();
            default -> 0;
        };
    }

    private static boolean fits(String y, String month, String day) {
        try {
            LocalDate.of(Integer.parseInt(y), Integer.parseInt(month), Integer.parseInt(day));
            return true;
        } catch (DateTimeException e) {
            return false;
        }
    }

    private static boolean time(Matcher m) {
        if (m.group(5) == null) {
            return true;
        }
        int h = Integer.parseInt(m.group(6));
        int min = Integer.parseInt(m.group(7));
        int s = m.group(8) == null ? 0 : Integer.parseInt(m.group(8));
        return h < 24 && min < 60 && s < 60;
    }

    private static String timePattern(Matcher m) {
        StringBuilder p = new StringBuilder(m.group(5).equals("T") ? "'T'" : " ").append("HH:mm");
        if (m.group(8) != null) {
            p.append(":ss");
        }
        if (m.group(9) != null) {
            p.append('.').append("S".repeat(m.group(9).length()));
        }
        if (m.group(10) != null) {
            p.append(m.group(10).equals("Z") ? "X" : m.group(10).contains(":") ? "XXX" : "XX");
        }
        return p.toString();
    }

    /** The pattern of the first order left in {@code orders}, with one-digit fields when any value had them. */
    static String pattern(int orders, boolean unpadded) {
        for (Order o : Order.values()) {
            if ((orders & o.bit()) != 0) {
                return unpadded ? o.pattern.replace("dd", "d").replace("MM", "M") : o.pattern;
            }
        }
        return null;
    }
}
