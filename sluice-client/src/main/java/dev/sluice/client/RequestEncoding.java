package dev.sluice.client;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The wire forms of an {@link ImportRequest}: query parameters of an upload or a retry, members of a
 * JSON request ({@code POST /v1/imports}). Unset options are absent, so the server's defaults apply.
 * Stateless and thread-safe.
 */
final class RequestEncoding {
    private static final Set<String> RETRY_WITHOUT_BODY = Set.of("on_conflict", "error_mode",
            "max_errors", "results", "job_type", "wait", "timeout", "atomic", "notify_url");

    private RequestEncoding() {
    }

    /** The options as query parameters of the one-shot import, in a stable order. */
    static Map<String, String> queryParameters(ImportRequest r) {
        Map<String, String> q = jobParameters(r);
        if (r.fileName() != null) {
            q.put("file_name", r.fileName());
        }
        if (r.waitForCompletion()) {
            q.put("wait", "true");
            if (r.waitTimeout() != null) {
                q.put("timeout", String.valueOf(r.waitTimeout().toSeconds()));
            }
        }
        return q;
    }

    /** The job options and the wait, without format, dialect or file name: a retry without a body. */
    static Map<String, String> retryParameters(ImportRequest r) {
        Map<String, String> q = new LinkedHashMap<>();
        for (Map.Entry<String, String> e : queryParameters(r).entrySet()) {
            if (RETRY_WITHOUT_BODY.contains(e.getKey())) {
                q.put(e.getKey(), e.getValue());
            }
        }
        return q;
    }

    /** The dialect and job options alone (no wait, no file name), in a stable order. */
    private static Map<String, String> jobParameters(ImportRequest r) {
        QueryParameters q = new QueryParameters()
                .put("on_conflict", r.onConflict() == null ? null : r.onConflict().wireName())
                .put("error_mode", r.errorMode() == null ? null : r.errorMode().wireName())
                .put("max_errors", r.maxErrors())
                .put("results", r.results() == null ? null : r.results().wireName())
                .put("job_type", r.jobType() == null ? null : r.jobType().wireName())
                .put("atomic", r.atomic())
                .put("notify_url", r.notifyUrl())
                .put("format", r.format() == null ? null : r.format().wireName())
                .put("delimiter", r.delimiter())
                .put("quote", r.quote())
                .put("header", r.header())
                .put("columns", r.columns() == null ? null : String.join(",", r.columns()))
                .put("null_values", r.nullValues() == null ? null : String.join(",", r.nullValues()))
                .put("encoding", r.encoding() == null ? null : r.encoding().name())
                .put("strict", r.strict())
                .put("sheet", r.sheet());
        r.values().putQuery(q.map());
        return q.map();
    }

    /** Writes the options as members of a JSON request; unset ones are absent. */
    static void writeJson(ImportRequest r, ObjectNode body) {
        jobParameters(r).forEach((name, value) -> {
            switch (name) {
                case "mapping", "formats", "decimal_separator", "thousands_separator", "true_values",
                        "false_values", "trim" -> {
                    // written below, as JSON objects, arrays and booleans
                }
                case "columns" -> putArray(body, name, r.columns());
                case "null_values" -> putArray(body, name, r.nullValues());
                case "max_errors" -> body.put(name, r.maxErrors());
                case "header" -> body.put(name, r.header());
                case "strict" -> body.put(name, r.strict());
                default -> body.put(name, value);
            }
        });
        r.values().writeJson(body);
        if (r.waitForCompletion()) {
            body.put("wait", true);
            if (r.waitTimeout() != null) {
                body.put("timeout", r.waitTimeout().toSeconds());
            }
        }
    }

    private static void putArray(ObjectNode body, String name, List<String> values) {
        values.forEach(body.putArray(name)::add);
    }
}
