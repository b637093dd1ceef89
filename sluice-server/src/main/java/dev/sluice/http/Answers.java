package dev.sluice.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sluice.client.ApiError;
import dev.sluice.client.Json;
import io.javalin.http.Context;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How every handler answers: a JSON document with a status, or the error document
 * ({@code {"error": {code, message, details}}}, docs/http-api.md); and the JSON request body read
 * once, bounded. Stateless and thread-safe.
 */
final class Answers {
    private static final ObjectMapper JSON = Json.mapper();
    /** How much of an unread upload is read and dropped so that its sender gets the error answer. */
    private static final long DRAIN_LIMIT = 64L << 20;

    private Answers() {
    }

    static void json(Context ctx, int status, Object body) {
        try {
            ctx.status(status).contentType("application/json").result(JSON.writeValueAsBytes(body));
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void error(Context ctx, int status, String code, String message, Map<String, Object> details) {
        drainUnreadBody(ctx);
        json(ctx, status, new ApiError(new ApiError.Body(code, message, details)));
    }

    /** The request body as JSON (at most {@code limit} bytes); {@code 400 invalid_json} with the place when it is not. */
    static JsonNode readJson(Context ctx, ObjectMapper json, long limit) {
        return RequestBodies.json(json, ctx.bodyInputStream(), "the request body", limit);
    }

    /**
     * The request body as a closed JSON object: {@code 415 unsupported_media_type} when its Content-Type
     * is not JSON, {@code 400 invalid_request} naming the member when it is not an object or holds a member
     * not in {@code members}.
     *
     * @param what the document's name in messages, such as {@code key}
     */
    static JsonNode readObject(Context ctx, ObjectMapper json, long limit, String what, List<String> members) {
        CollectionDefinitions.requireJson(ctx, "a JSON " + what + " request");
        JsonNode body = readJson(ctx, json, limit);
        String shape = "{" + String.join(", ", members) + "}";
        if (!body.isObject()) {
            throw JobRequests.invalid("body", "the request must be a JSON object " + shape);
        }
        body.fieldNames().forEachRemaining(m -> {
            if (!members.contains(m)) {
                throw JobRequests.invalid(m, "unknown member '" + m + "'; a " + what + " is " + shape);
            }
        });
        return body;
    }

    /** One page of a listing, {@code 200 {<name>: items, next_cursor}}; the cursor is null on the last page. */
    static void page(Context ctx, String name, List<?> items, String nextCursor) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put(name, items);
        body.put("next_cursor", nextCursor);
        json(ctx, 200, body);
    }

    /**
     * Reads and drops what is left of the request body before an error answer. A client still
     * sending an upload that was refused early (unknown collection, bad option) would otherwise see
     * the connection reset instead of the answer. Past {@link #DRAIN_LIMIT} the connection is
     * closed after the answer rather than drained further.
     */
    private static void drainUnreadBody(Context ctx) {
        if (ctx.req().getContentLengthLong() == 0) {
            return;
        }
        try {
            InputStream in = ctx.req().getInputStream();
            byte[] buffer = new byte[1 << 16];
            long left = DRAIN_LIMIT;
            int n;
            while (left > 0 && (n = in.read(buffer, 0, (int) Math.min(buffer.length, left))) > 0) {
                left -= n;
            }
            if (left <= 0) {
                ctx.header("Connection", "close");
            }
        } catch (IOException | IllegalStateException e) {
            // the body was taken another way, or the client went away: nothing left to drain
        }
    }
}
