package dev.sluice.collection;

import com.fasterxml.jackson.databind.JsonNode;

import java.math.BigDecimal;

/**
 * Reads JSON number nodes as field values without losing precision: a {@code DecimalNode} (what a
 * mapper with {@code USE_BIG_DECIMAL_FOR_FLOATS} makes) is used exactly, a double by its shortest
 * decimal text. Booleans and other scalars are refused with the usual message. Stateless.
 */
final class JsonNumbers {
    private static final double TWO_TO_63 = 9.223372036854775808E18;

    private JsonNumbers() {
    }

    /** An integral number that fits in 64 bits; {@code 42.0} counts as integral. */
    static Long toLong(JsonNode node) throws InvalidValue {
        if (!node.isNumber()) {
            throw Messages.notAnInteger(node.asText());
        }
        if (node instanceof OutsizeNumberNode outsize) {
            throw outsize.huge() ? Messages.integerOutOfRange(node.asText()) : Messages.notAnInteger(node.asText());
        }
        if (node.isIntegralNumber()) {
            if (node.canConvertToLong()) {
                return node.longValue();
            }
            throw Messages.integerOutOfRange(node.asText());
        }
        if (node.isBigDecimal()) {
            BigDecimal value = node.decimalValue();
            if (value.signum() != 0 && value.stripTrailingZeros().scale() > 0) {
                throw Messages.notAnInteger(node.asText());
            }
            try {
                return value.longValueExact();
            } catch (ArithmeticException e) {
                throw Messages.integerOutOfRange(node.asText());
            }
        }
        double value = node.doubleValue();
        if (Double.isNaN(value) || Double.isInfinite(value) || value != Math.rint(value)) {
            throw Messages.notAnInteger(node.asText());
        }
        if (value < -TWO_TO_63 || value >= TWO_TO_63) {
            throw Messages.integerOutOfRange(node.asText());
        }
        return (long) value;
    }

    /** Any finite number. */
    static Double toDouble(JsonNode node) throws InvalidValue {
        if (!node.isNumber()) {
            throw Messages.notANumber(node.asText());
        }
        if (node instanceof OutsizeNumberNode outsize) {
            throw outsize.huge() ? Messages.numberOutOfRange(node.asText())
                    : Messages.numberTooCloseToZero(node.asText());
        }
        double value = node.doubleValue();
        if (Double.isNaN(value)) {
            throw Messages.notANumber(node.asText());
        }
        if (Double.isInfinite(value)) {
            throw Messages.numberOutOfRange(node.asText());
        }
        if (value == 0 && node.isBigDecimal() && node.decimalValue().signum() != 0) {
            throw Messages.numberTooCloseToZero(node.asText()); // 4.9e-325 would otherwise be stored as 0.0
        }
        return value;
    }

    /** Any finite number, exactly as written when the node kept it as a BigDecimal. */
    static BigDecimal toDecimal(JsonNode node) throws InvalidValue {
        if (node instanceof OutsizeNumberNode) {
            throw Messages.decimalOutOfRange(node.asText(), NumberSyntax.DECIMAL_INTEGER_DIGITS,
                    NumberSyntax.DECIMAL_FRACTION_DIGITS);
        }
        BigDecimal value = node.isNumber() ? exactOrNull(node) : null;
        if (value == null) {
            throw Messages.notADecimal(node.asText());
        }
        return NumberSyntax.checkDecimalRange(value, node.asText());
    }

    /** The decimal value of a number node, or null for NaN, infinities and an {@link OutsizeNumberNode}. */
    static BigDecimal exactOrNull(JsonNode node) {
        if (node instanceof OutsizeNumberNode) {
            return null;
        }
        if (node.isBigDecimal() || node.isIntegralNumber()) {
            return node.decimalValue();
        }
        double value = node.doubleValue();
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            return null;
        }
        // the node's text is the shortest decimal that reads back as this double (or float)
        return new BigDecimal(node.asText());
    }
}
