package dev.sluice.client;

import java.util.Map;

/**
 * Which per-row results of a job to read ({@code GET /v1/imports/{id}/results}): null members are not
 * sent. For a page, {@code limit} is its size (1 to 10,000, server default 100) and {@code cursor}
 * the previous page's {@code nextCursor}; for a streamed export, {@code limit} caps the count and
 * {@code cursor} starts after that position. Immutable and thread-safe.
 *
 * @param outcome {@code created}, {@code updated}, {@code unchanged}, {@code skipped} or {@code failed}
 * @param file    a file's name or id
 */
public record ResultFilter(String outcome, String file, Integer limit, String cursor) {
    private static final ResultFilter ALL = new ResultFilter(null, null, null, null);

    /** Every result, first page. */
    public static ResultFilter all() {
        return ALL;
    }

    /** The failed rows only. */
    public static ResultFilter failed() {
        return ALL.withOutcome("failed");
    }

    public ResultFilter withOutcome(String outcome) {
        return new ResultFilter(outcome, file, limit, cursor);
    }

    public ResultFilter withFile(String file) {
        return new ResultFilter(outcome, file, limit, cursor);
    }

    public ResultFilter withLimit(Integer limit) {
        return new ResultFilter(outcome, file, limit, cursor);
    }

    public ResultFilter withCursor(String cursor) {
        return new ResultFilter(outcome, file, limit, cursor);
    }

    Map<String, String> queryParameters() {
        return new QueryParameters().put("outcome", outcome).put("file", file).put("limit", limit)
                .put("cursor", cursor).map();
    }
}
