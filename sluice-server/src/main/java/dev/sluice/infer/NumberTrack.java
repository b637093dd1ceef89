package dev.sluice.infer;

import dev.sluice.collection.FieldType;

import java.math.BigInteger;
import java.util.regex.Pattern;

/**
 * Whether every value of a column is a number written with one decimal separator ({@code .} or
 * {@code ,}) and, optionally, the other as thousands separator; and which field type holds all of
 * them without changing one: {@code integer}, {@code decimal} for integers beyond 64 bits or
 * fractions with more than 15 significant digits, else {@code number}. Not thread-safe.
 */
final class NumberTrack {
    private static final BigInteger LONG_MIN = BigInteger.valueOf(Long.MIN_VALUE);
    private static final BigInteger LONG_MAX = BigInteger.valueOf(Long.MAX_VALUE);
    private static final int DOUBLE_DIGITS = 15;

    private final Pattern plain;
    private final Pattern grouped;
    private final char decimal;
    private final char thousands;
    private boolean ok = true;
    private boolean integral = true;
    private boolean big;
    private boolean sawGrouping;
    private int significant;

    private NumberTrack(char decimal, char thousands) {
        this.decimal = decimal;
        this.thousands = thousands;
        String d = Pattern.quote(String.valueOf(decimal));
        String t = Pattern.quote(String.valueOf(thousands));
        this.plain = Pattern.compile("[+-]?(\\d+(" + d + "\\d+)?|" + d + "\\d+)([eE][+-]?\\d{1,4})?");
        this.grouped = Pattern.compile("[+-]?\\d{1,3}(" + t + "\\d{3})+(" + d + "\\d+)?");
    }

    static NumberTrack dotDecimal() {
        return new NumberTrack('.', ',');
    }

    static NumberTrack commaDecimal() {
        return new NumberTrack(',', '.');
    }

    void see(String text) {
        if (!ok) {
            return;
        }
        boolean isGrouped = !plain.matcher(text).matches();
        if (isGrouped && !grouped.matcher(text).matches()) {
            ok = false;
            return;
        }
        sawGrouping |= isGrouped;
        String n = text.replace(String.valueOf(thousands), "").replace(decimal, '.');
        boolean fraction = n.indexOf('.') >= 0 || n.indexOf('e') >= 0 || n.indexOf('E') >= 0;
        integral &= !fraction;
        if (!fraction) {
            BigInteger v = new BigInteger(n.startsWith("+") ? n.substring(1) : n);
            big |= v.compareTo(LONG_MIN) < 0 || v.compareTo(LONG_MAX) > 0;
        }
        significant = Math.max(significant, significantDigits(n));
    }

    boolean ok() {
        return ok;
    }

    /** True when some value holds a fraction (so the column needs this decimal separator). */
    boolean fractional() {
        return ok && !integral;
    }

    boolean sawGrouping() {
        return ok && sawGrouping;
    }

    FieldType type() {
        if (integral) {
            return big ? FieldType.DECIMAL : FieldType.INTEGER;
        }
        return significant > DOUBLE_DIGITS ? FieldType.DECIMAL : FieldType.NUMBER;
    }

    /** Digits from the first non-zero one to the last non-zero one of the mantissa. */
    private static int significantDigits(String n) {
        int first = -1;
        int last = -1;
        int digits = 0;
        for (int i = 0; i < n.length(); i++) {
            char c = n.charAt(i);
            if (c == 'e' || c == 'E') {
                break;
            }
            if (c >= '0' && c <= '9') {
                digits++;
                if (c != '0') {
                    first = first < 0 ? digits : first;
                    last = digits;
                }
            }
        }
        return first < 0 ? 0 : last - first + 1;
    }
}
