package dev.sluice.corpus;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One case of the hostile-input corpus, as data: the collection it imports into, the HTTP request
 * that carries the bytes, and what a correct server does with them. Cases are built by the
 * generators of this package ({@link CsvCases}, {@link JsonCases}, ...) and judged by
 * {@link CaseJudge}. Immutable.
 *
 * @param category   the table row this case counts in, e.g. {@code csv}
 * @param name       a short name, unique within its category
 * @param collection the collection created before the request, or null when the case needs none
 * @param request    what is sent; {@code {collection}} and {@code {job}} in its path are filled in
 * @param expect     what a correct answer looks like
 * @param heavy      true for cases that read megabytes: they run one at a time, after the others
 */
record HostileCase(String category, String name, CollectionDef collection, Request request, Expect expect,
                   boolean heavy) {

    HostileCase asHeavy() {
        return new HostileCase(category, name, collection, request, expect, true);
    }

    /** A collection: its fields as {@code name:type} pairs (the first is the key, a string unless said). */
    record CollectionDef(List<String> fields) {
        static CollectionDef keyAnd(String... fields) {
            List<String> all = new ArrayList<>();
            all.add("id:string");
            all.addAll(List.of(fields));
            return new CollectionDef(all);
        }

        String json(String name) {
            StringBuilder b = new StringBuilder("{\"name\": \"" + name + "\", \"fields\": [");
            for (int i = 0; i < fields.size(); i++) {
                String[] nt = fields.get(i).split(":");
                b.append(i == 0 ? "" : ", ").append("{\"name\": \"").append(nt[0]).append("\", \"type\": \"")
                        .append(nt[1]).append("\"}");
            }
            return b.append("], \"key\": [\"").append(fields.get(0).split(":")[0]).append("\"]}").toString();
        }

        String type(String field) {
            for (String f : fields) {
                String[] nt = f.split(":");
                if (nt[0].equals(field)) {
                    return nt[1];
                }
            }
            throw new IllegalArgumentException("no field " + field + " in " + fields);
        }
    }

    /** An HTTP request; {@code headers} are name, value pairs. */
    record Request(String method, String path, List<String> headers, byte[] body) {
        /** A one-shot import that waits for the end (at most 30 s), with more query options. */
        static Request importing(String contentType, String options, byte[] body, String... headers) {
            List<String> h = new ArrayList<>(List.of(headers));
            if (contentType != null) {
                h.add(0, contentType);
                h.add(0, "Content-Type");
            }
            return new Request("POST", "/v1/collections/{collection}/import?wait=true&timeout=30"
                    + (options.isEmpty() ? "" : "&" + options), h, body);
        }

        static Request of(String method, String path, String... headers) {
            return new Request(method, path, List.of(headers), new byte[0]);
        }

        static Request sending(String method, String path, String body, String... headers) {
            return new Request(method, path, List.of(headers), body.getBytes(StandardCharsets.UTF_8));
        }
    }

    /**
     * What a correct server does. For an import: the rows the generator wrote, each with what may
     * become of it; {@code jobMustFail} when the file as a whole is broken (a cut gzip stream);
     * {@code requestMayBeRefused} when a 4xx before any job is a clean answer too. For any other
     * request: {@code answer}.
     */
    record Expect(List<Row> rows, boolean jobMustFail, boolean requestMayBeRefused, Answer answer) {
        static Expect rows(Row... rows) {
            return new Expect(List.of(rows), false, false, Answer.IMPORTED);
        }

        static Expect rows(List<Row> rows) {
            return new Expect(List.copyOf(rows), false, false, Answer.IMPORTED);
        }

        static Expect answer(Answer answer) {
            return new Expect(List.of(), false, answer != Answer.IMPORTED, answer);
        }

        Expect failingTheJob() {
            return new Expect(rows, true, requestMayBeRefused, answer);
        }

        Expect orRefusedRequest() {
            return new Expect(rows, jobMustFail, true, answer);
        }
    }

    /** The answers a request that is not judged by its rows may get. */
    enum Answer {
        /** a 2xx import whose rows are judged */
        IMPORTED,
        /** a 4xx with the JSON error shape */
        REFUSED,
        /** a 2xx */
        OK,
        /** a 2xx, or a 4xx with the JSON error shape */
        OK_OR_REFUSED
    }

    /** What may become of one written row. */
    enum Want {
        /** stored exactly as written, even when the job later fails (it comes before any damage) */
        STORED,
        /** stored exactly as written unless the job failed */
        STORED_UNLESS_JOB_FAILED,
        /** stored exactly, or failed with an error at its line (or the job failed) */
        FAITHFUL_OR_REFUSED,
        /** failed with an error at its line, or the job failed; never stored */
        REFUSED,
        /** if stored, stored exactly; it may be absent (swallowed by damage before it) */
        OPTIONAL
    }

    /**
     * One row the generator wrote: its 1-based line (as the docs define lines), its key, and the
     * value each other field must read back as ({@link Faithful#NONE} when no stored value would be
     * faithful: such a row must be refused).
     */
    record Row(long line, String key, Want want, Map<String, Faithful> fields) {
        Row {
            if (fields.values().stream().anyMatch(f -> f == Faithful.NONE) && want != Want.REFUSED
                    && want != Want.OPTIONAL) {
                want = Want.REFUSED;
            }
        }

        static Row of(long line, String key, Want want, String field, Faithful value) {
            return new Row(line, key, want, Map.of(field, value));
        }
    }
}
