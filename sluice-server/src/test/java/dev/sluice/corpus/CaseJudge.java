package dev.sluice.corpus;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.corpus.HostileCase.Answer;
import dev.sluice.corpus.Verdict.Failure;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs one case against a server and judges the answer: no 5xx, an answer within 30 s, the server
 * still answering {@code /health}, counts that add up, refusals in the JSON error shape or as
 * located row errors, and every stored value reading back as the generator wrote it (see
 * {@link RowCheck}). Stateless apart from the server it talks to; thread-safe.
 */
final class CaseJudge {
    static final Duration ANSWER_WITHIN = Duration.ofSeconds(30);

    private final CorpusServer server;
    private final String jobId;

    /** @param jobId an ended job of the server, for the cases whose path names {@code {job}} */
    CaseJudge(CorpusServer server, String jobId) {
        this.server = server;
        this.jobId = jobId;
    }

    Verdict judge(HostileCase c, String collection) {
        Verdict v = new Verdict(c);
        if (c.collection() != null) {
            CorpusServer.Answer created = server.send("POST", "/v1/collections", List.of("Content-Type",
                    "application/json"), c.collection().json(collection).getBytes(StandardCharsets.UTF_8), ANSWER_WITHIN);
            if (created == null || created.status() != 201) {
                v.fail(Failure.ANSWER, "the collection could not be created: " + describe(created));
                return v;
            }
        }
        String path = c.request().path().replace("{collection}", collection).replace("{job}", jobId);
        long start = System.nanoTime();
        byte[] body = new String(c.request().body(), StandardCharsets.ISO_8859_1).replace("{collection}", collection)
                .getBytes(StandardCharsets.ISO_8859_1);
        CorpusServer.Answer a = server.send(c.request().method(), path, c.request().headers(), body,
                ANSWER_WITHIN.plusSeconds(5));
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        if (a == null || took.compareTo(ANSWER_WITHIN) > 0) {
            v.fail(Failure.SLOW, "no answer within " + ANSWER_WITHIN.toSeconds() + " s (" + took.toMillis() + " ms"
                    + (a == null ? ": " + server.lastBreak() : "") + ")");
        } else if (a.status() >= 500) {
            v.fail(Failure.SERVER_ERROR, describe(a));
        } else if (a.status() >= 400) {
            judgeRefusal(c, a, v);
        } else if (c.expect().answer() == Answer.IMPORTED) {
            judgeImport(c, collection, a, v);
        } else if (c.expect().answer() == Answer.REFUSED) {
            v.fail(Failure.ANSWER, "expected a 4xx refusal, got " + describe(a));
        }
        if (!server.healthy()) {
            v.fail(Failure.DOWN, "GET /health did not answer 200 within 5 s after the case");
        }
        return v;
    }

    private static void judgeRefusal(HostileCase c, CorpusServer.Answer a, Verdict v) {
        v.refused();
        String shape = errorShape(a);
        if (shape != null) {
            v.fail(Failure.ANSWER, "a refusal not in the JSON error shape (" + shape + "): " + describe(a));
        }
        if (c.expect().answer() == Answer.OK) {
            v.fail(Failure.ANSWER, "expected a 2xx, got " + describe(a));
        } else if (c.expect().answer() == Answer.IMPORTED && !c.expect().requestMayBeRefused()) {
            v.fail(Failure.ANSWER, "expected the import to be taken, got " + describe(a));
        }
    }

    /** Null when the answer is {@code {"error": {"code", "message", "details"}}} as JSON, else what is wrong. */
    static String errorShape(CorpusServer.Answer a) {
        if (a.contentType() == null || !a.contentType().startsWith("application/json")) {
            return "Content-Type " + a.contentType();
        }
        JsonNode body = Faithful.parse(a.text());
        JsonNode error = body == null ? null : body.get("error");
        if (error == null || body.size() != 1 || !error.isObject() || error.size() != 3
                || !error.path("code").isTextual() || error.path("code").asText().isBlank()
                || !error.path("message").isTextual() || error.path("message").asText().isBlank()
                || !error.path("details").isObject()) {
            return "not {\"error\": {code, message, details}}";
        }
        return null;
    }

    private void judgeImport(HostileCase c, String collection, CorpusServer.Answer a, Verdict v) {
        JsonNode job = Faithful.parse(a.text());
        if (a.status() != 200 || job == null || !job.path("state").isTextual()) {
            if (a.status() == 202 && job != null) {
                server.send("POST", "/v1/imports/" + job.path("id").asText() + "/cancel", List.of(), new byte[0],
                        ANSWER_WITHIN);
            }
            v.fail(Failure.SLOW, "the job had not ended when wait=true&timeout=30 answered: " + describe(a));
            return;
        }
        JsonNode counts = job.get("counts");
        if (!addsUp(counts)) {
            v.fail(Failure.COUNTS, "counts do not add up: " + counts);
        }
        boolean jobFailed = judgeEnd(c, job, v);
        Map<Long, JsonNode> failed = failedRows(job.path("id").asText(), counts, v);
        List<JsonNode> records = records(collection, v);
        if (records.size() != counts.path("created").asLong()) {
            v.fail(Failure.COUNTS, records.size() + " records stored but counts.created is " + counts.get("created"));
        }
        new RowCheck(c.expect().rows(), jobFailed, failed, v).check(records);
        lookUpByKey(collection, records, v);
    }

