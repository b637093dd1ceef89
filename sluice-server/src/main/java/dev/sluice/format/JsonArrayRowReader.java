package dev.sluice.format;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.collection.JsonTree;

import java.io.IOException;
import java.io.Reader;
import java.util.List;

/**
 * Streams the elements of one top-level JSON array with Jackson's {@link JsonParser}, holding one
 * element at a time. The row number of an element is its index + 1. An element that is not an
 * object is a {@link SourceRow.Malformed}, and so is an element longer than the {@link RecordLimit}:
 * {@link JsonElementGuard} measures it on its way to the parser and reads past the rest of it, and a
 * new parser goes on after it. Broken JSON cannot be read past, so it throws.
 *
 * <p>Not thread-safe. Throws {@link UnreadableSourceException} when the source is not an array
 * (at open), when the JSON breaks (with its line and column), and for undecodable bytes.
 */
final class JsonArrayRowReader implements RowReader {
    private final JsonElementGuard guard;
    private final RecordLimit limit;
    private JsonParser parser;
    private long index;
    private boolean done;

    private JsonArrayRowReader(JsonParser parser, JsonElementGuard guard, RecordLimit limit) {
        this.parser = parser;
        this.guard = guard;
        this.limit = limit;
    }

    /** Opens the array: reads up to its first token. */
    static JsonArrayRowReader open(Reader text, RecordLimit limit) throws IOException {
        JsonElementGuard guard = new JsonElementGuard(text, limit);
        JsonParser parser = JsonSources.MAPPER.createParser(guard);
        JsonToken first;
        try {
            first = parser.nextToken();
        } catch (JsonProcessingException e) {
            throw new UnreadableSourceException("expected a JSON array of objects, but the source is not valid JSON"
                    + where(e.getLocation()) + ": " + JsonSources.shortMessage(e, true), e);
        }
        if (first != JsonToken.START_ARRAY) {
            throw new UnreadableSourceException("expected a JSON array of objects, found " + describe(first));
        }
        return new JsonArrayRowReader(parser, guard, limit);
    }

    @Override
    public List<String> columns() {
        return List.of();
    }

    @Override
    public SourceRow next() throws IOException {
        if (done) {
            return null;
        }
        long complete = index;
        try {
            JsonToken token = parser.nextToken();
            if (token == JsonToken.END_ARRAY) {
                done = true;
                expectEnd();
                return null;
            }
            index++;
            JsonTree.Read read = JsonTree.readRecord(parser);
            JsonNode element = read.value();
            if (token == JsonToken.START_OBJECT) {
                return new SourceRow.Json(index, element, read.problems());
            }
            String written = element.toString();
            return new SourceRow.Malformed(index, "is " + JsonSources.kind(element) + ", expected an object",
                    new String[]{written}, written);
        } catch (JsonElementGuard.TooLong e) {
            if (index == complete) {
                index++; // it broke the limit before its first token was whole
            }
            return skipTooLong();
        } catch (JsonProcessingException e) {
            done = true;
            String after = complete == 0 ? "before its first element" : "after element " + complete;
            throw new UnreadableSourceException("the JSON array is broken" + where(e.getLocation())
                    + " (" + after + "): " + JsonSources.shortMessage(e, true), e,
                    e.getLocation() == null ? 0 : e.getLocation().getLineNr());
        }
    }

    /** Reads past the element that is too long and goes on with a new parser after it. */
    private SourceRow skipTooLong() throws IOException {
        guard.skipElement();
        parser.disable(JsonParser.Feature.AUTO_CLOSE_SOURCE);
        parser.close();
        parser = JsonSources.MAPPER.createParser(guard);
        parser.nextToken(); // the opening bracket the guard hands the new parser
        return new SourceRow.Malformed(index, limit.tooLong(), new String[0]);
    }

    private void expectEnd() throws IOException {
        if (parser.nextToken() != null) {
            throw new UnreadableSourceException("unexpected content after the JSON array"
                    + where(parser.currentTokenLocation()), null, parser.currentTokenLocation().getLineNr());
        }
    }

    private static String describe(JsonToken token) {
        if (token == null) {
            return "an empty source";
        }
        return switch (token) {
            case START_OBJECT -> "an object (for one object per line, use format jsonl)";
            case VALUE_STRING -> "a string";
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "a number";
            case VALUE_TRUE, VALUE_FALSE -> "a boolean";
            case VALUE_NULL -> "null";
            default -> token.asString() == null ? token.name() : "'" + token.asString() + "'";
        };
    }

    private static String where(JsonLocation location) {
        return location == null ? "" : " at line " + location.getLineNr() + ", column " + location.getColumnNr();
    }

    @Override
    public void close() throws IOException {
        parser.close();
    }
}
