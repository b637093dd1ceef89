package dev.sluice.collection;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.JsonSerializable;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.util.Iterator;
import java.util.Map;

/**
 * The value of a JSON field as it is stored: compact JSON text, numbers kept exactly as decimals (no
 * trip through double, no stripped zeros), and nothing stored that a database would change or refuse
 * (see docs/concepts.md, "Fidelity"). Thread-safe: the factory is configured once and shared.
 */
final class JsonText {
    private static final JsonFactory FACTORY = new JsonFactory();

    private JsonText() {
    }

    /** The one JSON value in {@code text}, re-serialized compactly. */
    static String compact(String text) throws InvalidValue {
        try (JsonParser parser = FACTORY.createParser(text)) {
            if (parser.nextToken() == null) {
                throw Messages.notJson(text);
            }
            JsonTree.Read read = JsonTree.readValue(parser);
            if (parser.nextToken() != null) {
                throw Messages.notJson(text);
            }
            String problem = read.problems().get(JsonTree.WHOLE);
            if (problem != null) {
                throw InvalidValue.invalid(problem);
            }
            return storable(read.value());
        } catch (JsonProcessingException e) {
            throw Messages.notJson(text);
        } catch (IOException e) {
            throw new UncheckedIOException("reading a String cannot fail with I/O", e);
        }
    }

    /**
     * The compact text of a value read by {@link JsonTree}, numbers as the file wrote them, once every
     * number in it is one that PostgreSQL's jsonb holds (its numeric limits): SQLite keeps the text,
     * and both databases must take the same values.
     */
    static String storable(JsonNode value) throws InvalidValue {
        StringWriter out = new StringWriter();
        try (JsonGenerator generator = FACTORY.createGenerator(out)) {
            write(value, generator);
        } catch (IOException e) {
            throw new UncheckedIOException("writing to a String cannot fail with I/O", e);
        }
        return out.toString();
    }

    private static void write(JsonNode node, JsonGenerator out) throws IOException, InvalidValue {
        if (node.isObject()) {
            out.writeStartObject();
            for (Iterator<Map.Entry<String, JsonNode>> members = node.fields(); members.hasNext(); ) {
                Map.Entry<String, JsonNode> member = members.next();
                out.writeFieldName(member.getKey());
                write(member.getValue(), out);
            }
            out.writeEndObject();
        } else if (node.isArray()) {
            out.writeStartArray();
            for (JsonNode element : node) {
                write(element, out);
            }
            out.writeEndArray();
        } else if (node.isNull()) {
            out.writeNull();
        } else if (node instanceof OutsizeNumberNode || node.isBigDecimal() || node.isBigInteger()) {
            BigDecimal value = node instanceof OutsizeNumberNode ? null : node.decimalValue();
            if (value == null || !NumberSyntax.inDecimalRange(value)) {
                throw Messages.jsonNumberOutOfRange(node.asText(), NumberSyntax.DECIMAL_INTEGER_DIGITS,
                        NumberSyntax.DECIMAL_FRACTION_DIGITS);
            }
            if (node instanceof WrittenDecimalNode) {
                out.writeNumber(node.asText());
            } else {
                out.writeNumber(value);
            }
        } else {
            ((JsonSerializable) node).serialize(out, null);
        }
    }
}
