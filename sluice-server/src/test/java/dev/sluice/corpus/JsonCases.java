package dev.sluice.corpus;

import dev.sluice.corpus.HostileCase.CollectionDef;
import dev.sluice.corpus.HostileCase.Request;
import dev.sluice.corpus.HostileCase.Row;
import dev.sluice.corpus.HostileCase.Want;
import dev.sluice.corpus.JsonTexts.Kind;

import java.util.ArrayList;
import java.util.List;

import static dev.sluice.corpus.Cases.JSON_ARRAY;
import static dev.sluice.corpus.Cases.NDJSON;
import static dev.sluice.corpus.Cases.row;
import static dev.sluice.corpus.Cases.utf8;

/**
 * Every text of {@link JsonTexts} as the {@code json} field of one record, between two ordinary
 * records, once as NDJSON and once as a JSON array; then the structure of the files themselves
 * (what surrounds the records). A {@code Y} text must be stored and read back with the same JSON
 * meaning; an {@code N} text must fail its row (or, in an array, the job); an {@code I} text may do
 * either. The records around it must survive: in NDJSON always, in an array those before it.
 * Stateless.
 */
final class JsonCases {
    private static final CollectionDef JSON_FIELD = CollectionDef.keyAnd("v:json");

    private JsonCases() {
    }

    /** @param large the size of a record that is large but may still be under the server's record limit */
    static List<HostileCase> all(int large) {
        List<HostileCase> cases = new ArrayList<>();
        for (JsonTexts.Text t : JsonTexts.all()) {
            Faithful value = Faithful.json(t.json());
            if (t.kind() == Kind.Y && value == Faithful.NONE || t.kind() == Kind.N && value != Faithful.NONE) {
                throw new IllegalStateException("the oracle disagrees with the kind of " + t);
            }
            Want want = t.kind() == Kind.Y ? Want.STORED : t.kind() == Kind.N ? Want.REFUSED : Want.FAITHFUL_OR_REFUSED;
            String record = "{\"id\": \"k\", \"v\": " + t.json() + "}";
            String name = t.kind().name().toLowerCase() + "_" + t.name();
            cases.add(Cases.imports("json", name + " (ndjson)", JSON_FIELD,
                    Request.importing(NDJSON, "", utf8("{\"id\": \"a\", \"v\": 1}\n" + record + "\n{\"id\": \"z\", \"v\": 2}\n")),
                    List.of(ordinary(1, "a", 1, Want.STORED), row(2, "k", want, "v", value),
                            ordinary(3, "z", 2, Want.STORED))));
            Want after = t.kind() == Kind.Y ? Want.STORED : Want.STORED_UNLESS_JOB_FAILED;
            Row inArray = t.inArray() == null ? row(2, "k", want, "v", value)
                    : row(2, "k", Want.FAITHFUL_OR_REFUSED, "v", Faithful.json(t.inArray()));
            cases.add(Cases.imports("json", name + " (array)", JSON_FIELD,
                    Request.importing(JSON_ARRAY, "", utf8("[{\"id\": \"a\", \"v\": 1},\n" + record + ",\n{\"id\": \"z\", \"v\": 2}]")),
                    List.of(ordinary(1, "a", 1, Want.STORED), inArray, ordinary(3, "z", 2, after))));
        }
        cases.addAll(arrays());
        cases.addAll(lines());
        String big = "\"" + "j".repeat(large) + "\"";
        cases.add(file("ndjson: a line as large as a large record", NDJSON, "{\"id\": \"a\", \"v\": 1}\n{\"id\": \"k\","
                + " \"v\": " + big + "}\n{\"id\": \"z\", \"v\": 2}\n", ordinary(1, "a", 1, Want.STORED),
                row(2, "k", Want.FAITHFUL_OR_REFUSED, "v", Faithful.json(big)), ordinary(3, "z", 2, Want.STORED)).asHeavy());
        cases.add(file("array: an element as large as a large record", JSON_ARRAY, "[{\"id\": \"a\", \"v\": 1}, {\"id\":"
                + " \"k\", \"v\": " + big + "}, {\"id\": \"z\", \"v\": 2}]", ordinary(1, "a", 1, Want.STORED),
                row(2, "k", Want.FAITHFUL_OR_REFUSED, "v", Faithful.json(big)), ordinary(3, "z", 2, Want.STORED)).asHeavy());
        return cases;
    }

    private static Row ordinary(long line, String key, int v, Want want) {
        return row(line, key, want, "v", Faithful.json(String.valueOf(v)));
    }

