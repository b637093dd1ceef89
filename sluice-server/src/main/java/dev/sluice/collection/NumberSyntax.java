package dev.sluice.collection;

import java.math.BigDecimal;

/**
 * Hand-written parsers for the canonical text forms of numbers: ASCII digits, {@code .} as the
 * decimal point, no grouping. Each takes text that is already trimmed and not empty; the JDK's own
 * parsers also take forms a data file should not (Unicode digits, {@code 0x1p3}, {@code 1d},
 * {@code NaN}). Local forms ({@code 1.234,50}) are rewritten to these by {@link NumberText} first.
 * Stateless.
 */
final class NumberSyntax {
    private NumberSyntax() {
    }

    /** An optional sign then ASCII digits, within 64 bits. */
    static Long parseLong(String s) throws InvalidValue {
        int n = s.length();
        int i = 0;
        boolean negative = false;
        char first = s.charAt(0);
        if (first == '-' || first == '+') {
            negative = first == '-';
            i = 1;
            if (n == 1) {
                throw Messages.notAnInteger(s);
            }
        }
        // accumulate negatively, as Long.parseLong does, so that Long.MIN_VALUE fits
        long limit = negative ? Long.MIN_VALUE : -Long.MAX_VALUE;
        long multiplyLimit = limit / 10;
        long result = 0;
        boolean overflow = false;
        for (; i < n; i++) {
            int digit = s.charAt(i) - '0';
            if (digit < 0 || digit > 9) {
                throw Messages.notAnInteger(s);
            }
            if (result < multiplyLimit || result * 10 < limit + digit) {
                overflow = true; // keep scanning: "99999999999999999999x" is not an integer at all
            } else {
                result = result * 10 - digit;
            }
        }
        if (overflow) {
            throw Messages.integerOutOfRange(s);
        }
        return negative ? result : -result;
    }

    /** A plain or scientific decimal literal whose double value is finite. */
    static Double parseDouble(String s) throws InvalidValue {
        if (!isDecimalLiteral(s)) {
            throw Messages.notANumber(s);
        }
        double value = Double.parseDouble(s);
        if (Double.isInfinite(value)) {
            throw Messages.numberOutOfRange(s);
        }
        if (value == 0 && hasNonZeroDigit(s)) {
            throw Messages.numberTooCloseToZero(s); // 1e-400 would otherwise be stored as 0.0
        }
        return value;
    }

    /** A plain or scientific decimal literal, exact, with the scale it was written with. */
    static BigDecimal parseDecimal(String s) throws InvalidValue {
        BigDecimal plain = plainDecimalOrNull(s);
        if (plain != null) {
            return plain;
        }
        if (!isDecimalLiteral(s)) {
            throw Messages.notADecimal(s);
        }
        BigDecimal value;
        try {
            value = new BigDecimal(s);
        } catch (NumberFormatException | ArithmeticException e) {
            // an exponent beyond what a BigDecimal scale can hold: zero, or out of any column's range
            if (!hasNonZeroDigit(s)) {
                return BigDecimal.ZERO;
            }
            throw Messages.decimalOutOfRange(s, DECIMAL_INTEGER_DIGITS, DECIMAL_FRACTION_DIGITS);
        }
        return checkDecimalRange(value, s);
    }

    /**
     * The common case without the string constructor: {@code [+-]? digits [. digits]} with at most
     * 18 digits, read into a long and a scale. Null for anything else, which takes the full path.
     */
    private static BigDecimal plainDecimalOrNull(String s) {
        int n = s.length();
        int i = s.charAt(0) == '-' || s.charAt(0) == '+' ? 1 : 0;
        long unscaled = 0;
        int digits = 0;
        int scale = -1;
        for (; i < n; i++) {
            char c = s.charAt(i);
            if (c == '.' && scale < 0) {
                scale = 0;
            } else if (isDigit(c) && digits < 18) {
                unscaled = unscaled * 10 + (c - '0');
                digits++;
                if (scale >= 0) {
                    scale++;
                }
            } else {
                return null;
            }
        }
        if (digits == 0) {
            return null;
        }
        return BigDecimal.valueOf(s.charAt(0) == '-' ? -unscaled : unscaled, Math.max(scale, 0));
    }

    /** Most digits a decimal may have before its point, and after it (PostgreSQL's numeric limits). */
    static final int DECIMAL_INTEGER_DIGITS = 131_072;
    static final int DECIMAL_FRACTION_DIGITS = 16_383;

    /** Whether PostgreSQL's numeric (so a DECIMAL column, or a number in jsonb) holds {@code value}. */
    static boolean inDecimalRange(BigDecimal value) {
        return (long) value.precision() - value.scale() <= DECIMAL_INTEGER_DIGITS
                && value.scale() <= DECIMAL_FRACTION_DIGITS;
    }

    /**
     * Refuses decimals no database column can hold: "1e999999999" is a valid literal, but writing
     * it out in full would take a billion digits.
     */
    static BigDecimal checkDecimalRange(BigDecimal value, String text) throws InvalidValue {
        if (!inDecimalRange(value)) {
            throw Messages.decimalOutOfRange(text, DECIMAL_INTEGER_DIGITS, DECIMAL_FRACTION_DIGITS);
        }
        return value;
    }

    /**
     * {@code [+-]? (digits [. digits?] | . digits) ([eE] [+-]? digits)?}, ASCII digits only.
     */
    static boolean isDecimalLiteral(String s) {
        int n = s.length();
        int start = afterSign(s, 0);
        int i = afterDigits(s, start);
        int digits = i - start;
        if (i < n && s.charAt(i) == '.') {
            int fraction = afterDigits(s, i + 1);
            digits += fraction - (i + 1);
            i = fraction;
        }
        if (digits == 0) {
            return false;
        }
        if (i < n && (s.charAt(i) == 'e' || s.charAt(i) == 'E')) {
            int exponent = afterSign(s, i + 1);
            i = afterDigits(s, exponent);
            if (i == exponent) {
                return false;
            }
        }
        return i == n;
    }

    /** Where {@code s} goes on after an optional sign at {@code i}. */
    private static int afterSign(String s, int i) {
        return i < s.length() && (s.charAt(i) == '+' || s.charAt(i) == '-') ? i + 1 : i;
    }

    /** Where {@code s} goes on after the run of ASCII digits that starts at {@code i}. */
    private static int afterDigits(String s, int i) {
        int at = i;
        while (at < s.length() && isDigit(s.charAt(at))) {
            at++;
        }
        return at;
    }

    /** Whether the significand of a decimal literal has a digit other than 0. */
    static boolean hasNonZeroDigit(String literal) {
        for (int i = 0; i < literal.length(); i++) {
            char c = literal.charAt(i);
            if (c == 'e' || c == 'E') {
                return false;
            }
            if (c >= '1' && c <= '9') {
                return true;
            }
        }
        return false;
    }

    static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }
}
