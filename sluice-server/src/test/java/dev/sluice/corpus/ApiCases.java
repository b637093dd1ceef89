package dev.sluice.corpus;

import dev.sluice.corpus.HostileCase.Answer;
import dev.sluice.corpus.HostileCase.CollectionDef;
import dev.sluice.corpus.HostileCase.Expect;
import dev.sluice.corpus.HostileCase.Request;

import java.util.ArrayList;
import java.util.List;

import static dev.sluice.corpus.HostileCase.Answer.OK;
import static dev.sluice.corpus.HostileCase.Answer.OK_OR_REFUSED;
import static dev.sluice.corpus.HostileCase.Answer.REFUSED;

/**
 * API misuse: bad and unknown options, numbers no parser should choke on, huge headers and URLs,
 * bad cursors and limits, garbage query parameters, wrong content types, malformed JSON requests
 * and collection definitions. Each answer must be a 4xx in the JSON error shape (or a 2xx where the
 * request is fine); never a 5xx, never Jetty's HTML. {@code {job}} is an ended job of the server.
 * Stateless.
 */
final class ApiCases {
    private static final CollectionDef PEOPLE = CollectionDef.keyAnd("name:string");
    private static final String IMPORT = "/v1/collections/{collection}/import?";
    private static final String HUGE_EXPONENT = "1e2147483648";

    private ApiCases() {
    }

    static List<HostileCase> all() {
        List<HostileCase> cases = new ArrayList<>();
        cases.addAll(importOptions());
        cases.addAll(queries());
        cases.addAll(jsonRequests());
        cases.addAll(collections());
        cases.addAll(transport());
        return cases;
    }

    private static HostileCase api(String name, Answer answer, Request request) {
        return new HostileCase("api", name, PEOPLE, request, Expect.answer(answer), false);
    }

    private static HostileCase csvImport(String name, String query) {
        return api(name, REFUSED, Request.sending("POST", IMPORT + query, "id,name\na,x\n", "Content-Type", "text/csv"));
    }

    private static List<HostileCase> importOptions() {
        List<HostileCase> c = new ArrayList<>();
        String[][] refused = {
                {"an unknown option", "colour=red"}, {"on_conflict=maybe", "on_conflict=maybe"},
                {"error_mode=sometimes", "error_mode=sometimes"}, {"max_errors=-1", "max_errors=-1"},
                {"max_errors=abc", "max_errors=abc"}, {"max_errors with a huge exponent", "max_errors=" + HUGE_EXPONENT},
                {"max_errors past 64 bits", "max_errors=99999999999999999999"}, {"results=some", "results=some"},
                {"job_type=delete", "job_type=delete"}, {"timeout=-5", "timeout=-5"}, {"timeout=abc", "timeout=abc"},
                {"wait=maybe", "wait=maybe"}, {"a bare wait", "wait"}, {"format=xml", "format=xml"},
                {"strict=perhaps", "strict=perhaps"}, 
                {"1000 unknown parameters", "p=1&".repeat(1_000) + "q=2"},
                {"an option name ending in a NUL", "on_conflict%00=skip"}};
        for (String[] r : refused) {
            c.add(csvImport("import: " + r[0], r[1]));
        }
        return c;
    }

