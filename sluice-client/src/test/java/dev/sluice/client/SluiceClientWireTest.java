package dev.sluice.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * What {@link SluiceClient} puts on the wire, seen by a recording HTTP server: the idempotency header,
 * the JSON and multipart requests of the open-jobs API, and how answers that are not the API's own
 * are reported. The behaviour against the real server is tested in sluice-server.
 */
class SluiceClientWireTest {
    private static final ObjectMapper JSON = Json.mapper();
    private static final String JOB = "{\"id\":\"j1\",\"collection\":\"people\",\"state\":\"queued\",\"job_type\":\"import\","
            + "\"counts\":{\"processed\":0,\"succeeded\":0,\"created\":0,\"updated\":0,\"unchanged\":0,\"skipped\":0,\"failed\":0},"
            + "\"attempt\":1,\"retryable\":false}";

    record Seen(String method, URI uri, Map<String, List<String>> headers, byte[] body) {
        String header(String name) {
            List<String> v = headers.get(name);
            return v == null ? null : v.get(0);
        }

        String text() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    private HttpServer server;
    private final List<Seen> seen = new CopyOnWriteArrayList<>();
    private volatile int status = 202;
    private volatile String answer = JOB;
    private volatile String answerType = "application/json";
    private volatile boolean dropUploads;
    private SluiceClient client;

