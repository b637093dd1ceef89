package dev.sluice.client;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Sends requests and turns answers into values or exceptions: every status outside 2xx becomes a
 * {@link SluiceApiException} parsed from the error envelope, every I/O failure a
 * {@link SluiceClientException}. Immutable and thread-safe.
 */
final class Transport {
    private static final int SNIPPET = 300;

    private final HttpClient http;
    private final String base;
    private final Duration requestTimeout;
    private final Map<String, String> headers;
    private final ObjectMapper json;

    Transport(HttpClient http, URI base, Duration requestTimeout, Map<String, String> headers, ObjectMapper json) {
        this.http = http;
        String b = base.toString();
        this.base = b.endsWith("/") ? b.substring(0, b.length() - 1) : b;
        this.requestTimeout = requestTimeout;
        this.headers = Map.copyOf(headers);
        this.json = json;
    }

    ObjectMapper json() {
        return json;
    }

    /** An absolute URI for an API path (already holding encoded segments) and query parameters. */
    URI uri(String path, Map<String, String> query) {
        StringBuilder sb = new StringBuilder(base).append(path);
        char sep = '?';
        for (Map.Entry<String, String> q : query.entrySet()) {
            sb.append(sep).append(encode(q.getKey())).append('=').append(encode(q.getValue()));
            sep = '&';
        }
        return URI.create(sb.toString());
    }

    URI uri(String path) {
        return uri(path, Map.of());
    }

    /** One path segment, percent-encoded. */
    static String segment(String value) {
        if (value == null || value.isEmpty()) {
            throw new IllegalArgumentException("a name or id in the path cannot be null or empty");
        }
        return encode(value);
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /**
     * A request builder with the client's headers. {@code extraTime} is added to the request timeout
     * (for waits); uploads pass null and get no timeout at all, since sending a large body takes as
     * long as it takes.
     */
    HttpRequest.Builder request(URI uri, Duration extraTime) {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri).header("Accept", "application/json");
        headers.forEach(b::header);
        if (extraTime != null) {
            b.timeout(requestTimeout.plus(extraTime));
        }
        return b;
    }

    HttpRequest.Builder request(URI uri) {
        return request(uri, Duration.ZERO);
    }

    /** {@code GET path?query}, its JSON answer read as {@code type}. */
    <T> T get(String path, Map<String, String> query, Class<T> type) {
        return json(request(uri(path, query)).GET().build(), type);
    }

    /** {@code GET path?query}, its answer read as a page of {@code item}. */
    <T> Page<T> page(String path, Map<String, String> query, Class<T> item) {
        return json(request(uri(path, query)).GET().build(), pageOf(item));
    }

    JavaType pageOf(Class<?> item) {
        return json.getTypeFactory().constructParametricType(Page.class, item);
    }

    /** {@code DELETE path}, checking the status only. */
    void delete(String path) {
        send(request(uri(path)).DELETE().build());
    }

    /**
     * A {@code POST} of {@code body} as JSON, its answer read as {@code type}; {@code extraTime} as for
     * {@link #request(URI, Duration)}.
     */
    <T> T postJson(URI uri, JsonNode body, String idempotencyKey, Duration extraTime, Class<T> type) {
        byte[] bytes;
        try {
            bytes = json.writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
        return json(idempotent(request(uri, extraTime).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(bytes)), idempotencyKey).build(), type);
    }

    /** A plain {@code POST} of {@code body} as JSON to {@code path}, its answer read as {@code type}. */
    <T> T postJson(String path, JsonNode body, Class<T> type) {
        return postJson(uri(path), body, null, Duration.ZERO, type);
    }

    /** A {@code POST} without a body, answered by a job. */
    ImportJob post(URI uri, String idempotencyKey, Duration extraTime) {
        return json(idempotent(request(uri, extraTime).POST(HttpRequest.BodyPublishers.noBody()), idempotencyKey)
                .build(), ImportJob.class);
    }

    /** Adds {@code Idempotency-Key} unless the key is null. */
    static HttpRequest.Builder idempotent(HttpRequest.Builder b, String idempotencyKey) {
        return idempotencyKey == null ? b : b.header("Idempotency-Key", idempotencyKey);
    }

    /** Sends and reads a JSON answer as {@code type}. */
    <T> T json(HttpRequest request, JavaType type) {
        HttpResponse<byte[]> r = send(request, HttpResponse.BodyHandlers.ofByteArray());
        requireSuccess(request, r.statusCode(), r.body());
        return read(request, r.statusCode(), r.body(), type);
    }

