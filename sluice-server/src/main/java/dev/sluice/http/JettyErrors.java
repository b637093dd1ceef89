package dev.sluice.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sluice.client.ApiError;
import dev.sluice.client.Json;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.Map;

/**
 * The answers Jetty gives on its own, before a route runs (headers over 8 KB, a URL over 8 KB, a
 * request line or path it cannot take), in the API's error shape {@code {"error": {"code",
 * "message", "details"}}} instead of Jetty's HTML page. Thread-safe.
 */
final class JettyErrors extends ErrorHandler {
    private static final ObjectMapper JSON = Json.mapper();

    @Override
    protected void generateResponse(Request request, Response response, int status, String message, Throwable cause,
                                    Callback callback) {
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
        response.write(true, ByteBuffer.wrap(body(status, message)), callback);
    }

    @Override
    public ByteBuffer badMessageError(int status, String reason, HttpFields.Mutable fields) {
        fields.put(HttpHeader.CONTENT_TYPE, "application/json");
        return ByteBuffer.wrap(body(status, reason));
    }

    private static byte[] body(int status, String reason) {
        try {
            return JSON.writeValueAsBytes(new ApiError(new ApiError.Body(code(status), message(status, reason),
                    Map.of())));
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The error code of a status Jetty answers on its own. */
    static String code(int status) {
        return switch (status) {
            case 404 -> "not_found";
            case 405 -> "method_not_allowed";
            case 413 -> "payload_too_large";
            case 414 -> "uri_too_long";
            case 415 -> "unsupported_media_type";
            case 431 -> "request_header_too_large";
            default -> status >= 500 ? "internal_error" : "bad_request";
        };
    }

    private static String message(int status, String reason) {
        return switch (status) {
            case 414 -> "the request's URL is longer than 8 KB";
            case 431 -> "the request's headers are larger than 8 KB (an Idempotency-Key is at most 255 characters)";
            default -> "the request cannot be taken: " + (reason == null || reason.isBlank() ? "status " + status
                    : reason);
        };
    }
}