    private static HostileCase file(String name, String contentType, String body, Row... rows) {
        return Cases.imports("json", name, JSON_FIELD, Request.importing(contentType, "", utf8(body)), List.of(rows));
    }

    /** The JSON array around the records: what separates, opens and closes them. */
    private static List<HostileCase> arrays() {
        Want stored = Want.STORED;
        Want either = Want.FAITHFUL_OR_REFUSED;
        return List.of(
                file("array: trailing comma after the last element", JSON_ARRAY, "[{\"id\": \"a\", \"v\": 1},]",
                        ordinary(1, "a", 1, stored)),
                file("array: missing comma between elements", JSON_ARRAY,
                        "[{\"id\": \"a\", \"v\": 1} {\"id\": \"z\", \"v\": 2}]",
                        ordinary(1, "a", 1, stored), ordinary(2, "z", 2, either)),
                file("array: a bare object instead of an array", JSON_ARRAY, "{\"id\": \"a\", \"v\": 1}",
                        ordinary(1, "a", 1, either)),
                file("array: only an opening bracket", JSON_ARRAY, "["),
                file("array: empty", JSON_ARRAY, "[]"),
                file("array: empty body", JSON_ARRAY, ""),
                file("array: white space only", JSON_ARRAY, " \n\t "),
                file("array: elements that are not objects", JSON_ARRAY, "[1, \"x\", null, [], true]"),
                file("array: garbage after the closing bracket", JSON_ARRAY, "[{\"id\": \"a\", \"v\": 1}] trailing",
                        ordinary(1, "a", 1, stored)),
                file("array: a second array after the first", JSON_ARRAY,
                        "[{\"id\": \"a\", \"v\": 1}][{\"id\": \"z\", \"v\": 2}]",
                        ordinary(1, "a", 1, stored), ordinary(2, "z", 2, either)),
                file("array: 10000 levels of nesting around the elements", JSON_ARRAY,
                        "[".repeat(10_000) + "]".repeat(10_000)));
    }

    /** The lines of NDJSON: what separates them, and what a line holds besides one object. */
    private static List<HostileCase> lines() {
        Want stored = Want.STORED;
        Want either = Want.FAITHFUL_OR_REFUSED;
        return List.of(
                file("ndjson: two objects on one line", NDJSON, "{\"id\": \"a\", \"v\": 1}{\"id\": \"z\", \"v\": 2}\n",
                        ordinary(1, "a", 1, either), ordinary(1, "z", 2, either)),
                file("ndjson: blank and white-space lines between records", NDJSON,
                        "\n{\"id\": \"a\", \"v\": 1}\n\n   \n{\"id\": \"z\", \"v\": 2}\n",
                        ordinary(2, "a", 1, stored), ordinary(5, "z", 2, stored)),
                file("ndjson: CRLF line ends and no final line end", NDJSON,
                        "{\"id\": \"a\", \"v\": 1}\r\n{\"id\": \"z\", \"v\": 2}",
                        ordinary(1, "a", 1, stored), ordinary(2, "z", 2, stored)),
                file("ndjson: a record spread over two lines", NDJSON,
                        "{\"id\": \"a\", \"v\": 1}\n{\"id\": \"k\",\n \"v\": 3}\n{\"id\": \"z\", \"v\": 2}\n",
                        ordinary(1, "a", 1, stored), ordinary(4, "z", 2, stored)),
                file("ndjson: a raw line separator inside a string", NDJSON,
                        "{\"id\": \"a\u2028b\", \"v\": 1}\n{\"id\": \"z\", \"v\": 2}\n",
                        ordinary(1, "a\u2028b", 1, stored), ordinary(2, "z", 2, stored)),
                file("ndjson: an array line holding records", NDJSON,
                        "[{\"id\": \"a\", \"v\": 1}]\n{\"id\": \"z\", \"v\": 2}\n",
                        ordinary(1, "a", 1, either), ordinary(2, "z", 2, stored)),
                file("ndjson: a key that is the empty string", NDJSON,
                        "{\"id\": \"\", \"v\": 1}\n{\"id\": \"z\", \"v\": 2}\n",
                        ordinary(1, "", 1, either), ordinary(2, "z", 2, stored)),
                file("ndjson: a member that is not a field holds 1e2147483648", NDJSON,
                        "{\"id\": \"a\", \"v\": 1}\n{\"id\": \"k\", \"v\": 3, \"other\": 1e2147483648}\n"
                                + "{\"id\": \"z\", \"v\": 2}\n",
                        ordinary(1, "a", 1, stored), ordinary(2, "k", 3, either), ordinary(3, "z", 2, stored)));
    }
}