    @TempDir
    Path dir;

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            if (dropUploads && exchange.getRequestMethod().equals("POST")) {
                exchange.close();
                return;
            }
            byte[] body = exchange.getRequestBody().readAllBytes();
            seen.add(new Seen(exchange.getRequestMethod(), exchange.getRequestURI(),
                    Map.copyOf(exchange.getRequestHeaders()), body));
            byte[] out = answer.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", answerType);
            exchange.sendResponseHeaders(status, out.length == 0 ? -1 : out.length);
            try (OutputStream os = exchange.getResponseBody()) {
                os.write(out);
            }
        });
        server.start();
        client = SluiceClient.builder(URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/"))
                .header("X-Trace", "t1").build();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private Seen last() {
        return seen.get(seen.size() - 1);
    }

    @Test
    void a_one_shot_import_sends_every_option_in_the_query_and_the_idempotency_key_as_a_header() throws IOException {
        Path file = Files.writeString(dir.resolve("people.csv"), "email\na@x.org\n");

        client.importFile("people", file, ImportRequest.builder().onConflict(ImportRequest.OnConflict.UPDATE)
                .errorMode(ImportRequest.ErrorMode.ABORT).maxErrors(5L).results(ImportRequest.Results.ALL)
                .jobType(ImportRequest.JobType.VALIDATE).atomic(true).delimiter('\t').quote('\'').header(false)
                .columns(List.of("email", "full name")).nullValues(List.of("NA", "-")).encoding(StandardCharsets.ISO_8859_1)
                .strict(true).waitForCompletion(true).waitTimeout(Duration.ofSeconds(30)).idempotencyKey("key-1").build());

        Seen s = last();
        assertThat(s.method()).isEqualTo("POST");
        assertThat(s.uri().getPath()).isEqualTo("/v1/collections/people/import");
        assertThat(s.uri().getQuery()).isEqualTo("on_conflict=update&error_mode=abort&max_errors=5&results=all"
                + "&job_type=validate&atomic=true&delimiter=\t&quote='&header=false&columns=email,full name&null_values=NA,-"
                + "&encoding=ISO-8859-1&strict=true&file_name=people.csv&wait=true&timeout=30");
        assertThat(s.header("Idempotency-key")).isEqualTo("key-1");
        assertThat(s.header("Content-type")).isEqualTo("text/csv");
        assertThat(s.header("X-trace")).isEqualTo("t1");
        assertThat(s.header("Content-length")).isEqualTo(String.valueOf(Files.size(file)));
        assertThat(s.text()).isEqualTo("email\na@x.org\n");
    }

    @Test
    void the_value_options_and_the_sheet_go_in_the_query_each_under_its_own_name() {
        Map<String, String> mapping = new LinkedHashMap<>();
        mapping.put("E-mail", "email");
        mapping.put("Notes", null);
        client.importStream("people", new ByteArrayInputStream(new byte[0]), "people.xlsx", ImportRequest.builder()
                .sheet("Kunden").mapping(mapping).formats(Map.of("joined", "dd.MM.yyyy")).decimalSeparator(",")
                .thousandsSeparator(".").trueValues(List.of("ja", "j")).falseValues(List.of("nein")).trim(true).build());

        assertThat(last().uri().getQuery()).isEqualTo("sheet=Kunden&mapping={\"E-mail\":\"email\",\"Notes\":null}"
                + "&formats={\"joined\":\"dd.MM.yyyy\"}&decimal_separator=,&thousands_separator=.&true_values=ja,j"
                + "&false_values=nein&trim=true&file_name=people.xlsx");
    }

    @Test
    void each_value_option_setter_changes_its_own_option_and_keeps_the_others() {
        ImportRequest all = ImportRequest.builder().mapping(Map.of("E-mail", "email"))
                .formats(Map.of("joined", "dd.MM.yyyy")).decimalSeparator(",").thousandsSeparator(".")
                .trueValues(List.of("ja")).falseValues(List.of("nein")).trim(true).build();
        ValueOptions v = all.values();

        assertThat(v).isEqualTo(new ValueOptions(Map.of("E-mail", "email"), Map.of("joined", "dd.MM.yyyy"), ",", ".",
                List.of("ja"), List.of("nein"), true));
        assertThat(all.toBuilder().build()).isEqualTo(all);
        assertThat(all.toBuilder().mapping(Map.of("Name", "name")).build().values()).isEqualTo(new ValueOptions(
                Map.of("Name", "name"), v.formats(), ",", ".", v.trueValues(), v.falseValues(), true));
        assertThat(all.toBuilder().formats(Map.of("born", "yyyy")).build().values()).isEqualTo(new ValueOptions(
                v.mapping(), Map.of("born", "yyyy"), ",", ".", v.trueValues(), v.falseValues(), true));
        assertThat(all.toBuilder().decimalSeparator(".").build().values()).isEqualTo(new ValueOptions(
                v.mapping(), v.formats(), ".", ".", v.trueValues(), v.falseValues(), true));
        assertThat(all.toBuilder().thousandsSeparator("none").build().values()).isEqualTo(new ValueOptions(
                v.mapping(), v.formats(), ",", "none", v.trueValues(), v.falseValues(), true));
        assertThat(all.toBuilder().trueValues(List.of("oui")).build().values()).isEqualTo(new ValueOptions(
                v.mapping(), v.formats(), ",", ".", List.of("oui"), v.falseValues(), true));
        assertThat(all.toBuilder().falseValues(List.of("non")).build().values()).isEqualTo(new ValueOptions(
                v.mapping(), v.formats(), ",", ".", v.trueValues(), List.of("non"), true));
        assertThat(all.toBuilder().trim(false).build().values()).isEqualTo(new ValueOptions(
                v.mapping(), v.formats(), ",", ".", v.trueValues(), v.falseValues(), false));
    }

    @Test
    void notify_url_goes_in_the_query_the_json_request_and_a_retry_and_reads_back_from_the_options() {
        ImportRequest notify = ImportRequest.builder().notifyUrl("https://hooks.example.org/done?team=a&b").build();
        answer = JOB.replace("\"attempt\"", "\"options\":{\"on_conflict\":\"skip\",\"error_mode\":\"continue\","
                + "\"max_errors\":null,\"results\":\"errors\",\"atomic\":false,"
                + "\"notify_url\":\"https://hooks.example.org/done?team=a&b\"},\"attempt\"");

        ImportJob job = client.importStream("people", new ByteArrayInputStream(new byte[0]), "p.csv", notify);
        Seen oneShot = last();
        client.createImport(NewImport.builder("people").options(notify).open(true).build());
        Seen json = last();
        client.retryWithOptions("j1", notify);
        Seen retry = last();

        assertThat(oneShot.uri().getRawQuery())
                .isEqualTo("notify_url=https%3A%2F%2Fhooks.example.org%2Fdone%3Fteam%3Da%26b&file_name=p.csv");
        assertThat(json.text()).isEqualTo("{\"collection\":\"people\","
                + "\"notify_url\":\"https://hooks.example.org/done?team=a&b\",\"open\":true}");
        assertThat(retry.uri().getQuery()).isEqualTo("notify_url=https://hooks.example.org/done?team=a&b");
        assertThat(job.options().notifyUrl()).isEqualTo("https://hooks.example.org/done?team=a&b");
        assertThatThrownBy(() -> ImportRequest.builder().notifyUrl(" ")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("notifyUrl");
    }

    @Test
    void a_stream_upload_is_sent_chunked_with_the_format_s_content_type() {
        client.importStream("people", new ByteArrayInputStream("{\"email\":\"a\"}\n".getBytes(StandardCharsets.UTF_8)),
                "people.ndjson.gz", ImportRequest.defaults());

        Seen s = last();
        assertThat(s.header("Content-type")).isEqualTo("application/x-ndjson");
        assertThat(s.header("Transfer-encoding")).isEqualTo("chunked");
        assertThat(s.uri().getQuery()).isEqualTo("file_name=people.ndjson.gz");
        assertThat(s.header("Idempotency-key")).isNull();
    }

    @Test
    void s3_sources_name_an_object_or_a_prefix_of_the_servers_store() {
        client.createImport(NewImport.builder("people").s3("landing", "exports/p.csv").s3("landing", "/daily/").build());

        assertThat(last().text()).isEqualTo("{\"collection\":\"people\",\"sources\":[{\"url\":\"s3://landing/exports/p.csv\"},"
                + "{\"url\":\"s3://landing/daily/\"}]}");
        assertThatThrownBy(() -> NewImport.builder("people").s3("a/b", "k")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void create_import_sends_the_json_request_with_the_options_flattened() {
        JsonNode record = JSON.createObjectNode().put("email", "a@x.org");
        client.createImport(NewImport.builder("people")
                .options(ImportRequest.builder().onConflict(ImportRequest.OnConflict.SKIP).maxErrors(0L)
                        .nullValues(List.of("NA")).waitForCompletion(true).waitTimeout(Duration.ofSeconds(9))
                        .idempotencyKey("k2").build())
                .source("https://example.org/p.csv", "p.csv").source("https://example.org/q.csv", null)
                .record(record).metadata(JSON.createObjectNode().put("team", "data"))
                .provenance(new Provenance("crm", null, null, null, Instant.parse("2026-01-02T03:04:05Z"), null, 10))
                .open(true).build());

        Seen s = last();
        assertThat(s.uri().getPath()).isEqualTo("/v1/imports");
        assertThat(s.header("Content-type")).isEqualTo("application/json");
        assertThat(s.header("Idempotency-key")).isEqualTo("k2");
        assertThat(s.text()).isEqualTo("{\"collection\":\"people\",\"on_conflict\":\"skip\",\"max_errors\":0,"
                + "\"null_values\":[\"NA\"],\"wait\":true,\"timeout\":9,\"sources\":[{\"url\":\"https://example.org/p.csv\",\"name\":\"p.csv\"},"
                + "{\"url\":\"https://example.org/q.csv\"}],\"records\":[{\"email\":\"a@x.org\"}],\"metadata\":{\"team\":\"data\"},"
                + "\"provenance\":{\"source_name\":\"crm\",\"processor_name\":null,\"processor_version\":null,"
                + "\"search_string\":null,\"searched_at\":\"2026-01-02T03:04:05Z\",\"notes\":null,\"expected_rows\":10},"
                + "\"open\":true}");
    }

    @Test
    void create_import_with_files_sends_a_multipart_request_streaming_each_file() throws IOException {
        Path a = Files.writeString(dir.resolve("a.csv"), "email\na@x.org\n");
        Path b = Files.writeString(dir.resolve("b.jsonl"), "{\"email\":\"b@x.org\"}\n");

        client.createImport(NewImport.builder("people").build(), List.of(a, b));

        Seen s = last();
        String type = s.header("Content-type");
        assertThat(type).startsWith("multipart/form-data; boundary=");
        String boundary = type.substring(type.indexOf('=') + 1);
        assertThat(s.text()).isEqualTo("--" + boundary + "\r\n"
                + "Content-Disposition: form-data; name=\"request\"\r\nContent-Type: application/json\r\n\r\n"
                + "{\"collection\":\"people\"}\r\n"
                + "--" + boundary + "\r\n"
                + "Content-Disposition: form-data; name=\"file\"; filename=\"a.csv\"\r\nContent-Type: text/csv\r\n\r\n"
                + "email\na@x.org\n\r\n"
                + "--" + boundary + "\r\n"
                + "Content-Disposition: form-data; name=\"file\"; filename=\"b.jsonl\"\r\nContent-Type: application/x-ndjson\r\n\r\n"
                + "{\"email\":\"b@x.org\"}\n\r\n"
                + "--" + boundary + "--\r\n");
    }

    @Test
    void open_job_calls_go_to_their_routes() throws IOException {
        Path fixed = Files.writeString(dir.resolve("fixed.csv"), "email\na@x.org\n");

        client.addFile("j 1", fixed, null);
        Seen add = last();
        client.addUrl("j1", "https://example.org/p.csv", "p.csv");
        Seen url = last();
        client.start("j1");
        Seen start = last();
        client.retry("j1", "k3");
        Seen retry = last();
        client.retryWithFile("j1", fixed, ImportRequest.builder().idempotencyKey("k4").build());
        Seen retryFile = last();
        client.retryWithOptions("j1", ImportRequest.builder().onConflict(ImportRequest.OnConflict.UPDATE)
                .format(ImportRequest.Format.CSV).waitForCompletion(true).waitTimeout(Duration.ofSeconds(5))
                .idempotencyKey("k5").build());
        Seen retryOptions = last();
        client.start("j1", Duration.ofSeconds(7));
        Seen startWait = last();

        assertThat(add.uri().getRawPath()).isEqualTo("/v1/imports/j%201/files");
        assertThat(add.uri().getQuery()).isEqualTo("name=fixed.csv");
        assertThat(add.header("Content-type")).isEqualTo("text/csv");
        assertThat(add.text()).isEqualTo("email\na@x.org\n");
        assertThat(url.uri().getPath()).isEqualTo("/v1/imports/j1/files");
        assertThat(url.text()).isEqualTo("{\"url\":\"https://example.org/p.csv\"}");
        assertThat(start.method()).isEqualTo("POST");
        assertThat(start.uri().getPath()).isEqualTo("/v1/imports/j1/start");
        assertThat(start.body()).isEmpty();
        assertThat(retry.uri().getPath()).isEqualTo("/v1/imports/j1/retry");
        assertThat(retry.header("Idempotency-key")).isEqualTo("k3");
        assertThat(retryFile.uri().getQuery()).isEqualTo("file_name=fixed.csv");
        assertThat(retryFile.header("Idempotency-key")).isEqualTo("k4");
        assertThat(retryFile.text()).isEqualTo("email\na@x.org\n");
        assertThat(retryOptions.uri().getQuery()).as("no format without a body").isEqualTo("on_conflict=update&wait=true&timeout=5");
        assertThat(retryOptions.header("Idempotency-key")).isEqualTo("k5");
        assertThat(retryOptions.body()).isEmpty();
        assertThat(startWait.uri().getQuery()).isEqualTo("wait=true&timeout=7");
    }

    @Test
    void an_error_envelope_becomes_a_typed_exception_with_its_details() {
        status = 400;
        answer = "{\"error\":{\"code\":\"invalid_option\",\"message\":\"limit must be between 1 and 1000, got 0\","
                + "\"details\":{\"option\":\"limit\"}}}";

        assertThatThrownBy(() -> client.listImports(ImportFilter.all().withLimit(0)))
                .isInstanceOfSatisfying(SluiceApiException.class, e -> {
                    assertThat(e.status()).isEqualTo(400);
                    assertThat(e.code()).isEqualTo("invalid_option");
                    assertThat(e.serverMessage()).isEqualTo("limit must be between 1 and 1000, got 0");
                    assertThat(e.details()).isEqualTo(Map.of("option", "limit"));
                    assertThat(e.getMessage()).isEqualTo("400 invalid_option: limit must be between 1 and 1000, got 0");
                });
        assertThat(last().uri().getQuery()).isEqualTo("limit=0");
    }

    @Test
    void an_answer_that_is_not_the_api_s_is_reported_with_its_start() {
        status = 502;
        answer = "<html>bad gateway</html>";
        answerType = "text/html";

        assertThatThrownBy(() -> client.getImport("j1"))
                .isInstanceOfSatisfying(SluiceApiException.class, e -> {
                    assertThat(e.status()).isEqualTo(502);
                    assertThat(e.code()).isEqualTo("unexpected_response");
                    assertThat(e.serverMessage()).contains("<html>bad gateway</html>");
                });

        status = 200;
        assertThatThrownBy(() -> client.getImport("j1"))
                .isInstanceOf(SluiceClientException.class)
                .isNotInstanceOf(SluiceApiException.class)
                .hasMessageContaining("not a ImportJob");
    }

    @Test
    void an_upload_cut_off_by_the_server_reports_the_error_the_target_answers() throws IOException {
        Path file = Files.writeString(dir.resolve("people.csv"), "email\na@x.org\n");
        dropUploads = true;
        status = 404;
        answer = "{\"error\":{\"code\":\"collection_not_found\",\"message\":\"collection 'nosuch' does not exist\","
                + "\"details\":{\"collection\":\"nosuch\"}}}";

        assertThatThrownBy(() -> client.importFile("nosuch", file, ImportRequest.defaults()))
                .isInstanceOfSatisfying(SluiceApiException.class, e -> {
                    assertThat(e.code()).isEqualTo("collection_not_found");
                    assertThat(e.getSuppressed()).singleElement().isInstanceOf(SluiceClientException.class);
                });
        assertThat(last().method()).isEqualTo("GET");
        assertThat(last().uri().getPath()).isEqualTo("/v1/collections/nosuch");

        status = 200;
        answer = "{\"name\":\"nosuch\"}";
        assertThatThrownBy(() -> client.addFile("j1", file, null))
                .isInstanceOf(SluiceClientException.class)
                .isNotInstanceOf(SluiceApiException.class)
                .hasMessageContaining("POST");
        assertThat(last().uri().getPath()).isEqualTo("/v1/imports/j1");
    }

    @Test
    void health_reports_a_starting_service_as_a_value() {
        status = 503;
        answer = "{\"status\":\"starting\"}";

        Health health = client.health();

        assertThat(health.isReady()).isFalse();
        assertThat(health.status()).isEqualTo("starting");
    }

    @Test
    void options_that_can_never_be_valid_are_refused_before_sending() {
        assertThatThrownBy(() -> ImportRequest.builder().maxErrors(-1L))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("maxErrors");
        assertThatThrownBy(() -> ImportRequest.builder().columns(List.of("a,b")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("columns");
        assertThatThrownBy(() -> ImportRequest.builder().waitTimeout(Duration.ofHours(2)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("waitTimeout");
        assertThatThrownBy(() -> client.getImport(""))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(seen).isEmpty();
    }
}
