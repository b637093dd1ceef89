package dev.sluice.format;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sluice.collection.JsonTree;

import java.io.IOException;
import java.io.Reader;
import java.util.List;

/**
 * Reads NDJSON (JSON Lines): one JSON object per physical line, LF or CRLF. Blank lines are skipped.
 * Each line is parsed on its own, so a broken line becomes a {@link SourceRow.Malformed} and the
 * lines after it are still read. A line longer than the {@link RecordLimit} is read past without being
 * held and becomes a {@link SourceRow.Malformed} too.
 *
 * <p>Not thread-safe. {@link #next()} throws {@link UnreadableSourceException} for undecodable bytes.
 */
final class JsonLinesRowReader implements RowReader {
    private final LimitedLines lines;
    private final RecordLimit limit;
    private long line;

    JsonLinesRowReader(Reader text, RecordLimit limit) {
        this.lines = new LimitedLines(text, limit);
        this.limit = limit;
    }

    @Override
    public List<String> columns() {
        return List.of();
    }

    @Override
    public SourceRow next() throws IOException {
        String text;
        do {
            if (!lines.next()) {
                return null;
            }
            line++;
            if (lines.tooLong()) {
                String start = RecordLimit.excerpt(lines.line());
                return new SourceRow.Malformed(line, limit.tooLong(), new String[]{start}, start);
            }
            text = lines.line().toString();
        } while (text.isBlank());
        return parse(line, text);
    }

    private static SourceRow parse(long line, String text) throws IOException {
        try (JsonParser parser = JsonSources.MAPPER.createParser(text)) {
            JsonTree.Read read = parser.nextToken() == null ? null : JsonTree.readRecord(parser);
            if (parser.nextToken() != null) {
                return new SourceRow.Malformed(line, "is not valid JSON: more than one value, the next at column "
                        + parser.currentTokenLocation().getColumnNr(), new String[]{text}, text);
            }
            JsonNode node = read == null ? null : read.value();
            if (node instanceof ObjectNode) {
                return new SourceRow.Json(line, node, read.problems());
            }
            return new SourceRow.Malformed(line, "is " + JsonSources.kind(node) + ", expected an object",
                    new String[]{text}, text);
        } catch (JsonProcessingException e) {
            String where = e.getLocation() == null ? "" : " at column " + e.getLocation().getColumnNr();
            return new SourceRow.Malformed(line, "is not valid JSON: " + JsonSources.shortMessage(e, false) + where,
                    new String[]{text}, text);
        }
    }

    @Override
    public void close() throws IOException {
        lines.close();
    }
}
