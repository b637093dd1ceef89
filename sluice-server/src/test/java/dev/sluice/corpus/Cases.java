package dev.sluice.corpus;

import dev.sluice.corpus.HostileCase.CollectionDef;
import dev.sluice.corpus.HostileCase.Expect;
import dev.sluice.corpus.HostileCase.Request;
import dev.sluice.corpus.HostileCase.Row;
import dev.sluice.corpus.HostileCase.Want;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The shapes the generators share: one hostile value between two ordinary rows, in CSV and in
 * NDJSON, so that a case checks the value and also that the rows around it survive. Stateless.
 */
final class Cases {
    static final String CSV = "text/csv";
    static final String NDJSON = "application/x-ndjson";
    static final String JSON_ARRAY = "application/json";

    private Cases() {
    }

    static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /** An ordinary value of each type, as a CSV cell, as JSON, and as it reads back. */
    record Ordinary(String csv, String json, Faithful readBack) {
        static Ordinary of(String type, int n) {
            return switch (type) {
                case "string" -> new Ordinary("plain" + n, "\"plain" + n + "\"", Faithful.text("plain" + n));
                case "integer" -> new Ordinary(String.valueOf(n), String.valueOf(n), Faithful.integer(String.valueOf(n)));
                case "number" -> new Ordinary(n + ".5", n + ".5", Faithful.number(n + ".5"));
                case "decimal" -> new Ordinary(n + ".50", n + ".50", Faithful.decimal(n + ".50"));
                case "boolean" -> new Ordinary("true", "true", Faithful.bool(true));
                case "date" -> new Ordinary("2020-02-2" + n, "\"2020-02-2" + n + "\"", Faithful.date("2020-02-2" + n));
                case "timestamp" -> new Ordinary("2020-01-0" + n + "T12:00:00Z", "\"2020-01-0" + n + "T12:00:00Z\"",
                        Faithful.instant("2020-01-0" + n + "T12:00:00Z"));
                case "uuid" -> new Ordinary("123e4567-e89b-12d3-a456-42661417400" + n,
                        "\"123e4567-e89b-12d3-a456-42661417400" + n + "\"",
                        Faithful.uuid("123e4567-e89b-12d3-a456-42661417400" + n));
                case "json" -> new Ordinary("\"{\"\"n\"\": " + n + "}\"", "{\"n\": " + n + "}",
                        Faithful.json("{\"n\": " + n + "}"));
                default -> throw new IllegalArgumentException(type);
            };
        }
    }

    /**
     * A CSV file {@code id,v} with row {@code a} (line 2), the hostile cell as row {@code k} (line 3)
     * and row {@code z} (line 4); the cell is written as given (quote it with {@link #csvCell}).
     */
    static HostileCase csvValue(String category, String name, String type, String cell, Faithful value, Want want) {
        Ordinary a = Ordinary.of(type, 1);
        Ordinary z = Ordinary.of(type, 2);
        String csv = "id,v\na," + a.csv() + "\nk," + cell + "\nz," + z.csv() + "\n";
        return new HostileCase(category, name, CollectionDef.keyAnd("v:" + type),
                Request.importing(CSV, "", utf8(csv)), Expect.rows(
                        Row.of(2, "a", Want.STORED, "v", a.readBack()),
                        Row.of(3, "k", want, "v", value),
                        Row.of(4, "z", Want.STORED, "v", z.readBack())), false);
    }

    /** As {@link #csvValue}, in NDJSON: {@code jsonValue} is the member's JSON text as written. */
    static HostileCase ndjsonValue(String category, String name, String type, String jsonValue, Faithful value,
                                   Want want) {
        Ordinary a = Ordinary.of(type, 1);
        Ordinary z = Ordinary.of(type, 2);
        String lines = "{\"id\": \"a\", \"v\": " + a.json() + "}\n{\"id\": \"k\", \"v\": " + jsonValue
                + "}\n{\"id\": \"z\", \"v\": " + z.json() + "}\n";
        return new HostileCase(category, name, CollectionDef.keyAnd("v:" + type),
                Request.importing(NDJSON, "", utf8(lines)), Expect.rows(
                        Row.of(1, "a", Want.STORED, "v", a.readBack()),
                        Row.of(2, "k", want, "v", value),
                        Row.of(3, "z", Want.STORED, "v", z.readBack())), false);
    }

    /** A CSV cell for any text: quoted (quotes doubled) when it holds a delimiter, quote, line break or edge space. */
    static String csvCell(String text) {
        boolean plain = !text.isEmpty() && text.chars().noneMatch(c -> c == ',' || c == '"' || c == '\n' || c == '\r')
                && !Character.isWhitespace(text.charAt(0)) && !Character.isWhitespace(text.charAt(text.length() - 1));
        return plain ? text : "\"" + text.replace("\"", "\"\"") + "\"";
    }

    /** A JSON string literal for any text, escaping what JSON requires and nothing else. */
    static String jsonString(String text) {
        StringBuilder b = new StringBuilder("\"");
        for (char c : text.toCharArray()) {
            if (c == '"' || c == '\\') {
                b.append('\\').append(c);
            } else if (c < 0x20) {
                b.append(String.format("\\u%04x", (int) c));
            } else {
                b.append(c);
            }
        }
        return b.append('"').toString();
    }

    static Row row(long line, String key, Want want, String field, Faithful value) {
        return Row.of(line, key, want, field, value);
    }

    static HostileCase imports(String category, String name, CollectionDef def, Request request, List<Row> rows) {
        return new HostileCase(category, name, def, request, Expect.rows(rows), false);
    }
}
