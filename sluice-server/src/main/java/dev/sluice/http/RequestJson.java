package dev.sluice.http;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.POJONode;
import com.fasterxml.jackson.databind.util.RawValue;
import dev.sluice.error.SluiceException;

import java.io.IOException;
import java.math.BigDecimal;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;

/**
 * Reads a JSON request document into a tree, as the API's mapper would, with two differences: a
 * number that has no {@link BigDecimal} (an exponent beyond 32 bits, such as {@code 1e2147483648})
 * is kept as its text (see {@link #isOutOfRange}) instead of failing the whole request, so each
 * member decides what it means; and every refusal is {@code 400 invalid_json} in plain words, at a
 * line and column, never the parser's own vocabulary. Content after the document is refused.
 * Stateless and thread-safe.
 */
final class RequestJson {
    private RequestJson() {
    }

    /**
     * The document in {@code bytes}.
     *
     * @param what names the document in errors, e.g. {@code the request part}
     * @throws SluiceException {@code invalid_json} when it is empty or not one JSON value
     */
    static JsonNode read(ObjectMapper json, byte[] bytes, String what) {
        try (JsonParser p = json.getFactory().createParser(bytes)) {
            if (p.nextToken() == null) {
                throw new SluiceException.Invalid("invalid_json", what + " is empty; send a JSON object");
            }
            JsonNode root = tree(p, json.getNodeFactory());
            if (p.nextToken() != null) {
                throw new SluiceException.Invalid("invalid_json", what + " is not valid JSON: there is more after the"
                        + " document" + at(p));
            }
            return root;
        } catch (JsonProcessingException e) {
            throw new SluiceException.Invalid("invalid_json", what + " is not valid JSON: " + plain(e)
                    + (e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNr() + ", column "
                    + e.getLocation().getColumnNr()));
        } catch (IOException e) {
            throw new SluiceException.Invalid("upload_failed", "reading " + what + " failed: " + e.getMessage());
        }
    }

    /** True for a number that {@link #read} kept as text because it has no {@link BigDecimal}. */
    static boolean isOutOfRange(JsonNode node) {
        return node instanceof POJONode p && p.getPojo() instanceof RawValue;
    }

    /** A number {@link #read} kept as text, where it is (such as {@code metadata.a[2]}) and what it says. */
    record OutOfRange(String path, String text) {
        String message() {
            return path + " is " + text + ", a number beyond the range Sluice keeps (its exponent needs more than"
                    + " 32 bits); send it as a string";
        }
    }

    /** The first number under {@code node} that {@link #read} kept as text, or null when there is none. */
    static OutOfRange firstOutOfRange(JsonNode node, String path) {
        if (isOutOfRange(node)) {
            return new OutOfRange(path, ((RawValue) ((POJONode) node).getPojo()).rawValue().toString());
        }
        if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                OutOfRange found = firstOutOfRange(node.get(i), path + "[" + i + "]");
                if (found != null) {
                    return found;
                }
            }
        } else if (node.isObject()) {
            for (Map.Entry<String, JsonNode> member : node.properties()) {
                OutOfRange found = firstOutOfRange(member.getValue(), path + "." + member.getKey());
                if (found != null) {
                    return found;
                }
            }
        }
        return null;
    }

    /** The value starting at the current token; iterative, so depth costs heap, not stack. */
    private static JsonNode tree(JsonParser p, JsonNodeFactory nodes) throws IOException {
        Deque<JsonNode> open = new ArrayDeque<>();
        JsonNode root = null;
        String name = null;
        for (JsonToken t = p.currentToken(); t != null; t = p.nextToken()) {
            if (t == JsonToken.FIELD_NAME) {
                name = p.currentName();
                continue;
            }
            JsonNode value;
            if (t == JsonToken.END_OBJECT || t == JsonToken.END_ARRAY) {
                value = open.pop();
                if (!open.isEmpty()) {
                    continue;
                }
                return value;
            }
            value = t == JsonToken.START_OBJECT ? nodes.objectNode() : t == JsonToken.START_ARRAY ? nodes.arrayNode()
                    : scalar(p, t, nodes);
            JsonNode parent = open.peek();
            if (parent instanceof ObjectNode o) {
                o.set(name, value);
            } else if (parent instanceof ArrayNode a) {
                a.add(value);
            } else {
                root = value;
            }
            if (value.isContainerNode()) {
                open.push(value);
            } else if (parent == null) {
                return root;
            }
        }
        return root;
    }

    private static JsonNode scalar(JsonParser p, JsonToken t, JsonNodeFactory nodes) throws IOException {
        switch (t) {
            case VALUE_STRING:
                return nodes.textNode(p.getText());
            case VALUE_NUMBER_INT:
                return p.getNumberType() == JsonParser.NumberType.BIG_INTEGER ? nodes.numberNode(p.getBigIntegerValue())
                        : p.getNumberType() == JsonParser.NumberType.LONG ? nodes.numberNode(p.getLongValue())
                        : nodes.numberNode(p.getIntValue());
            case VALUE_NUMBER_FLOAT:
                String text = p.getText();
                try {
                    return nodes.numberNode(new BigDecimal(text));
                } catch (NumberFormatException e) {
                    return nodes.pojoNode(new RawValue(text));
                }
            case VALUE_TRUE:
                return nodes.booleanNode(true);
            case VALUE_FALSE:
                return nodes.booleanNode(false);
            case VALUE_NULL:
                return nodes.nullNode();
            default:
                throw new IllegalStateException("not a JSON value token: " + t);
        }
    }

    private static String at(JsonParser p) {
        return " at line " + p.currentTokenLocation().getLineNr() + ", column "
                + p.currentTokenLocation().getColumnNr();
    }

    /** The parser's message in the API's words: no feature flags or limit getters of the parser. */
    static String plain(JsonProcessingException e) {
        String message = e.getOriginalMessage() == null ? "" : e.getOriginalMessage();
        if (e instanceof StreamConstraintsException) {
            if (message.contains("nesting depth")) {
                return "it nests arrays and objects more than 1000 deep";
            }
            if (message.contains("Number value length") || message.contains("Number length")) {
                return "a number is longer than 1000 characters";
            }
            if (message.contains("String value length") || message.contains("String length")) {
                return "a string is longer than the parser allows";
            }
            return "it is larger than the parser allows";
        }
        String nonStandard = "Non-standard token '";
        int end = message.indexOf('\'', nonStandard.length());
        if (message.startsWith(nonStandard) && end > 0) {
            return message.substring(nonStandard.length(), end) + " is not a JSON value (JSON has no NaN or Infinity)";
        }
        int feature = message.indexOf("Feature.");
        if (feature >= 0) {
            int cut = Math.max(message.lastIndexOf(':', feature), message.lastIndexOf(';', feature));
            cut = Math.max(cut, message.lastIndexOf('(', feature));
            return message.substring(0, Math.max(cut, 0)).strip();
        }
        return message;
    }
}