    <T> T json(HttpRequest request, Class<T> type) {
        return json(request, json.getTypeFactory().constructType(type));
    }

    /** Sends and answers the status and body whatever the status (for {@code /health}). */
    HttpResponse<byte[]> raw(HttpRequest request) {
        return send(request, HttpResponse.BodyHandlers.ofByteArray());
    }

    /** Sends and answers the body as text. */
    String text(HttpRequest request) {
        HttpResponse<byte[]> r = send(request, HttpResponse.BodyHandlers.ofByteArray());
        requireSuccess(request, r.statusCode(), r.body());
        return new String(r.body(), StandardCharsets.UTF_8);
    }

    /** Sends and checks the status only (a 204, or an answer whose body does not matter). */
    void send(HttpRequest request) {
        HttpResponse<byte[]> r = send(request, HttpResponse.BodyHandlers.ofByteArray());
        requireSuccess(request, r.statusCode(), r.body());
    }

    /** Sends and copies the body to {@code out} as it arrives; answers the bytes copied. */
    long stream(HttpRequest request, OutputStream out) {
        HttpResponse<InputStream> r = send(request, HttpResponse.BodyHandlers.ofInputStream());
        try (InputStream in = r.body()) {
            if (r.statusCode() / 100 != 2) {
                requireSuccess(request, r.statusCode(), in.readAllBytes());
            }
            return in.transferTo(out);
        } catch (IOException e) {
            throw new SluiceClientException(describe(request) + ": reading the answer broke off: " + e.getMessage(), e);
        }
    }

    /**
     * Sends and reads the answer as server-sent events, handing each to {@code listener}, until the
     * stream closes or sends {@code end}; answers the last event's id.
     */
    String events(HttpRequest request, Consumer<ServerEvent> listener) {
        HttpResponse<InputStream> r = send(request, HttpResponse.BodyHandlers.ofInputStream());
        try (InputStream in = r.body()) {
            if (r.statusCode() / 100 != 2) {
                requireSuccess(request, r.statusCode(), in.readAllBytes());
            }
            return new EventLines(json).read(new BufferedReader(new InputStreamReader(in,
                    StandardCharsets.UTF_8)), listener);
        } catch (IOException e) {
            throw new SluiceClientException(describe(request) + ": the event stream broke off: " + e.getMessage(), e);
        }
    }

    <T> T read(HttpRequest request, int status, byte[] body, JavaType type) {
        try {
            return json.readValue(body, type);
        } catch (IOException e) {
            throw new SluiceClientException(describe(request) + " answered " + status + " with a body that is not a "
                    + type.getRawClass().getSimpleName() + ": " + snippet(body), e);
        }
    }

    private <T> HttpResponse<T> send(HttpRequest request, HttpResponse.BodyHandler<T> handler) {
        try {
            return http.send(request, handler);
        } catch (IOException e) {
            throw new SluiceClientException(describe(request) + " failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SluiceClientException(describe(request) + " was interrupted", e);
        }
    }

    /** Throws the API's error when the status is not 2xx. */
    void requireSuccess(HttpRequest request, int status, byte[] body) {
        if (status / 100 == 2) {
            return;
        }
        try {
            JsonNode error = json.readTree(body).get("error");
            if (error != null && error.isObject() && error.path("code").isTextual()) {
                Map<String, Object> details = new LinkedHashMap<>();
                JsonNode d = error.get("details");
                if (d != null && d.isObject()) {
                    details = json.convertValue(d, json.getTypeFactory().constructMapType(LinkedHashMap.class,
                            String.class, Object.class));
                }
                throw new SluiceApiException(status, error.get("code").asText(), error.path("message").asText(""),
                        details);
            }
        } catch (IOException | RuntimeException e) {
            if (e instanceof SluiceApiException api) {
                throw api;
            }
        }
        throw new SluiceApiException(status, "unexpected_response", describe(request) + " answered " + status + ": "
                + snippet(body), Map.of());
    }

    private static String describe(HttpRequest request) {
        return request.method() + " " + request.uri();
    }

    private static String snippet(byte[] body) {
        String text = body == null ? "" : new String(body, 0, Math.min(body.length, SNIPPET), StandardCharsets.UTF_8);
        return text.isBlank() ? "(empty body)" : text;
    }
}
