package dev.sluice.format;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sluice.collection.JsonTree;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.util.List;

/**
 * Reads NDJSON (JSON Lines): one JSON object per physical line, LF or CRLF. Blank lines are skipped.
 * Each line is parsed on its own, so a broken line becomes a {@link SourceRow.Malformed} and the
 * lines after it are still read. Lines may be of any length that fits in memory.
 *
 * <p>Not thread-safe. {@link #next()} throws {@link UnreadableSourceException} for undecodable bytes.
 */
final class JsonLinesRowReader implements RowReader {
    private final BufferedReader lines;
    private long line;

    JsonLinesRowReader(Reader text) {
        this.lines = new BufferedReader(text, 64 * 1024);
    }

    @Override
    public List<String> columns() {
        return List.of();
    }

    @Override
    public SourceRow next() throws IOException {
        String text;
        do {
            text = lines.readLine();
            if (text == null) {
                return null;
            }
            line++;
        } while (text.isBlank());
        return parse(line, text);
    }

    private static SourceRow parse(long line, String text) throws IOException {
        try (JsonParser parser = JsonSources.MAPPER.createParser(text)) {
            JsonTree.Read read = parser.nextToken() == null ? null : JsonTree.readRecord(parser);
            if (parser.nextToken() != null) {
                return new SourceRow.Malformed(line, "is not valid JSON: more than one value, the next at column "
                        + parser.currentTokenLocation().getColumnNr(), new String[]{text});
            }
            JsonNode node = read == null ? null : read.value();
            if (node instanceof ObjectNode) {
                return new SourceRow.Json(line, node, read.problems());
            }
            return new SourceRow.Malformed(line, "is " + JsonSources.kind(node) + ", expected an object",
                    new String[]{text});
        } catch (JsonProcessingException e) {
            String where = e.getLocation() == null ? "" : " at column " + e.getLocation().getColumnNr();
            return new SourceRow.Malformed(line, "is not valid JSON: " + JsonSources.shortMessage(e, false) + where,
                    new String[]{text});
        }
    }

    @Override
    public void close() throws IOException {
        lines.close();
    }
}
