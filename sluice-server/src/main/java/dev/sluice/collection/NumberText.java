package dev.sluice.collection;

/**
 * Local forms of numbers: a decimal separator ({@code .} or {@code ,}) and an optional thousands
 * separator ({@code ,}, {@code .}, space or {@code '}), rewritten to the canonical form
 * {@link NumberSyntax} reads. Groups must sit where thousands do ({@code 1.234.567,50}; not
 * {@code 1.23.4}), and a character that is neither separator is refused, so {@code 1,5} never
 * reads as 15 nor {@code 1.5} as 15 when the decimal separator is {@code ,}. A space separator
 * also matches a no-break space (U+00A0, U+202F), as spreadsheets write. Immutable and thread-safe.
 */
final class NumberText {
    private final char decimal;
    /** 0 for none. */
    private final char thousands;
    private final String integerExample;
    private final String decimalExample;

    NumberText(char decimal, char thousands) {
        this.decimal = decimal;
        this.thousands = thousands;
        String group = thousands == 0 ? "" : String.valueOf(thousands);
        this.integerExample = "1" + group + "234" + group + "567";
        this.decimalExample = integerExample + decimal + "89";
    }

    /** The canonical text of an integer; {@code s} is trimmed and not empty. */
    String integer(String s) throws InvalidValue {
        String canonical = canonicalOrNull(s, false);
        if (canonical == null) {
            throw Messages.notInNumberFormat(s, "an integer", integerExample);
        }
        return canonical;
    }

    /** The canonical text of a number or decimal, exponent allowed; {@code article} names the type in messages. */
    String decimal(String s, String article) throws InvalidValue {
        String canonical = canonicalOrNull(s, true);
        if (canonical == null) {
            throw Messages.notInNumberFormat(s, article, decimalExample);
        }
        return canonical;
    }

    private String canonicalOrNull(String s, boolean fraction) {
        int n = s.length();
        StringBuilder out = new StringBuilder(n);
        int i = 0;
        if (s.charAt(0) == '-' || s.charAt(0) == '+') {
            out.append(s.charAt(0));
            i = 1;
        }
        int groupDigits = 0;
        int groups = 0;
        int digits = 0;
        for (; i < n; i++) {
            char c = s.charAt(i);
            if (NumberSyntax.isDigit(c)) {
                out.append(c);
                groupDigits++;
                digits++;
            } else if (thousands != 0 && isThousands(c)) {
                if (groupDigits == 0 || (groups == 0 ? groupDigits > 3 : groupDigits != 3)) {
                    return null;
                }
                groups++;
                groupDigits = 0;
            } else {
                break;
            }
        }
        if (groups > 0 && groupDigits != 3) {
            return null; // "1.2345" and "1." are not grouped thousands
        }
        if (i == n) {
            return digits == 0 ? null : out.toString();
        }
        if (!fraction) {
            return null;
        }
        return rest(s, i, out);
    }

    /** The fraction and exponent from {@code i}, in which no thousands separator may appear. */
    private String rest(String s, int i, StringBuilder out) {
        if (s.charAt(i) == decimal) {
            out.append('.');
            i++;
        }
        for (; i < s.length(); i++) {
            char c = s.charAt(i);
            if (NumberSyntax.isDigit(c) || c == 'e' || c == 'E' || c == '+' || c == '-') {
                out.append(c);
            } else {
                return null;
            }
        }
        String canonical = out.toString();
        return NumberSyntax.isDecimalLiteral(canonical) ? canonical : null;
    }

    private boolean isThousands(char c) {
        return c == thousands || (thousands == ' ' && (c == '\u00A0' || c == '\u202F'));
    }
}
