package dev.sluice.collection;

/**
 * The wording of conversion errors, in one place so every type says it the same way:
 * the offending value quoted (and cut short), then what was expected. Stateless.
 */
final class Messages {
    private static final int QUOTED_MAX = 40;

    private Messages() {
    }

    /**
     * The value in single quotes, cut to 40 characters with an ellipsis. A lone surrogate is shown
     * as its escape (backslash, u, four hex digits): the message is stored, and no database stores one.
     */
    static String quote(String value) {
        if (value.length() <= QUOTED_MAX) {
            return "'" + escapeLoneSurrogates(value) + "'";
        }
        int end = QUOTED_MAX;
        if (Character.isHighSurrogate(value.charAt(end - 1))) {
            end--; // never split a code point in two
        }
        return "'" + escapeLoneSurrogates(value.substring(0, end)) + "…'";
    }

    private static String escapeLoneSurrogates(String value) {
        int at = JsonTree.loneSurrogateAt(value);
        if (at < 0) {
            return value;
        }
        StringBuilder sb = new StringBuilder(value.length() + 8);
        int from = 0;
        while (at >= 0) {
            sb.append(value, from, at).append(surrogateEscape(value.charAt(at)));
            from = at + 1;
            int next = JsonTree.loneSurrogateAt(value.substring(from));
            at = next < 0 ? -1 : from + next;
        }
        return sb.append(value, from, value.length()).toString();
    }

    private static String surrogateEscape(char c) {
        return String.format("\\u%04x", (int) c);
    }

    static InvalidValue loneSurrogate(String value, int at) {
        return InvalidValue.invalid(quote(value) + " is not a valid Unicode string: lone surrogate "
                + surrogateEscape(value.charAt(at)) + " at character " + (at + 1));
    }

    static InvalidValue finerThanMicroseconds(String value) {
        return InvalidValue.invalid(quote(value) + " has more precision than microseconds, which is what Sluice keeps");
    }

    static InvalidValue notAnInteger(String value) {
        return InvalidValue.invalid(quote(value) + " is not an integer");
    }

    static InvalidValue integerOutOfRange(String value) {
        return InvalidValue.invalid(quote(value) + " is not an integer (out of 64-bit range)");
    }

    static InvalidValue notANumber(String value) {
        return InvalidValue.invalid(quote(value) + " is not a number");
    }

    static InvalidValue numberOutOfRange(String value) {
        return InvalidValue.invalid(quote(value) + " is not a number (out of range)");
    }

    static InvalidValue numberTooCloseToZero(String value) {
        return InvalidValue.invalid(quote(value) + " is not a number (out of range: too close to zero for a"
                + " 64-bit double, whose smallest is 4.9e-324)");
    }

    static InvalidValue jsonNumberOutOfRange(String value, int integerDigits, int fractionDigits) {
        return InvalidValue.invalid("holds the number " + quote(value) + ", out of range for JSON values: at most "
                + integerDigits + " digits before the point and " + fractionDigits + " after");
    }

    static InvalidValue notADecimal(String value) {
        return InvalidValue.invalid(quote(value) + " is not a decimal");
    }

    static InvalidValue decimalOutOfRange(String value, int integerDigits, int fractionDigits) {
        return InvalidValue.invalid(quote(value) + " is not a decimal (out of range: at most " + integerDigits
                + " digits before the point and " + fractionDigits + " after)");
    }

    static InvalidValue notABoolean(String value) {
        return InvalidValue.invalid(quote(value) + " is not a boolean (expected true/false, yes/no, 1/0)");
    }

    static InvalidValue notADate(String value) {
        return InvalidValue.invalid(quote(value) + " is not a date (expected YYYY-MM-DD)");
    }

    static InvalidValue notATimestamp(String value) {
        return InvalidValue.invalid(quote(value)
                + " is not a timestamp (expected ISO-8601, e.g. 2026-11-22T10:00:00Z)");
    }

    static InvalidValue notADateIn(String value, String format) {
        return InvalidValue.invalid(quote(value) + " is not a date in format " + format);
    }

    static InvalidValue notATimestampIn(String value, String format) {
        return InvalidValue.invalid(quote(value) + " is not a timestamp in format " + format);
    }

    static InvalidValue notInNumberFormat(String value, String article, String example) {
        return InvalidValue.invalid(quote(value) + " is not " + article + " in format " + example);
    }

    static InvalidValue notInVocabulary(String value, String trueValues, String falseValues) {
        return InvalidValue.invalid(quote(value) + " is not a boolean (true: " + trueValues + "; false: "
                + falseValues + ")");
    }

    /** The same complaint about {@code original}, when {@code canonical} (what it was rewritten to) was refused. */
    static InvalidValue requoted(InvalidValue e, String canonical, String original) {
        String quoted = quote(canonical);
        String message = e.getMessage();
        return new InvalidValue(e.code(), message.startsWith(quoted)
                ? quote(original) + message.substring(quoted.length()) : message);
    }

    static InvalidValue notAUuid(String value) {
        return InvalidValue.invalid(quote(value) + " is not a UUID");
    }

    static InvalidValue notJson(String value) {
        return InvalidValue.invalid(quote(value) + " is not valid JSON");
    }
}
