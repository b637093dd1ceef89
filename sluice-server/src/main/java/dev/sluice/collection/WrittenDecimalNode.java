package dev.sluice.collection;

import com.fasterxml.jackson.databind.node.DecimalNode;

import java.math.BigDecimal;

/**
 * A JSON decimal with the text the file wrote it as: its value is the exact {@code BigDecimal}, and
 * its text (as a string field's value, in a JSON field written by {@code JsonText}, in messages) is
 * {@code 1e2}, not {@code 1E+2}. Immutable and thread-safe.
 */
final class WrittenDecimalNode extends DecimalNode {
    private static final long serialVersionUID = 1L;

    private final String text;

    WrittenDecimalNode(BigDecimal value, String text) {
        super(value);
        this.text = text;
    }

    @Override
    public String asText() {
        return text;
    }
}
