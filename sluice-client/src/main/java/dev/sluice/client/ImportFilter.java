package dev.sluice.client;

import java.util.Map;

/**
 * Which jobs {@link SluiceClient#listImports(ImportFilter)} answers, and which page: null members are
 * not sent. Immutable and thread-safe.
 *
 * @param state      one of {@code open}, {@code queued}, {@code running}, {@code completed},
 *                   {@code completed_with_errors}, {@code failed}, {@code cancelled}
 * @param limit      page size, 1 to 1,000 (server default 50)
 * @param cursor     the {@code nextCursor} of the previous page
 */
public record ImportFilter(String state, String collection, Integer limit, String cursor) {
    private static final ImportFilter ALL = new ImportFilter(null, null, null, null);

    /** The first page of every job. */
    public static ImportFilter all() {
        return ALL;
    }

    public ImportFilter withState(String state) {
        return new ImportFilter(state, collection, limit, cursor);
    }

    public ImportFilter withCollection(String collection) {
        return new ImportFilter(state, collection, limit, cursor);
    }

    public ImportFilter withLimit(Integer limit) {
        return new ImportFilter(state, collection, limit, cursor);
    }

    public ImportFilter withCursor(String cursor) {
        return new ImportFilter(state, collection, limit, cursor);
    }

    Map<String, String> queryParameters() {
        return new QueryParameters().put("state", state).put("collection", collection).put("limit", limit)
                .put("cursor", cursor).map();
    }
}
