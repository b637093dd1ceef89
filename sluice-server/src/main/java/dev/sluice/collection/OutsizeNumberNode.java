package dev.sluice.collection;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.node.JsonNodeType;
import com.fasterxml.jackson.databind.node.ValueNode;

import java.io.IOException;

/**
 * A JSON number no {@code BigDecimal} can hold, such as {@code 1e2147483648}: its exponent does not
 * fit in 32 bits. It is valid JSON, so reading it must not fail the source; it is kept as the text
 * the file wrote and written back as that text. No field type but string can take it (see
 * {@link ValueConverter#fromJson}). Immutable and thread-safe.
 */
public final class OutsizeNumberNode extends ValueNode {
    private static final long serialVersionUID = 1L;

    private final String text;

    /** @param text the number as written, a valid JSON number literal with a non-zero digit */
    public OutsizeNumberNode(String text) {
        this.text = text;
    }

    /** Whether the number is huge (a positive exponent) rather than tiny (a negative one). */
    public boolean huge() {
        int e = Math.max(text.indexOf('e'), text.indexOf('E'));
        return e < 0 || text.charAt(e + 1) != '-';
    }

    @Override
    public JsonToken asToken() {
        return JsonToken.VALUE_NUMBER_FLOAT;
    }

    @Override
    public JsonNodeType getNodeType() {
        return JsonNodeType.NUMBER;
    }

    @Override
    public String asText() {
        return text;
    }

    @Override
    public void serialize(JsonGenerator generator, SerializerProvider provider) throws IOException {
        generator.writeNumber(text);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof OutsizeNumberNode other && other.text.equals(text);
    }

    @Override
    public int hashCode() {
        return text.hashCode();
    }
}
