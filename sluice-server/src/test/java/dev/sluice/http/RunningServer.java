package dev.sluice.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sluice.Config;
import dev.sluice.Service;
import dev.sluice.client.ImportJob;
import dev.sluice.client.Json;
import dev.sluice.store.PostgresTestServer;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A real Sluice service on a free port over a SQLite data directory (or PostgreSQL when the system
 * property {@code sluice.test.database} says so, see {@link PostgresTestServer#selectedByProperty}),
 * and a plain {@link HttpClient} to talk to it: the API tests see exactly what a client sees. A test
 * class registers one with {@code @RegisterExtension static final RunningServer server =
 * RunningServer.sqliteOrPostgres(ServerOptions.chunkRows(100))}: it starts before the class's
 * {@code @BeforeAll} methods over a data directory of its own and stops (and deletes that directory)
 * after the class; tests share it, so each test works in collections of its own. Thread-safe.
 */
final class RunningServer implements BeforeAllCallback, AfterAllCallback, AutoCloseable {
    static final ObjectMapper JSON = Json.mapper();
    static final Duration RETENTION = Duration.ofDays(7);

    private final ServerOptions options;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private volatile Path dataDir;
    private volatile Service service;
    private volatile String base;
    private volatile dev.sluice.DatabaseUrl database;

    private RunningServer(ServerOptions options) {
        this.options = options;
    }

    /** A server for one test class, started and stopped around it; nothing runs before the class starts. */
    static RunningServer sqliteOrPostgres(ServerOptions options) {
        return new RunningServer(options);
    }

    private void startOn(Path dir) {
        dataDir = dir;
        if (database == null) {
            database = PostgresTestServer.selectedByProperty();
        }
        service = Service.start(options.more().apply(Config.builder().port(0).dataDir(dir).retention(options.retention())
                .chunkRows(options.chunkRows()).commitInterval(options.commitInterval()).nodeId("test-node")
                .allowUrlHosts(options.allowUrlHosts()).database(database)).build(),
                options.clock());
        base = "http://127.0.0.1:" + service.port();
    }

    @Override
    public void beforeAll(ExtensionContext context) throws IOException {
        startOn(Files.createTempDirectory("sluice-api-"));
    }

    @Override
    public void afterAll(ExtensionContext context) throws IOException {
        close();
        try (Stream<Path> paths = Files.walk(dataDir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    /** Stops the service and starts it again over the same data directory and database, on a new port. */
    void restart() {
        service.close();
        startOn(dataDir);
    }

    /** The data directory: the SQLite file (on SQLite) and the staged files. */
    Path dataDir() {
        return dataDir;
    }

    int port() {
        return service.port();
    }

    /** The running service, e.g. for its route table. */
    Service service() {
        return service;
    }

    /** The rows in one of Sluice's own tables, on whichever database the service runs. */
    long rowsOf(String ownTable) {
        return service.database().read(h -> h.createQuery("SELECT count(*) FROM " + ownTable).mapTo(Long.class).one());
    }

    /** True when the service runs on PostgreSQL, whose behaviour differs from SQLite's where a test says so. */
    boolean onPostgres() {
        return service.database().file() == null;
    }

    @Override
    public void close() {
        service.close();
    }

    /** One HTTP answer, read whole. */
    record Answer(int status, HttpHeaders headers, byte[] body) {
        String text() {
            return new String(body, StandardCharsets.UTF_8);
        }

        JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new UncheckedIOException("not JSON (status " + status + "): " + text(), e);
            }
        }

        <T> T as(Class<T> type) {
            try {
                return JSON.readValue(body, type);
            } catch (IOException e) {
                throw new UncheckedIOException("not a " + type.getSimpleName() + " (status " + status + "): "
                        + text(), e);
            }
        }

        String header(String name) {
            return headers.firstValue(name).orElse(null);
        }

        @Override
        public String toString() {
            return status + " " + text();
        }
    }

    /** GETs {@code path}; {@code headers} are name, value pairs. */
    Answer get(String path, String... headers) {
        return send(withHeaders(HttpRequest.newBuilder(uri(path)).GET(), headers));
    }

    /** DELETEs {@code path}; {@code headers} are name, value pairs. */
    Answer delete(String path, String... headers) {
        return send(withHeaders(HttpRequest.newBuilder(uri(path)).DELETE(), headers));
    }

    private static HttpRequest.Builder withHeaders(HttpRequest.Builder b, String... headers) {
        for (int i = 0; i < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        return b;
    }

    /** POSTs {@code body}; {@code headers} are name, value pairs. A null content type sends none. */
    Answer post(String path, String contentType, byte[] body, String... headers) {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri(path)).POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (contentType != null) {
            b.header("Content-Type", contentType);
        }
        return send(withHeaders(b, headers));
    }

    Answer post(String path, String contentType, String body, String... headers) {
        return post(path, contentType, body.getBytes(StandardCharsets.UTF_8), headers);
    }

    Answer put(String path, String contentType, String body) {
        return send(HttpRequest.newBuilder(uri(path)).header("Content-Type", contentType)
                .PUT(HttpRequest.BodyPublishers.ofString(body)));
    }

    Answer postJson(String path, String json) {
        return post(path, "application/json", json);
    }

    Answer send(HttpRequest.Builder request) {
        try {
            HttpResponse<java.io.InputStream> r = http.send(request.timeout(Duration.ofSeconds(60)).build(),
                    HttpResponse.BodyHandlers.ofInputStream());
            try (java.io.InputStream in = r.body()) {
                // an event stream may never end: its first block (the opening heartbeat) is its answer here
                boolean stream = r.headers().firstValue("Content-Type").orElse("").startsWith("text/event-stream");
                return new Answer(r.statusCode(), r.headers(), stream ? firstBlock(in) : in.readAllBytes());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static byte[] firstBlock(java.io.InputStream in) throws IOException {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        int c;
        while ((c = in.read()) >= 0) {
            out.write(c);
            if (out.size() >= 2 && c == '\n' && out.toByteArray()[out.size() - 2] == '\n') {
                break;
            }
        }
        return out.toByteArray();
    }

    private URI uri(String path) {
        return URI.create(base + path);
    }

    static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    /**
     * Defines a collection from a compact description such as {@code "email:string!, name:string, age:integer"}
     * ({@code !} marks a required field) with the given key fields; asserts the 201.
     */
    void createCollection(String name, String fields, String... key) {
        StringBuilder json = new StringBuilder("{\"name\": \"" + name + "\", \"fields\": [");
        String[] parts = fields.split(",");
        for (int i = 0; i < parts.length; i++) {
            String[] nameType = parts[i].trim().split(":");
            boolean required = nameType[1].endsWith("!");
            String type = required ? nameType[1].substring(0, nameType[1].length() - 1) : nameType[1];
            json.append(i == 0 ? "" : ", ").append("{\"name\": \"").append(nameType[0]).append("\", \"type\": \"")
                    .append(type).append("\", \"required\": ").append(required).append('}');
        }
        json.append("], \"key\": [");
        for (int i = 0; i < key.length; i++) {
            json.append(i == 0 ? "" : ", ").append('"').append(key[i]).append('"');
        }
        json.append("]}");
        Answer a = postJson("/v1/collections", json.toString());
        assertThat(a.status()).as("creating %s: %s", name, a).isEqualTo(201);
    }

    /** A synchronous import ({@code wait=true}) of a body; asserts the 200 and answers the final job. */
    ImportJob importAndWait(String collection, String query, String contentType, byte[] body) {
        Answer a = post("/v1/collections/" + collection + "/import?wait=true" + (query.isEmpty() ? "" : "&" + query),
                contentType, body);
        assertThat(a.status()).as("sync import: %s", a).isEqualTo(200);
        return a.as(ImportJob.class);
    }

    ImportJob importCsv(String collection, String query, String csv) {
        return importAndWait(collection, query, "text/csv", csv.getBytes(StandardCharsets.UTF_8));
    }

    /** An asynchronous import; asserts the 202 and answers the job as queued. */
    ImportJob submit(String collection, String query, String contentType, byte[] body) {
        Answer a = post("/v1/collections/" + collection + "/import" + (query.isEmpty() ? "" : "?" + query),
                contentType, body);
        assertThat(a.status()).as("async import: %s", a).isEqualTo(202);
        return a.as(ImportJob.class);
    }

    ImportJob job(String id) {
        Answer a = get("/v1/imports/" + id);
        assertThat(a.status()).as("reading job %s: %s", id, a).isEqualTo(200);
        return a.as(ImportJob.class);
    }

    /**
     * Polls the job until it is terminal. The bound is generous: it only matters when a job never
     * ends, and a 400,000-row upload on a busy 2-core machine has taken more than 30 s.
     */
    ImportJob awaitEnd(String id) {
        return await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(20))
                .until(() -> job(id), ImportJob::isTerminal);
    }

    /** Every record of a collection, walking the pages. */
    List<JsonNode> records(String collection) {
        List<JsonNode> all = new ArrayList<>();
        String cursor = null;
        do {
            Answer a = get("/v1/collections/" + collection + "/records?limit=10000"
                    + (cursor == null ? "" : "&cursor=" + encode(cursor)));
            assertThat(a.status()).as("records of %s: %s", collection, a).isEqualTo(200);
            JsonNode page = a.json();
            page.get("records").forEach(all::add);
            cursor = page.get("next_cursor").isNull() ? null : page.get("next_cursor").asText();
        } while (cursor != null);
        return all;
    }

    /** One record by key, or null when there is none. */
    JsonNode record(String collection, String key) {
        Answer a = get("/v1/collections/" + collection + "/records?key=" + encode(key));
        assertThat(a.status()).as("record %s of %s: %s", key, collection, a).isEqualTo(200);
        JsonNode records = a.json().get("records");
        assertThat(records.size()).isLessThanOrEqualTo(1);
        return records.isEmpty() ? null : records.get(0);
    }

    /** Every per-row result of a job ({@code query} adds filters), walking the JSON pages. */
    List<JsonNode> results(String id, String query) {
        List<JsonNode> all = new ArrayList<>();
        String cursor = null;
        do {
            Answer a = get("/v1/imports/" + id + "/results?limit=10000" + (query.isEmpty() ? "" : "&" + query)
                    + (cursor == null ? "" : "&cursor=" + encode(cursor)));
            assertThat(a.status()).as("results of %s: %s", id, a).isEqualTo(200);
            JsonNode page = a.json();
            page.get("results").forEach(all::add);
            cursor = page.get("next_cursor").isNull() ? null : page.get("next_cursor").asText();
        } while (cursor != null);
        return all;
    }
}