    private static List<HostileCase> queries() {
        return List.of(
                api("jobs: cursor=garbage", REFUSED, Request.of("GET", "/v1/imports?cursor=garbage")),
                api("jobs: cursor of bytes 00 FF", REFUSED, Request.of("GET", "/v1/imports?cursor=%00%ff")),
                api("records: cursor=garbage", REFUSED, Request.of("GET", "/v1/collections/{collection}/records?cursor=garbage")),
                api("results: cursor=garbage", REFUSED, Request.of("GET", "/v1/imports/{job}/results?cursor=garbage")),
                api("jobs: limit=-1", REFUSED, Request.of("GET", "/v1/imports?limit=-1")),
                api("records: limit=0", REFUSED, Request.of("GET", "/v1/collections/{collection}/records?limit=0")),
                api("records: limit=abc", REFUSED, Request.of("GET", "/v1/collections/{collection}/records?limit=abc")),
                api("results: limit past 64 bits", REFUSED, Request.of("GET", "/v1/imports/{job}/results?limit=99999999999999999999")),
                api("jobs: state=exploded", REFUSED, Request.of("GET", "/v1/imports?state=exploded")),
                api("jobs: an unknown parameter", REFUSED, Request.of("GET", "/v1/imports?colour=red")),
                api("log: format=xml", REFUSED, Request.of("GET", "/v1/imports/{job}/log?format=xml")),
                api("results: format=xml", REFUSED, Request.of("GET", "/v1/imports/{job}/results?format=xml")),
                api("results: outcome=weird", REFUSED, Request.of("GET", "/v1/imports/{job}/results?outcome=weird")),
                api("records: an empty key", OK_OR_REFUSED, Request.of("GET", "/v1/collections/{collection}/records?key=")),
                api("records: a key with NUL and FF", OK_OR_REFUSED, Request.of("GET", "/v1/collections/{collection}/records?key=%00%ff")),
                api("a job id that is not a UUID", REFUSED, Request.of("GET", "/v1/imports/not-a-uuid")),
                api("a job that does not exist", REFUSED, Request.of("GET", "/v1/imports/00000000-0000-0000-0000-000000000000")),
                api("cancel an ended job", REFUSED, Request.of("POST", "/v1/imports/{job}/cancel")),
                api("a URL of 9000 characters", REFUSED, Request.of("GET", "/v1/imports?state=" + "x".repeat(9_000))),
                api("a NUL in the path", REFUSED, Request.of("GET", "/v1/collections/%00/records")),
                api("an encoded slash in the path", REFUSED, Request.of("GET", "/v1/collections/a%2Fb")),
                api("a path of 300 segments", REFUSED, Request.of("GET", "/v1" + "/x".repeat(300))),
                api("an option given twice, differently", OK_OR_REFUSED, Request.sending("POST",
                        IMPORT + "on_conflict=skip&on_conflict=update", "id,name\na,x\n", "Content-Type", "text/csv")),
                api("a NUL in the file name", OK_OR_REFUSED, Request.sending("POST", IMPORT + "file_name=a%00.csv",
                        "id,name\na,x\n", "Content-Type", "text/csv")),
                api("an unknown route", REFUSED, Request.of("GET", "/v2/everything")),
                api("PUT on a route that has none", REFUSED, Request.sending("PUT", "/v1/imports", "{}", "Content-Type", "application/json")),
                api("DELETE /health", REFUSED, Request.of("DELETE", "/health")),
                api("Accept: application/xml on /health", OK_OR_REFUSED, Request.of("GET", "/health", "Accept", "application/xml")));
    }

    private static List<HostileCase> jsonRequests() {
        return List.of(
                job("records holding a huge exponent", OK_OR_REFUSED,
                        "{\"collection\": \"{collection}\", \"records\": [{\"id\": \"a\", \"name\": " + HUGE_EXPONENT + "}]}"),
                job("metadata holding a huge exponent", OK_OR_REFUSED,
                        "{\"collection\": \"{collection}\", \"records\": [{\"id\": \"a\"}], \"metadata\": {\"n\": " + HUGE_EXPONENT + "}}"),
                job("max_errors with a huge exponent", REFUSED,
                        "{\"collection\": \"{collection}\", \"records\": [{\"id\": \"a\"}], \"max_errors\": " + HUGE_EXPONENT + "}"),
                job("provenance.expected_rows with a huge exponent", REFUSED, "{\"collection\": \"{collection}\", \"records\":"
                        + " [{\"id\": \"a\"}], \"provenance\": {\"expected_rows\": " + HUGE_EXPONENT + "}}"),
                job("an unknown member", REFUSED, "{\"collection\": \"{collection}\", \"recordz\": []}"),
                job("wait as a string", REFUSED, "{\"collection\": \"{collection}\", \"records\": [{\"id\": \"a\"}], \"wait\": \"yes\"}"),
                job("a JSON array instead of an object", REFUSED, "[{\"collection\": \"{collection}\"}]"),
                job("not JSON", REFUSED, "{collection: nope"),
                job("an empty body", REFUSED, ""),
                job("records that is not an array", REFUSED, "{\"collection\": \"{collection}\", \"records\": {\"id\": \"a\"}}"),
                job("10000 levels of nesting in metadata", REFUSED, "{\"collection\": \"{collection}\", \"records\": [{\"id\":"
                        + " \"a\"}], \"metadata\": " + "[".repeat(10_000) + "]".repeat(10_000) + "}"),
                job("a collection member given twice", OK_OR_REFUSED, "{\"collection\": \"{collection}\", \"collection\":"
                        + " \"{collection}\", \"records\": [{\"id\": \"a\"}]}"),
                api("a JSON request sent as text/plain", REFUSED, Request.sending("POST", "/v1/imports",
                        "{\"collection\": \"{collection}\", \"records\": [{\"id\": \"a\"}]}", "Content-Type", "text/plain")),
                api("multipart without a boundary", REFUSED, Request.sending("POST", "/v1/imports", "--x\r\n\r\n",
                        "Content-Type", "multipart/form-data")),
                api("multipart whose request part is not JSON", REFUSED, Request.sending("POST", "/v1/imports",
                        "--b\r\nContent-Disposition: form-data; name=\"request\"\r\n\r\nnot json\r\n--b--\r\n",
                        "Content-Type", "multipart/form-data; boundary=b")),
                api("multipart cut off", REFUSED, Request.sending("POST", "/v1/imports",
                        "--b\r\nContent-Disposition: form-data; name=\"request\"\r\n\r\n{\"collec",
                        "Content-Type", "multipart/form-data; boundary=b")));
    }

