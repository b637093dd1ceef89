package dev.sluice.format;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;

import java.util.regex.Pattern;

/**
 * What the two JSON readers share: one configured mapper and the wording of their errors.
 *
 * <p>The readers build their trees with {@code JsonTree} (numbers as written, duplicate members and
 * lone surrogates noted); the mapper supplies the parsers. A single string may be as long as memory
 * allows: one NDJSON line is the only unit held. Thread-safe.
 */
final class JsonSources {
    static final ObjectMapper MAPPER = new ObjectMapper(JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder().maxStringLength(Integer.MAX_VALUE).build())
            .build())
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .configure(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES, false);

    // Jackson names its input inside some messages ("start marker at [Source: REDACTED ...; line: 1, column: 1]")
    private static final Pattern SOURCE_REFERENCE =
            Pattern.compile("\\[Source: .*?; line: (\\d+), column: (\\d+)]");

    private JsonSources() {
    }

    /**
     * Jackson's messages that name its own settings ("enable `JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS`",
     * "from `StreamReadConstraints.getMaxNestingDepth()`"), each with the plain words a user needs.
     */
    private static final Pattern[] JACKSON_SPEAK = {
            Pattern.compile("Non-standard token '([^']*)': enable `JsonReadFeature\\.ALLOW_NON_NUMERIC_NUMBERS` to allow"),
            Pattern.compile("Document nesting depth \\(\\d+\\) exceeds the maximum allowed \\((\\d+), from `[^`]*`\\)"),
            Pattern.compile("Number value length \\((\\d+)\\) exceeds the maximum allowed \\((\\d+), from `[^`]*`\\)"),
            Pattern.compile("Name length \\((\\d+)\\) exceeds the maximum allowed \\((\\d+), from `[^`]*`\\)"),
            Pattern.compile(": enable `JsonReadFeature\\.[A-Z_]+` to allow"),
            Pattern.compile(", from `StreamReadConstraints\\.[A-Za-z]+\\(\\)`"),
    };
    private static final String[] PLAIN_SPEAK = {
            "$1 is not a JSON number",
            "nesting deeper than $1 levels",
            "a number of $1 characters, longer than the $2 read",
            "a member name of $1 characters, longer than the $2 read",
            "",
            "",
    };

    /**
     * Jackson's message without the source description or excerpt, e.g. {@code Unexpected character ('}' ...)},
     * and in plain words where it would name Jackson's settings.
     */
    static String shortMessage(JsonProcessingException e, boolean withLine) {
        String message = e.getOriginalMessage();
        if (message == null) {
            return e.getClass().getSimpleName();
        }
        for (int i = 0; i < JACKSON_SPEAK.length; i++) {
            message = JACKSON_SPEAK[i].matcher(message).replaceAll(PLAIN_SPEAK[i]);
        }
        return SOURCE_REFERENCE.matcher(message).replaceAll(withLine ? "line $1, column $2" : "column $2");
    }

    /** What a non-object JSON value is, to complete "is ..., expected an object". */
    static String kind(JsonNode node) {
        if (node == null || node.isNull()) {
            return "JSON null";
        }
        if (node.isArray()) {
            return "a JSON array";
        }
        if (node.isTextual()) {
            return "a JSON string";
        }
        if (node.isNumber()) {
            return "a JSON number";
        }
        if (node.isBoolean()) {
            return "a JSON boolean";
        }
        return node.isObject() ? "a JSON object" : "a JSON value";
    }
}
