package dev.sluice.client;

import com.fasterxml.jackson.databind.JsonNode;

import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A typed client of the Sluice HTTP API v1: one method per route, uploads streamed from a file or a
 * stream (never read into memory), and {@link #awaitCompletion} to wait for a job's end.
 *
 * <p>Thread-safe: one instance, built once, serves any number of threads (it holds a
 * {@link HttpClient}, which pools connections).
 *
 * <p>Exceptions, all unchecked: {@link SluiceApiException} when the server refuses a request (its
 * HTTP status, error {@code code}, message and details, parsed from {@code {"error": {...}}});
 * {@link SluiceTimeoutException} when {@link #awaitCompletion} runs out of time;
 * {@link SluiceClientException} when the server cannot be reached, the exchange breaks off, the
 * thread is interrupted (the interrupt flag is kept), or a local file cannot be read or written;
 * {@link IllegalArgumentException} for a null or empty name or id.
 *
 * <p>The server may refuse an upload (unknown collection or job, bad option) before it reads the body
 * and close the connection while the client is still sending; when such an exchange breaks off, the
 * upload methods ask for the collection or job they sent to and throw the {@link SluiceApiException}
 * that answers (the broken exchange attached as suppressed), else the {@link SluiceClientException}.
 *
 * <p>The methods on jobs that exist (reading, following, exporting, cancelling, deleting, waiting)
 * are declared in a package-private base class and documented with this one.
 *
 * <p>Methods marked <em>needs the open-jobs API</em> call the {@code POST /v1/imports} family
 * ({@code /v1/imports}, {@code /files}, {@code /start}, {@code /retry}), which servers of this version
 * have; an older server answers {@code 404 not_found} or {@code 405 method_not_allowed}.
 */
public final class SluiceClient extends JobsClient {
    private final Transport transport;
    private final CollectionCalls collections;
    private final ImportCalls imports;
    private final Uploads uploads;

    private SluiceClient(Transport transport, ImportCalls imports) {
        super(imports);
        this.transport = transport;
        this.collections = new CollectionCalls(transport);
        this.imports = imports;
        this.uploads = new Uploads(transport);
    }

    /** A client of the service at {@code baseUrl} (e.g. {@code http://localhost:8080}) with default settings. */
    public static SluiceClient create(String baseUrl) {
        return builder(URI.create(baseUrl)).build();
    }

    public static Builder builder(URI baseUrl) {
        return new Builder(baseUrl);
    }

    // ---- service -------------------------------------------------------------------------------

    /** {@code GET /health}: answers {@code starting} (503) as a value, not an exception. */
    public Health health() {
        HttpRequest request = transport.request(transport.uri("/health")).GET().build();
        HttpResponse<byte[]> r = transport.raw(request);
        if (r.statusCode() == 200 || r.statusCode() == 503) {
            return transport.read(request, r.statusCode(), r.body(), transport.json().constructType(Health.class));
        }
        transport.requireSuccess(request, r.statusCode(), r.body());
        throw new SluiceClientException("GET /health answered " + r.statusCode() + ", not 200 or 503");
    }

    // ---- collections -----------------------------------------------------------------------------

    /**
     * {@code POST /v1/collections}: defines a collection from its name, fields, key and
     * {@code keyCaseInsensitive} (the server fills the rest).
     *
     * @throws SluiceApiException {@code 400 invalid_collection}, {@code 409 collection_exists}
     */
    public Collection createCollection(Collection definition) {
        return collections.create(definition);
    }

    /** {@code GET /v1/collections}: every collection, each with its {@code recordCount}. */
    public List<Collection> listCollections() {
        return collections.list();
    }

    /** @throws SluiceApiException {@code 404 collection_not_found} */
    public Collection getCollection(String name) {
        return collections.get(name);
    }

    /** Drops the collection and its table. @throws SluiceApiException {@code 404 collection_not_found}, {@code 409 collection_busy} */
    public void dropCollection(String name) {
        collections.drop(name);
    }

    /**
     * {@code GET /v1/collections/{name}/records}: a page of records in insertion order, each its fields
     * plus {@code _id}, {@code _import_id}, {@code _created_at}, {@code _updated_at}.
     *
     * @param limit  1 to 10,000, or null for the server's 100
     * @param cursor the previous page's {@code nextCursor}, or null for the first page
     */
    public Page<JsonNode> records(String collection, Integer limit, String cursor) {
        return collections.records(collection, limit, cursor);
    }

    /** The record with this key (one value per key field, as text), if there is one. */
    public Optional<JsonNode> recordByKey(String collection, String... key) {
        return collections.recordByKey(collection, key);
    }

    // ---- one-shot imports ------------------------------------------------------------------------

    /**
     * {@code POST /v1/collections/{name}/import} with the file as the body, streamed from disk. The
     * file name (unless {@code options} names one) and the format come from {@code file}'s name;
     * gzip files are recognised by the server. With {@code options.waitForCompletion()} the answer is the final job
     * with its first 1,000 {@code results}, or the running job if the wait timeout passed.
     *
     * @throws SluiceApiException e.g. {@code 404 collection_not_found}, {@code 400 invalid_option},
     *                            {@code 415 unsupported_media_type}, {@code 409 idempotency_key_mismatch}
     */
    public ImportJob importFile(String collection, Path file, ImportRequest options) {
        return uploads.oneShot(collection, Uploads.fromFile(file),
                Uploads.named(options, file.getFileName().toString()));
    }

    /**
     * As {@link #importFile}, with the body read from {@code body} as it is sent (chunked); the caller
     * keeps ownership of the stream and closes it.
     *
     * @param fileName the name the job reports and guesses the format from; may be null when
     *                 {@code options} names the format
     */
    public ImportJob importStream(String collection, InputStream body, String fileName, ImportRequest options) {
        return uploads.oneShot(collection, Uploads.fromStream(body), Uploads.named(options, fileName));
    }

    // ---- open jobs, URL sources, inline records, retry (need the open-jobs API) --------------------

    /**
     * {@code POST /v1/imports} with a JSON request: URL sources, inline records, or an {@code open} job
     * to add files to. <em>Needs the open-jobs API.</em>
     */
    public ImportJob createImport(NewImport request) {
        return imports.create(request);
    }

    /**
     * {@code POST /v1/imports} as multipart: the JSON {@code request} part and one {@code file} part per
     * file, each streamed from disk under its own file name. <em>Needs the open-jobs API.</em>
     */
    public ImportJob createImport(NewImport request, List<Path> files) {
        return uploads.multipart(request, files);
    }

    /**
     * {@code POST /v1/imports/{id}/files?name=}: adds a file, streamed, to an {@code open} job.
     * <em>Needs the open-jobs API.</em>
     *
     * @param name the file name the job reports, or null for {@code file}'s own
     */
    public ImportJob addFile(String id, Path file, String name) {
        return uploads.addFile(id, Uploads.fromFile(file), name == null ? file.getFileName().toString() : name);
    }

    /** As {@link #addFile}, read from {@code body}; the caller closes it. <em>Needs the open-jobs API.</em> */
    public ImportJob addStream(String id, InputStream body, String name) {
        return uploads.addFile(id, Uploads.fromStream(body), name);
    }

    /** {@code POST /v1/imports/{id}/files} with {@code {url}}: adds a URL source to an {@code open} job. <em>Needs the open-jobs API.</em> */
    public ImportJob addUrl(String id, String url, String name) {
        return imports.addUrl(id, url, name);
    }

    /** {@code POST /v1/imports/{id}/start}: closes an {@code open} job and queues it. <em>Needs the open-jobs API.</em> */
    public ImportJob start(String id) {
        return start(id, null);
    }

    /**
     * As {@link #start(String)}; with a {@code wait} the answer is the final job with its first results,
     * or the job as it is when the wait (1 s to 1 h) runs out first. <em>Needs the open-jobs API.</em>
     *
     * @throws SluiceApiException {@code 409 import_not_open}, {@code 400 invalid_request} when it has no files
     */
    public ImportJob start(String id, Duration wait) {
        return imports.start(id, wait);
    }

    /**
     * {@code POST /v1/imports/{id}/retry} with no body: a child job ({@code parentId} set) over the
     * failed rows (or the whole job after a retryable failure). <em>Needs the open-jobs API.</em>
     *
     * @param idempotencyKey sent as {@code Idempotency-Key}, or null
     * @throws SluiceApiException {@code 409 import_running} before the job has ended, {@code 409 nothing_to_retry}
     */
    public ImportJob retry(String id, String idempotencyKey) {
        return imports.retry(id, idempotencyKey);
    }

    /**
     * As {@link #retry(String, String)}, with the child's job options ({@code onConflict},
     * {@code errorMode}, {@code maxErrors}, {@code results}, {@code jobType}; unset ones are the
     * parent's), the wait and the idempotency key of {@code options}; its format, dialect and file name
     * apply only to {@link #retryWithFile}. <em>Needs the open-jobs API.</em>
     */
    public ImportJob retryWithOptions(String id, ImportRequest options) {
        return imports.retry(id, options == null ? ImportRequest.defaults() : options);
    }

    /**
     * {@code POST /v1/imports/{id}/retry} with a fixed file (typically the failed-rows CSV after
     * fixing it; its {@code _line} column keeps the original line numbers), streamed, with every option
     * of {@code options}. <em>Needs the open-jobs API.</em>
     */
    public ImportJob retryWithFile(String id, Path fixedFile, ImportRequest options) {
        return uploads.retry(id, Uploads.fromFile(fixedFile),
                Uploads.named(options, fixedFile.getFileName().toString()));
    }

    /** The server's API keys: create, list and revoke them. */
    public ApiKeys keys() {
        return new ApiKeys(transport);
    }

    /** The server's webhooks: create, list, show, delete them and read their deliveries. */
    public Webhooks webhooks() {
        return new Webhooks(transport);
    }

    /**
     * Settings of a {@link SluiceClient}; not thread-safe. Defaults: HTTP/1.1, 10 s to connect, 60 s
     * per request (uploads have no request timeout; waiting requests get their wait added).
     */
    public static final class Builder {
        private final URI baseUrl;
        private HttpClient httpClient;
        private Duration connectTimeout = Duration.ofSeconds(10);
        private Duration requestTimeout = Duration.ofSeconds(60);
        private final Map<String, String> headers = new LinkedHashMap<>();

        private Builder(URI baseUrl) {
            this.baseUrl = Objects.requireNonNull(baseUrl, "baseUrl");
            if (baseUrl.getScheme() == null || baseUrl.getHost() == null) {
                throw new IllegalArgumentException("baseUrl must be absolute, like http://localhost:8080; got " + baseUrl);
            }
        }

        /** Uses this client (its connect timeout, proxy, TLS settings) instead of a new one. */
        public Builder httpClient(HttpClient httpClient) {
            this.httpClient = httpClient;
            return this;
        }

        public Builder connectTimeout(Duration connectTimeout) {
            this.connectTimeout = connectTimeout;
            return this;
        }

        public Builder requestTimeout(Duration requestTimeout) {
            this.requestTimeout = requestTimeout;
            return this;
        }

        /**
         * The API key (or admin key) sent with every request as {@code Authorization: Bearer KEY}
         * (docs/http-api.md#authentication); null or blank sends none.
         */
        public Builder apiKey(String apiKey) {
            if (apiKey == null || apiKey.isBlank()) {
                headers.remove("Authorization");
            } else {
                headers.put("Authorization", "Bearer " + apiKey.trim());
            }
            return this;
        }

        /** A header sent with every request, e.g. an {@code Authorization} a proxy in front of Sluice asks for. */
        public Builder header(String name, String value) {
            headers.put(name, value);
            return this;
        }

        public SluiceClient build() {
            HttpClient http = httpClient != null ? httpClient : HttpClient.newBuilder()
                    .version(HttpClient.Version.HTTP_1_1).connectTimeout(connectTimeout).build();
            Transport transport = new Transport(http, baseUrl, requestTimeout, headers, Json.mapper());
            return new SluiceClient(transport, new ImportCalls(transport));
        }
    }
}
