package dev.sluice.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.OutputStream;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * The calls of {@code /v1/imports} behind {@link SluiceClient} that carry no data: creating a job from
 * a JSON request, starting, retrying, reading and cancelling jobs (uploads are {@link Uploads}'s).
 * Immutable and thread-safe.
 */
final class ImportCalls {
    /** How long the server holds a {@code wait} request when no timeout is given. */
    private static final Duration SERVER_WAIT = Duration.ofMinutes(10);

    private final Transport transport;

    ImportCalls(Transport transport) {
        this.transport = transport;
    }

    ImportJob create(NewImport request) {
        ImportRequest o = request.options();
        return transport.postJson(transport.uri("/v1/imports"), request.toJson(transport.json()), o.idempotencyKey(),
                waitTime(o), ImportJob.class);
    }

    ImportJob addUrl(String id, String url, String name) {
        ObjectNode body = transport.json().createObjectNode().put("url", Objects.requireNonNull(url, "url"));
        Map<String, String> q = name == null ? Map.of() : Map.of("name", name);
        return transport.postJson(transport.uri(ApiPaths.job(id) + "/files", q), body, null, Duration.ZERO,
                ImportJob.class);
    }

    ImportJob start(String id, Duration wait) {
        Map<String, String> q = new LinkedHashMap<>();
        if (wait != null) {
            q.put("wait", "true");
            q.put("timeout", String.valueOf(Math.max(1, wait.toSeconds())));
        }
        return transport.post(transport.uri(ApiPaths.job(id) + "/start", q), null,
                wait == null ? Duration.ZERO : wait);
    }

    ImportJob retry(String id, String idempotencyKey) {
        return transport.post(transport.uri(ApiPaths.job(id) + "/retry"), idempotencyKey, Duration.ZERO);
    }

    ImportJob retry(String id, ImportRequest options) {
        return transport.post(transport.uri(ApiPaths.job(id) + "/retry", RequestEncoding.retryParameters(options)),
                options.idempotencyKey(), waitTime(options));
    }

    ImportJob cancel(String id) {
        return transport.post(transport.uri(ApiPaths.job(id) + "/cancel"), null, Duration.ZERO);
    }

    Page<ImportJob> list(ImportFilter filter) {
        return transport.page("/v1/imports", (filter == null ? ImportFilter.all() : filter).queryParameters(),
                ImportJob.class);
    }

    ImportJob get(String id) {
        return transport.get(ApiPaths.job(id), Map.of(), ImportJob.class);
    }

    void delete(String id) {
        transport.delete(ApiPaths.job(id));
    }

    String events(String id, String lastEventId, Consumer<ServerEvent> listener) {
        HttpRequest.Builder b = transport.request(transport.uri(ApiPaths.job(id) + "/events"), null)
                .setHeader("Accept", "text/event-stream").GET();
        if (lastEventId != null) {
            b.header("Last-Event-ID", lastEventId);
        }
        return transport.events(b.build(), listener);
    }

    Page<RowResult> results(String id, ResultFilter filter) {
        return transport.page(ApiPaths.job(id) + "/results",
                (filter == null ? ResultFilter.all() : filter).queryParameters(), RowResult.class);
    }

    long export(String id, ResultFormat format, ResultFilter filter, OutputStream out) {
        Map<String, String> q = new LinkedHashMap<>((filter == null ? ResultFilter.all() : filter).queryParameters());
        q.put("format", format.wireName());
        return transport.stream(transport.request(transport.uri(ApiPaths.job(id) + "/results", q), null).GET().build(),
                out);
    }

    long export(String id, ResultFormat format, ResultFilter filter, Path target) {
        try (OutputStream out = Files.newOutputStream(target)) {
            return export(id, format, filter, out);
        } catch (IOException e) {
            throw new SluiceClientException("cannot write " + target + ": " + e.getMessage(), e);
        }
    }

    String log(String id) {
        return transport.text(transport.request(transport.uri(ApiPaths.job(id) + "/log")).GET().build());
    }

    List<LogLine> logLines(String id) {
        JsonNode body = transport.get(ApiPaths.job(id) + "/log", Map.of("format", "json"), JsonNode.class);
        return transport.json().convertValue(body.path("log"),
                transport.json().getTypeFactory().constructCollectionType(List.class, LogLine.class));
    }

    /** How much longer than usual a request may take: the wait it asks the server for, if any. */
    static Duration waitTime(ImportRequest o) {
        return !o.waitForCompletion() ? Duration.ZERO : o.waitTimeout() == null ? SERVER_WAIT : o.waitTimeout();
    }
}