    /** Judges how the job ended; answers whether it failed. */
    private static boolean judgeEnd(HostileCase c, JsonNode job, Verdict v) {
        String state = job.get("state").asText();
        boolean jobFailed = state.equals("failed");
        if (jobFailed) {
            v.refused();
            JsonNode error = job.path("error");
            if (!error.path("code").isTextual() || error.path("message").asText("").isBlank()) {
                v.fail(Failure.ANSWER, "a failed job without a job-level error: " + job.path("error"));
            } else if (error.get("code").asText().equals("internal_error")) {
                v.fail(Failure.ANSWER, "the job failed with internal_error: " + error.get("message").asText());
            }
        } else if (c.expect().jobMustFail()) {
            v.fail(Failure.ANSWER, "a broken file ended " + state + ", not failed");
        } else if (!state.equals("completed") && !state.equals("completed_with_errors")) {
            v.fail(Failure.ANSWER, "the job ended " + state);
        }
        return jobFailed;
    }

    static boolean addsUp(JsonNode c) {
        long created = c.path("created").asLong();
        long updated = c.path("updated").asLong();
        long unchanged = c.path("unchanged").asLong();
        return c.path("processed").asLong() == created + updated + unchanged + c.path("skipped").asLong()
                + c.path("failed").asLong() && c.path("succeeded").asLong() == created + updated + unchanged;
    }

    /** The failed rows of a job by line; each must carry a located error. */
    private Map<Long, JsonNode> failedRows(String jobId, JsonNode counts, Verdict v) {
        Map<Long, JsonNode> byLine = new HashMap<>();
        for (JsonNode r : pages("/v1/imports/" + jobId + "/results?outcome=failed&limit=10000", "results", v)) {
            JsonNode error = r.path("error");
            if (r.path("line").asLong() < 1 || !error.path("code").isTextual()
                    || error.path("message").asText("").isBlank()) {
                v.fail(Failure.ANSWER, "a failed row without a located error: " + r);
            }
            byLine.put(r.path("line").asLong(), r);
        }
        if (byLine.size() != counts.path("failed").asLong()) {
            v.fail(Failure.COUNTS, byLine.size() + " failed rows listed but counts.failed is " + counts.get("failed"));
        }
        return byLine;
    }

    private List<JsonNode> records(String collection, Verdict v) {
        return pages("/v1/collections/" + collection + "/records?limit=10000", "records", v);
    }

    private List<JsonNode> pages(String first, String member, Verdict v) {
        List<JsonNode> all = new ArrayList<>();
        String cursor = null;
        do {
            CorpusServer.Answer a = server.get(first + (cursor == null ? "" : "&cursor=" + encode(cursor)));
            JsonNode page = a == null ? null : Faithful.parse(a.text());
            if (a == null || a.status() != 200 || page == null || !page.path(member).isArray()) {
                v.fail(a != null && a.status() >= 500 ? Failure.SERVER_ERROR : Failure.FIDELITY,
                        "reading " + first + " failed: " + describe(a));
                return all;
            }
            page.get(member).forEach(all::add);
            cursor = page.path("next_cursor").isTextual() ? page.get("next_cursor").asText() : null;
        } while (cursor != null);
        return all;
    }

    /** Every stored record (the first five) is found again by {@code ?key=}. */
    private void lookUpByKey(String collection, List<JsonNode> records, Verdict v) {
        for (JsonNode r : records.subList(0, Math.min(5, records.size()))) {
            String key = r.path("id").asText();
            CorpusServer.Answer a = server.get("/v1/collections/" + collection + "/records?key=" + encode(key));
            JsonNode page = a == null ? null : Faithful.parse(a.text());
            if (page == null || a.status() != 200 || page.path("records").size() != 1
                    || !page.path("records").get(0).path("_id").equals(r.path("_id"))) {
                v.fail(Failure.FIDELITY, "record " + Faithful.quoted(key) + " is not found again by ?key=: "
                        + describe(a));
            }
        }
    }

    static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    static String describe(CorpusServer.Answer a) {
        if (a == null) {
            return "no answer";
        }
        String text = a.text();
        return a.status() + " " + (text.length() > 300 ? text.substring(0, 300) + "..." : text);
    }
}
