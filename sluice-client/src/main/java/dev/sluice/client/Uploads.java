package dev.sluice.client;

import com.fasterxml.jackson.core.JsonProcessingException;

import java.io.FileNotFoundException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.http.HttpRequest;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The requests that carry data: a body streamed from a file or an input stream, never read into
 * memory, sent without a request timeout (a large upload takes as long as it takes). Immutable and
 * thread-safe.
 *
 * <p>No {@code Expect: 100-continue}: the server sends {@code 100 Continue} as soon as a handler takes
 * the request's input stream, before it has checked the collection, so it would not spare the body;
 * and the JDK client then loses a final answer that follows the 100 at once.
 */
final class Uploads {
    private static final String OCTET_STREAM = "application/octet-stream";

    private final Transport transport;

    Uploads(Transport transport) {
        this.transport = transport;
    }

    static HttpRequest.BodyPublisher fromFile(Path file) {
        try {
            return HttpRequest.BodyPublishers.ofFile(file);
        } catch (FileNotFoundException e) {
            throw new SluiceClientException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    static HttpRequest.BodyPublisher fromStream(InputStream body) {
        if (body == null) {
            throw new IllegalArgumentException("body cannot be null");
        }
        return HttpRequest.BodyPublishers.ofInputStream(() -> body);
    }

    /** {@code POST /v1/collections/{name}/import}: the options in the query, the data as the body. */
    ImportJob oneShot(String collection, HttpRequest.BodyPublisher body, ImportRequest options) {
        String target = ApiPaths.collection(collection);
        return diagnosed(target, () -> send(target + "/import", RequestEncoding.queryParameters(options), body,
                contentType(options.format(), options.fileName()), options.idempotencyKey()));
    }

    /** {@code POST /v1/imports/{id}/files?name=}. */
    ImportJob addFile(String id, HttpRequest.BodyPublisher body, String name) {
        Map<String, String> q = name == null ? Map.of() : Map.of("name", name);
        String target = ApiPaths.job(id);
        return diagnosed(target, () -> send(target + "/files", q, body, contentType(null, name), null));
    }

    /** {@code POST /v1/imports/{id}/retry} with a fixed file as the body; every option in the query. */
    ImportJob retry(String id, HttpRequest.BodyPublisher body, ImportRequest options) {
        String target = ApiPaths.job(id);
        return diagnosed(target, () -> send(target + "/retry", RequestEncoding.queryParameters(options), body,
                contentType(options.format(), options.fileName()), options.idempotencyKey()));
    }

    /**
     * Runs an upload; when the exchange breaks off, asks for the collection or job it was sent to. The
     * server refuses an upload to a missing one before reading the body and closes the connection, so
     * the client may see the connection reset instead of the answer: the error that reading it answers
     * is then the one thrown, with the broken exchange attached as suppressed.
     */
    private ImportJob diagnosed(String target, java.util.function.Supplier<ImportJob> upload) {
        try {
            return upload.get();
        } catch (SluiceApiException e) {
            throw e;
        } catch (SluiceClientException broken) {
            try {
                transport.send(transport.request(transport.uri(target)).GET().build());
            } catch (SluiceApiException refusal) {
                refusal.addSuppressed(broken);
                throw refusal;
            } catch (SluiceClientException unreachable) {
                broken.addSuppressed(unreachable);
            }
            throw broken;
        }
    }

    /** {@code POST /v1/imports} as multipart: the JSON {@code request} part, then one {@code file} part per file. */
    ImportJob multipart(NewImport request, List<Path> files) {
        MultipartBody body = new MultipartBody();
        try {
            body.part("request", "application/json", transport.json().writeValueAsBytes(request.toJson(transport.json())));
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
        for (Path file : files) {
            body.file("file", file, contentType(null, file.getFileName().toString()));
        }
        HttpRequest.Builder b = transport.request(transport.uri("/v1/imports"), null)
                .header("Content-Type", body.contentType()).POST(body.publisher());
        return transport.json(Transport.idempotent(b, request.options().idempotencyKey()).build(), ImportJob.class);
    }

    private ImportJob send(String path, Map<String, String> query, HttpRequest.BodyPublisher body, String contentType,
                           String idempotencyKey) {
        HttpRequest.Builder b = transport.request(transport.uri(path, query), null)
                .header("Content-Type", contentType).POST(body);
        return transport.json(Transport.idempotent(b, idempotencyKey).build(), ImportJob.class);
    }

    /** {@code options} (the defaults when null) with {@code fileName} unless they name a file already or it is null. */
    static ImportRequest named(ImportRequest options, String fileName) {
        ImportRequest o = options == null ? ImportRequest.defaults() : options;
        return fileName == null || o.fileName() != null ? o : o.toBuilder().fileName(fileName).build();
    }

    /** The named format's media type, else the one the file name suggests, else octet-stream (the server then goes by the name). */
    static String contentType(ImportRequest.Format format, String fileName) {
        ImportRequest.Format f = format != null ? format : ImportRequest.Format.fromFileName(fileName);
        return f == null ? OCTET_STREAM : f.mediaType();
    }
}