    private static HostileCase job(String name, Answer answer, String json) {
        return api("POST /v1/imports: " + name, answer, Request.sending("POST", "/v1/imports", json,
                "Content-Type", "application/json"));
    }

    private static List<HostileCase> collections() {
        String fields = "\"fields\": [{\"name\": \"id\", \"type\": \"string\"}], \"key\": [\"id\"]";
        return List.of(
                collection("an unknown member", "{\"name\": \"x{collection}\", " + fields + ", \"colour\": \"red\"}"),
                collection("required as a string", "{\"name\": \"x{collection}\", \"fields\": [{\"name\": \"id\","
                        + " \"type\": \"string\", \"required\": \"yes\"}], \"key\": [\"id\"]}"),
                collection("max_length with a huge exponent", "{\"name\": \"x{collection}\", \"fields\": [{\"name\": \"id\","
                        + " \"type\": \"string\", \"max_length\": " + HUGE_EXPONENT + "}], \"key\": [\"id\"]}"),
                collection("max_length -1", "{\"name\": \"x{collection}\", \"fields\": [{\"name\": \"id\","
                        + " \"type\": \"string\", \"max_length\": -1}], \"key\": [\"id\"]}"),
                collection("a name with a NUL", "{\"name\": \"x\\u0000y\", " + fields + "}"),
                collection("a name of 10000 characters", "{\"name\": \"" + "x".repeat(10_000) + "\", " + fields + "}"),
                collection("a key naming no field", "{\"name\": \"x{collection}\", \"fields\": [{\"name\": \"id\","
                        + " \"type\": \"string\"}], \"key\": [\"nope\"]}"),
                collection("a field named twice", "{\"name\": \"x{collection}\", \"fields\": [{\"name\": \"id\", \"type\":"
                        + " \"string\"}, {\"name\": \"id\", \"type\": \"integer\"}], \"key\": [\"id\"]}"),
                api("POST /v1/collections: a definition sent as text/plain", REFUSED, Request.sending("POST", "/v1/collections",
                        "{\"name\": \"x{collection}\", " + fields + "}", "Content-Type", "text/plain")));
    }

    private static HostileCase collection(String name, String json) {
        return api("POST /v1/collections: " + name, REFUSED, Request.sending("POST", "/v1/collections", json,
                "Content-Type", "application/json"));
    }

    private static List<HostileCase> transport() {
        byte[] csv = Cases.utf8("id,name\na,x\n");
        return List.of(
                api("an Idempotency-Key of 10 kB", REFUSED, new Request("POST", IMPORT + "wait=true",
                        List.of("Content-Type", "text/csv", "Idempotency-Key", "k".repeat(10_240)), csv)),
                api("a header of 64 kB", REFUSED, new Request("POST", IMPORT + "wait=true",
                        List.of("Content-Type", "text/csv", "X-Padding", "p".repeat(65_536)), csv)),
                api("Content-Type application/xml", REFUSED, new Request("POST", IMPORT + "wait=true",
                        List.of("Content-Type", "application/xml"), csv)),
                api("Content-Type text/plain", REFUSED, new Request("POST", IMPORT + "wait=true",
                        List.of("Content-Type", "text/plain"), csv)),
                api("no Content-Type and no file name", REFUSED, new Request("POST", IMPORT + "wait=true", List.of(), csv)),
                api("a malformed Content-Type", REFUSED, new Request("POST", IMPORT + "wait=true",
                        List.of("Content-Type", "text/csv; ;; charset"), csv)),
                api("Content-Encoding: gzip, gzip", OK_OR_REFUSED, new Request("POST", IMPORT + "wait=true",
                        List.of("Content-Type", "text/csv", "Content-Encoding", "gzip, gzip"), GzipCases.member(
                        GzipCases.member(csv, 0), 0))),
                api("an import into a collection that does not exist", REFUSED, new Request("POST",
                        "/v1/collections/nope_nope/import?wait=true", List.of("Content-Type", "text/csv"), csv)),
                api("a file name with a path and a NUL", OK_OR_REFUSED, new Request("POST",
                        IMPORT + "wait=true&file_name=..%2F..%2Fetc%2Fpasswd%00.csv", List.of("Content-Type", "text/csv"), csv)),
                api("an import of a valid file", OK, new Request("POST", IMPORT + "wait=true",
                        List.of("Content-Type", "text/csv"), csv)));
    }
}
