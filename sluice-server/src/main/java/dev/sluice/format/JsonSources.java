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
 * <p>The mapper reads decimals as {@code BigDecimal} and keeps them as written ({@code 1.50} stays
 * {@code 1.50}, {@code 100.0} does not become {@code 1E+2}), so a DECIMAL field gets the exact value.
 * A single string may be as long as memory allows: one NDJSON line is the only unit held. Thread-safe.
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

    /** Jackson's message without the source description or excerpt, e.g. {@code Unexpected character ('}' ...)}. */
    static String shortMessage(JsonProcessingException e, boolean withLine) {
        String message = e.getOriginalMessage();
        if (message == null) {
            return e.getClass().getSimpleName();
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
