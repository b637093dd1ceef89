package dev.sluice.collection;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.DecimalNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;

import java.io.IOException;
import java.math.BigDecimal;
import java.util.HashMap;
import java.util.Map;

/**
 * Reads one JSON value from a parser into a tree the way an import needs it: every number as the
 * file wrote it (decimals exact, scale kept, never through a double; a number no {@code BigDecimal}
 * holds as an {@link OutsizeNumberNode}), and what cannot be stored as written noted as a problem
 * rather than changed or thrown: a member given twice in one object (which of the two is meant?)
 * and a string holding a lone UTF-16 surrogate (no database stores one). Broken JSON still throws
 * Jackson's exception. See docs/concepts.md, "Fidelity".
 *
 * <p>Problems are noted per top-level member of a record, so that a problem in a member that is not
 * a field of the collection costs nothing. Stateless entry points; thread-safe.
 */
public final class JsonTree {
    /** The key of {@link Read#problems()} for a problem in a value read with {@link #readValue}. */
    public static final String WHOLE = "";

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    /**
     * One value read.
     *
     * @param value    the tree
     * @param problems for a record, the first problem found in each top-level member, by member name;
     *                 for a lone value, its first problem under {@link #WHOLE}; usually empty
     */
    public record Read(JsonNode value, Map<String, String> problems) {
    }

    private final JsonParser parser;
    private String problem;

    private JsonTree(JsonParser parser) {
        this.parser = parser;
    }

    /**
     * Reads a record: the value that starts at the parser's current token, with problems noted by
     * top-level member (a member given twice is noted under its name). Leaves the parser on the
     * value's last token.
     */
    public static Read readRecord(JsonParser parser) throws IOException {
        if (parser.currentToken() != JsonToken.START_OBJECT) {
            return readValue(parser);
        }
        JsonTree tree = new JsonTree(parser);
        ObjectNode record = NODES.objectNode();
        Map<String, String> problems = null;
        for (String name = parser.nextFieldName(); name != null; name = parser.nextFieldName()) {
            tree.problem = null;
            if (record.replace(name, tree.value(parser.nextToken())) != null) {
                tree.problem = "is given twice in the record: which value is meant cannot be told";
            }
            if (tree.problem != null) {
                problems = problems == null ? new HashMap<>() : problems;
                problems.putIfAbsent(name, tree.problem);
            }
        }
        return new Read(record, problems == null ? Map.of() : problems);
    }

    /** Reads the value that starts at the parser's current token; its first problem is under {@link #WHOLE}. */
    public static Read readValue(JsonParser parser) throws IOException {
        JsonTree tree = new JsonTree(parser);
        JsonNode value = tree.value(parser.currentToken());
        return new Read(value, tree.problem == null ? Map.of() : Map.of(WHOLE, tree.problem));
    }

    private JsonNode value(JsonToken token) throws IOException {
        if (token == null) {
            throw new JsonParseException(parser, "Unexpected end-of-input");
        }
        switch (token) {
            case START_OBJECT:
                return object();
            case START_ARRAY:
                return array();
            case VALUE_STRING:
                String text = parser.getText();
                checkUnicode(text);
                return TextNode.valueOf(text);
            case VALUE_NUMBER_INT:
                return integer();
            case VALUE_NUMBER_FLOAT:
                return decimal(parser.getText());
            case VALUE_TRUE:
                return BooleanNode.TRUE;
            case VALUE_FALSE:
                return BooleanNode.FALSE;
            case VALUE_NULL:
                return NullNode.getInstance();
            default:
                throw new JsonParseException(parser, "Unexpected token " + token);
        }
    }

    private ObjectNode object() throws IOException {
        ObjectNode object = NODES.objectNode();
        for (String name = parser.nextFieldName(); name != null; name = parser.nextFieldName()) {
            checkUnicode(name);
            if (object.replace(name, value(parser.nextToken())) != null && problem == null) {
                problem = "holds the member " + Messages.quote(name) + " twice: which value is meant cannot be told";
            }
        }
        return object;
    }

    private ArrayNode array() throws IOException {
        ArrayNode array = NODES.arrayNode();
        for (JsonToken token = parser.nextToken(); token != JsonToken.END_ARRAY; token = parser.nextToken()) {
            array.add(value(token));
        }
        return array;
    }

    private JsonNode integer() throws IOException {
        return switch (parser.getNumberType()) {
            case INT -> NODES.numberNode(parser.getIntValue());
            case LONG -> NODES.numberNode(parser.getLongValue());
            default -> NODES.numberNode(parser.getBigIntegerValue());
        };
    }

    /** The literal's exact value and text; Jackson's own reading turns {@code 1e999999} into a double, Infinity. */
    private static JsonNode decimal(String text) {
        try {
            return new WrittenDecimalNode(new BigDecimal(text), text);
        } catch (NumberFormatException e) {
            // the exponent does not fit in 32 bits
            return NumberSyntax.hasNonZeroDigit(text) ? new OutsizeNumberNode(text) : DecimalNode.valueOf(BigDecimal.ZERO);
        }
    }

    private void checkUnicode(String text) {
        if (problem == null) {
            int at = loneSurrogateAt(text);
            if (at >= 0) {
                problem = Messages.loneSurrogate(text, at).getMessage();
            }
        }
    }

    /** The index of the first UTF-16 surrogate in {@code text} that is not half of a pair, or -1. */
    public static int loneSurrogateAt(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isSurrogate(c)) {
                if (Character.isHighSurrogate(c) && i + 1 < text.length()
                        && Character.isLowSurrogate(text.charAt(i + 1))) {
                    i++;
                } else {
                    return i;
                }
            }
        }
        return -1;
    }
}
