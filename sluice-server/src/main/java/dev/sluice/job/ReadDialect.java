package dev.sluice.job;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * How a file is read, once decided from its options and its first bytes (docs/inference.md "In
 * import jobs"): stored with the file when its reading starts, so that a resumed run (on another
 * node, after a crash) reads it the same way, and shown as {@code files[].dialect}. Immutable and
 * thread-safe.
 *
 * @param delimiter the field separator; null for JSON sources
 * @param quote     the quote character; null for JSON sources
 * @param header    whether the first record names the columns; null for JSON sources
 * @param columns   the column names given to a file sniffed to have no header and given none; else empty
 * @param encoding  the character set's name, e.g. {@code UTF-8}, {@code UTF-16LE}, {@code windows-1252}
 * @param detected  true when any of delimiter, quote, header or encoding was sniffed rather than given
 */
public record ReadDialect(Character delimiter, Character quote, Boolean header, List<String> columns,
                          String encoding, boolean detected) {
    private static final ObjectMapper JSON = new ObjectMapper();

    public ReadDialect {
        columns = columns == null ? List.of() : List.copyOf(columns);
    }

    /** As stored: a JSON object with the members of the status document, plus {@code columns}. */
    public String toJson() {
        ObjectNode n = JSON.createObjectNode();
        n.put("delimiter", delimiter == null ? null : String.valueOf(delimiter));
        n.put("quote", quote == null ? null : String.valueOf(quote));
        n.put("header", header);
        n.put("encoding", encoding);
        n.put("detected", detected);
        columns.forEach(n.putArray("columns")::add);
        return n.toString();
    }

    /** What {@link #toJson} wrote; null for null (a file not yet read). */
    public static ReadDialect fromJson(String json) {
        if (json == null || json.isBlank()) {
            return null;
        }
        try {
            JsonNode n = JSON.readTree(json);
            List<String> columns = new ArrayList<>();
            n.path("columns").forEach(c -> columns.add(c.asText()));
            return new ReadDialect(character(n.get("delimiter")), character(n.get("quote")),
                    n.path("header").isBoolean() ? n.get("header").asBoolean() : null, columns,
                    n.path("encoding").asText(null), n.path("detected").asBoolean());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Character character(JsonNode n) {
        return n == null || !n.isTextual() || n.asText().isEmpty() ? null : n.asText().charAt(0);
    }
}
