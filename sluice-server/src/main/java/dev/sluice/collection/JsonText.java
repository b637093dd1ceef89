package dev.sluice.collection;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;

import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Turns the text of a JSON cell into compact JSON text. Numbers are kept exactly as decimals (no
 * trip through double, no stripped zeros). Thread-safe: the mapper is configured once and shared.
 */
final class JsonText {
    private static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .configure(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES, false);

    private JsonText() {
    }

    /** The one JSON value in {@code text}, re-serialized compactly. */
    static String compact(String text) throws InvalidValue {
        try (JsonParser parser = MAPPER.createParser(text)) {
            JsonNode node = MAPPER.readTree(parser);
            if (node == null || node.isMissingNode() || parser.nextToken() != null) {
                throw Messages.notJson(text);
            }
            return MAPPER.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw Messages.notJson(text);
        } catch (IOException e) {
            throw new UncheckedIOException("reading a String cannot fail with I/O", e);
        }
    }
}
