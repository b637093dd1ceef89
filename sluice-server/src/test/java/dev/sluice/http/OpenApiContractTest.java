package dev.sluice.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.ValidationMessage;
import dev.sluice.Config;
import dev.sluice.Service;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The OpenAPI document against the service: every route of the route table is documented (and
 * nothing else), the document is sound (its schemas are JSON Schema 2020-12, references resolve,
 * examples match), and real answers, successes and errors, validate against the schema the document
 * gives for their route and status.
 */
class OpenApiContractTest {
    private static final Pattern PATH_PARAM = Pattern.compile("\\{([^}]+)}");
    private static final String PEOPLE = "email,name,age\na@x.org,Ada,36\nb@x.org,Bob,abc\nc@x.org,Cy,41\na@x.org,Ada again,37\n";
    private static final int BIG = 200_000;

    static final Contract contract = Contract.load();

    @TempDir
    static Path dataDir;
    @RegisterExtension
    static final RunningServer server = RunningServer.sqliteOrPostgres(
            ServerOptions.chunkRows(1_000).commitInterval(Duration.ofMillis(20)));

    /** Javalin writes path parameters as {@code {name}} (or {@code <name>}); OpenAPI as {@code {name}}. */
    private static String openApiPath(String javalinPath) {
        return javalinPath.replaceAll("<([^>]+)>", "{$1}");
    }

    private static Set<String> routeTable() {
        try (Service service = Service.start(Config.builder().port(0).dataDir(dataDir.resolve("routes")).workers(1)
                .chunkRows(100).commitInterval(Duration.ofMillis(200)).nodeId("routes-node").build())) {
            Set<String> served = new TreeSet<>();
            for (String route : service.servedRoutes()) {
                String[] methodPath = route.split(" ", 2);
                served.add(methodPath[0] + " " + openApiPath(methodPath[1]));
            }
            Set<String> table = new TreeSet<>();
            service.routes().routes().forEach(r -> table.add(r.line()));
            assertThat(served).as("the routes Javalin serves are the route table's").isEqualTo(table);
            return table;
        }
    }

    @Test
    void every_route_in_the_route_table_is_in_the_document_and_nothing_else() {
        Set<String> table = routeTable();
        Set<String> documented = new TreeSet<>(contract.routes());

        assertThat(table).as("the route table").isNotEmpty().contains("GET /v1/imports/{id}", "DELETE /v1/keys/{id}");
        Set<String> missing = new TreeSet<>(table);
        missing.removeAll(documented);
        assertThat(missing).as("routes of the route table missing from openapi.json").isEmpty();
        Set<String> extra = new TreeSet<>(documented);
        extra.removeAll(table);
        assertThat(extra).as("routes in openapi.json that the route table does not have").isEmpty();
    }

    /**
     * Each operation of the document names the route table's scope ({@code x-sluice-scope} and its
     * description's first sentence; {@code security: []} exactly on public routes) and documents exactly
     * the body types the route accepts (docs/http-api.md#browsers).
     */
    @Test
    void each_operation_declares_its_route_s_scope_and_body_types() {
        for (RouteTable.Route route : server.service().routes().routes()) {
            JsonNode op = contract.document().get("paths").get(route.path()).get(route.method().toLowerCase(Locale.ROOT));
            String scope = route.scope() == Scope.PUBLIC ? "public"
                    : route.scope() == Scope.ANY_KEY ? "any-key" : route.scope().wireName();
            assertThat(op.path("x-sluice-scope").asText()).as("%s x-sluice-scope", route.line()).isEqualTo(scope);
            assertThat(op.path("description").asText()).as("%s description", route.line()).startsWith(
                    scope.equals("public") ? "No key needed." : scope.equals("any-key") ? "Scope: any valid key."
                            : "Scope: `" + scope + "`.");
            assertThat(op.has("security") && op.get("security").isEmpty()).as("%s security: []", route.line())
                    .isEqualTo(route.scope() == Scope.PUBLIC);
            Set<String> documented = new TreeSet<>();
            op.path("requestBody").path("content").fieldNames().forEachRemaining(documented::add);
            assertThat(documented).as("%s requestBody content", route.line()).isEqualTo(new TreeSet<>(route.bodyTypes()));
        }
    }

    /**
     * Every body type a route documents gets past the body rule, and text, forms and other types do not
     * (docs/http-api.md#browsers): the route answers something other than 415, or, for a type the route
     * does not take, 415 naming the types it does.
     */
    @Test
    void a_body_is_taken_only_in_a_type_its_route_documents() {
        String missing = "0193f5a2-7c1e-7d4b-9a51-3f1c2b9e8d99";
        for (RouteTable.Route route : server.service().routes().routes()) {
            if (!route.readsBody()) {
                continue;
            }
            String path = route.path().replace("{name}", "nosuch").replace("{id}", missing);
            for (String type : route.bodyTypes()) {
                RunningServer.Answer a = server.post(path, type, "x");
                assertThat(a.status() == 415 && a.json().toString().contains("whatever format= says"))
                        .as("%s with %s: %s", route.line(), type, a).isFalse();
            }
            for (String type : List.of("text/plain", "application/x-www-form-urlencoded", "application/xml")) {
                RunningServer.Answer a = server.post(path + "?format=csv", type, "x");
                assertThat(a.status()).as("%s with %s", route.line(), type).isEqualTo(415);
                contract.assertAnswer(route.method(), route.path(), a);
            }
        }
    }

    /**
     * A malformed Content-Type is refused (415) only by routes that read a body; every route's answer
     * to one, whatever it is, is documented for that route.
     */
    @Test
    void every_route_s_answer_to_a_malformed_content_type_is_documented() {
        String missing = "0193f5a2-7c1e-7d4b-9a51-3f1c2b9e8d99";
        for (RouteTable.Route route : server.service().routes().routes()) {
            String path = route.path().replace("{name}", "nosuch").replace("{id}", missing);
            RunningServer.Answer a = route.method().equals("GET") ? server.get(path, "Content-Type", "text/csv; charset")
                    : route.method().equals("DELETE") ? server.delete(path, "Content-Type", "text/csv; charset")
                    : server.post(path, "text/csv; charset", "email\na@x.org\n");
            assertThat(a.status() == 415).as("%s answers %s", route.line(), a.status()).isEqualTo(route.readsBody());
            contract.assertAnswer(route.method(), route.path(), a);
        }
    }

    @Test
    void the_document_is_served_at_openapi_json() throws IOException {
        RunningServer.Answer a = server.get("/openapi.json");

        assertThat(a.status()).isEqualTo(200);
        assertThat(a.header("Content-Type")).startsWith("application/json");
        try (InputStream in = getClass().getResourceAsStream("/openapi.json")) {
            assertThat(a.body()).isEqualTo(in.readAllBytes());
        }
        assertThat(a.json().get("openapi").asText()).isEqualTo("3.1.0");
        contract.assertAnswer("GET", "/openapi.json", a);
    }

    @Test
    void the_document_is_an_openapi_3_1_document() {
        Set<ValidationMessage> errors = contract.openApiSchema().validate(contract.document());

        assertThat(errors).as("openapi.json against the OpenAPI 3.1 schema").isEmpty();
    }

    @Test
    void the_document_s_schemas_are_json_schema_2020_12() {
        var meta = contract.metaSchema();
        contract.document().get("components").get("schemas").properties().forEach(e -> {
            Set<ValidationMessage> errors = meta.validate(e.getValue());
            assertThat(errors).as("schema %s against the 2020-12 meta-schema", e.getKey()).isEmpty();
        });
    }

    @Test
    void every_reference_resolves_and_every_path_parameter_is_declared() {
        List<String> refs = new ArrayList<>();
        collectRefs(contract.document(), refs);
        assertThat(refs).isNotEmpty();
        for (String ref : refs) {
            assertThat(ref).startsWith("#/");
            assertThat(contract.document().at(ref.substring(1)).isMissingNode()).as("%s resolves", ref).isFalse();
        }
        contract.document().get("paths").properties().forEach(path -> {
            Set<String> inPath = new HashSet<>();
            Matcher m = PATH_PARAM.matcher(path.getKey());
            while (m.find()) {
                inPath.add(m.group(1));
            }
            path.getValue().properties().forEach(op -> {
                if (op.getKey().equals("parameters")) {
                    return;
                }
                Set<String> declared = new HashSet<>();
                List<JsonNode> params = new ArrayList<>();
                path.getValue().path("parameters").forEach(params::add);
                op.getValue().path("parameters").forEach(params::add);
                for (JsonNode p : params) {
                    JsonNode param = contract.resolve(p);
                    if (param.get("in").asText().equals("path")) {
                        assertThat(param.get("required").asBoolean()).as("path parameter %s is required", param).isTrue();
                        declared.add(param.get("name").asText());
                    }
                }
                assertThat(declared).as("path parameters of %s %s", op.getKey(), path.getKey()).isEqualTo(inPath);
            });
        });
    }

    private static void collectRefs(JsonNode node, List<String> refs) {
        if (node.isObject()) {
            node.properties().forEach(e -> {
                if (e.getKey().equals("$ref")) {
                    refs.add(e.getValue().asText());
                } else {
                    collectRefs(e.getValue(), refs);
                }
            });
        } else if (node.isArray()) {
            node.forEach(n -> collectRefs(n, refs));
        }
    }

    @Test
    void every_operation_has_a_unique_id_a_summary_and_documented_responses() {
        Set<String> ids = new HashSet<>();
        contract.document().get("paths").properties().forEach(path -> path.getValue().properties().forEach(op -> {
            if (op.getKey().equals("parameters")) {
                return;
            }
            String where = op.getKey() + " " + path.getKey();
            assertThat(ids.add(op.getValue().path("operationId").asText(""))).as("unique operationId of %s", where).isTrue();
            assertThat(op.getValue().path("summary").asText("")).as("summary of %s", where).isNotBlank();
            op.getValue().get("responses").properties().forEach(r -> {
                JsonNode response = contract.resolve(r.getValue());
                assertThat(response.path("description").asText("")).as("description of %s %s", where, r.getKey()).isNotBlank();
                // /health answers 503 with its own document while the service starts; every other 4xx/5xx is an error
                if ((r.getKey().startsWith("4") || r.getKey().startsWith("5")) && !path.getKey().equals("/health")) {
                    JsonNode codes = response.at("/content/application~1json/schema/allOf/1/properties/error/properties/code/enum");
                    assertThat(codes.isArray() && !codes.isEmpty()).as("error codes listed for %s %s", where, r.getKey()).isTrue();
                    codes.forEach(c -> assertThat(contract.errors("ErrorCode", c)).as("%s is an ErrorCode", c).isEmpty());
                }
            });
        }));
    }

    @Test
    void every_example_matches_its_schema() {
        List<String> checked = new ArrayList<>();
        checkExamples(contract.document(), "", checked);
        assertThat(checked).as("examples checked").hasSizeGreaterThan(5);
    }

    private static void checkExamples(JsonNode node, String where, List<String> checked) {
        if (node.isObject()) {
            if (node.has("example") && node.has("schema")) {
                JsonNode example = node.get("example");
                JsonNode schema = node.get("schema");
                boolean textual = schema.path("type").asText("").equals("string") && example.isTextual();
                if (!textual || schema.has("enum") || schema.has("pattern")) {
                    contract.assertValid(schema, example, "the example at " + where);
                }
                checked.add(where);
            }
            node.properties().forEach(e -> checkExamples(e.getValue(), where + "/" + e.getKey(), checked));
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                checkExamples(node.get(i), where + "/" + i, checked);
            }
        }
    }

    @Test
    void collection_answers_match_the_document() {
        RunningServer.Answer created = server.postJson("/v1/collections", "{\"name\": \"typed\", \"fields\": ["
                + "{\"name\": \"id\", \"type\": \"uuid\", \"required\": true}, {\"name\": \"n\", \"type\": \"integer\"},"
                + "{\"name\": \"x\", \"type\": \"number\"}, {\"name\": \"d\", \"type\": \"decimal\"},"
                + "{\"name\": \"b\", \"type\": \"boolean\"}, {\"name\": \"day\", \"type\": \"date\"},"
                + "{\"name\": \"at\", \"type\": \"timestamp\"}, {\"name\": \"doc\", \"type\": \"json\"},"
                + "{\"name\": \"s\", \"type\": \"string\", \"max_length\": 10}], \"key\": \"id\"}");
        contract.assertAnswer("POST", "/v1/collections", created);
        assertThat(created.header("Location")).isEqualTo("/v1/collections/typed");
        server.importCsv("typed", "", "id,n,x,d,b,day,at,doc,s\n"
                + "0193f5a2-7c1e-7d4b-9a51-3f1c2b9e8d10,1,1.5,10.25,true,2026-01-02,2026-01-02T03:04:05Z,\"{\"\"a\"\":[1]}\",hi\n"
                + "0193f5a2-7c1e-7d4b-9a51-3f1c2b9e8d11,,,,,,,,\n");

        contract.assertAnswer("GET", "/v1/collections", server.get("/v1/collections"));
        contract.assertAnswer("GET", "/v1/collections/{name}", server.get("/v1/collections/typed"));
        JsonNode records = contract.assertAnswer("GET", "/v1/collections/{name}/records",
                server.get("/v1/collections/typed/records?limit=1"));
        assertThat(records.get("records")).hasSize(1);
        assertThat(records.get("next_cursor").isTextual()).isTrue();
        contract.assertAnswer("GET", "/v1/collections/{name}/records",
                server.get("/v1/collections/typed/records?cursor=" + records.get("next_cursor").asText()));
        contract.assertAnswer("GET", "/v1/collections/{name}/records",
                server.get("/v1/collections/typed/records?key=0193f5a2-7c1e-7d4b-9a51-3f1c2b9e8d10"));
        contract.assertAnswer("DELETE", "/v1/collections/{name}", server.delete("/v1/collections/typed"));
        contract.assertAnswer("GET", "/health", server.get("/health"));
    }

    @Test
    void import_answers_match_the_document() {
        server.createCollection("people", "email:string!, name:string, age:integer", "email");

        RunningServer.Answer sync = server.post("/v1/collections/people/import?wait=true&results=all&file_name=people.csv",
                "text/csv", PEOPLE);
        JsonNode job = contract.assertAnswer("POST", "/v1/collections/{name}/import", sync);
        assertThat(sync.status()).isEqualTo(200);
        assertThat(job.get("results")).hasSize(4);
        assertThat(job.get("error_samples")).hasSize(1);
        String id = job.get("id").asText();

        RunningServer.Answer async = server.post("/v1/collections/people/import?on_conflict=update&max_errors=5",
                "application/x-ndjson", "{\"email\": \"d@x.org\", \"age\": 4}\n{\"email\": \"e@x.org\", \"age\": \"x\"}\n");
        assertThat(async.status()).isEqualTo(202);
        contract.assertAnswer("POST", "/v1/collections/{name}/import", async);
        String asyncId = async.json().get("id").asText();
        server.awaitEnd(asyncId);

        contract.assertAnswer("GET", "/v1/imports/{id}", server.get("/v1/imports/" + id));
        contract.assertAnswer("GET", "/v1/imports/{id}", server.get("/v1/imports/" + asyncId));
        JsonNode list = contract.assertAnswer("GET", "/v1/imports", server.get("/v1/imports?collection=people&limit=1"));
        assertThat(list.get("next_cursor").isTextual()).isTrue();
        contract.assertAnswer("GET", "/v1/imports", server.get("/v1/imports?state=completed_with_errors"));
        JsonNode page = contract.assertAnswer("GET", "/v1/imports/{id}/results",
                server.get("/v1/imports/" + id + "/results?limit=2"));
        assertThat(page.get("results")).hasSize(2);
        contract.assertAnswer("GET", "/v1/imports/{id}/results", server.get("/v1/imports/" + id + "/results?outcome=skipped"));

        RunningServer.Answer jsonl = server.get("/v1/imports/" + id + "/results?format=jsonl");
        contract.assertAnswer("GET", "/v1/imports/{id}/results", jsonl);
        List<String> lines = jsonl.text().lines().toList();
        assertThat(lines).hasSize(4);
        for (String line : lines) {
            contract.assertValid("RowResult", parse(line));
        }
        contract.assertAnswer("GET", "/v1/imports/{id}/results", server.get("/v1/imports/" + id + "/results?format=csv"));
        contract.assertAnswer("GET", "/v1/imports/{id}/results",
                server.get("/v1/imports/" + id + "/results?format=csv&outcome=failed"));
        contract.assertAnswer("GET", "/v1/imports/{id}/log", server.get("/v1/imports/" + id + "/log"));
        JsonNode log = contract.assertAnswer("GET", "/v1/imports/{id}/log", server.get("/v1/imports/" + id + "/log?format=json"));
        assertThat(log.get("log")).isNotEmpty();

        contract.assertAnswer("POST", "/v1/imports/{id}/cancel", server.post("/v1/imports/" + id + "/cancel", null, new byte[0]));
        contract.assertAnswer("DELETE", "/v1/imports/{id}", server.delete("/v1/imports/" + id));
    }

    private static JsonNode parse(String json) {
        try {
            return Contract.JSON.readTree(json);
        } catch (IOException e) {
            throw new AssertionError(json, e);
        }
    }

    @Test
    void a_running_job_s_status_and_its_cancellation_match_the_document() {
        server.createCollection("big", "id:integer, name:string, age:integer", "id");
        StringBuilder csv = new StringBuilder(BIG * 30).append("id,name,age\n");
        for (int i = 1; i <= BIG; i++) {
            csv.append(i).append(",person ").append(i).append(',').append(i % 100).append('\n');
        }
        RunningServer.Answer submitted = server.post("/v1/collections/big/import", "text/csv",
                csv.toString().getBytes(StandardCharsets.UTF_8));
        contract.assertAnswer("POST", "/v1/collections/{name}/import", submitted);
        String id = submitted.json().get("id").asText();

        JsonNode running = await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(5))
                .until(() -> server.get("/v1/imports/" + id).json(),
                        j -> !j.get("state").asText().equals("queued") && j.get("counts").get("processed").asLong() > 0);
        assertThat(running.get("state").asText()).as("the job must still be running").isEqualTo("running");
        contract.assertValid("ImportJob", running);
        contract.assertAnswer("GET", "/v1/imports/{id}", server.get("/v1/imports/" + id));
        contract.assertAnswer("GET", "/v1/imports", server.get("/v1/imports?state=running"));
        contract.assertAnswer("DELETE", "/v1/imports/{id}", server.delete("/v1/imports/" + id));

        contract.assertAnswer("POST", "/v1/imports/{id}/cancel", server.post("/v1/imports/" + id + "/cancel", null, new byte[0]));
        server.awaitEnd(id);
        JsonNode ended = contract.assertAnswer("GET", "/v1/imports/{id}", server.get("/v1/imports/" + id));
        assertThat(ended.get("state").asText()).isEqualTo("cancelled");
        contract.assertAnswer("POST", "/v1/imports/{id}/cancel", server.post("/v1/imports/" + id + "/cancel", null, new byte[0]));
    }

    @Test
    void error_answers_match_the_document_with_the_codes_listed_for_their_route() {
        server.createCollection("errs", "email:string!, age:integer", "email");
        String missing = "0193f5a2-7c1e-7d4b-9a51-3f1c2b9e8d99";
        List<String[]> calls = List.of(
                new String[]{"GET", "/v1/imports/{id}", "/v1/imports/" + missing},
                new String[]{"GET", "/v1/imports/{id}", "/v1/imports/" + missing + "?verbose=1"},
                new String[]{"GET", "/v1/imports", "/v1/imports?state=bogus"},
                new String[]{"GET", "/v1/imports", "/v1/imports?limit=0"},
                new String[]{"GET", "/v1/imports/{id}/results", "/v1/imports/" + missing + "/results"},
                new String[]{"GET", "/v1/imports/{id}/log", "/v1/imports/" + missing + "/log"},
                new String[]{"DELETE", "/v1/imports/{id}", "/v1/imports/" + missing},
                new String[]{"POST", "/v1/imports/{id}/cancel", "/v1/imports/" + missing + "/cancel"},
                new String[]{"GET", "/v1/collections/{name}", "/v1/collections/nosuch"},
                new String[]{"DELETE", "/v1/collections/{name}", "/v1/collections/nosuch"},
                new String[]{"GET", "/v1/collections", "/v1/collections?verbose=1"},
                new String[]{"GET", "/v1/collections/{name}/records", "/v1/collections/nosuch/records"},
                new String[]{"GET", "/v1/collections/{name}/records", "/v1/collections/errs/records?limit=x"},
                new String[]{"POST", "/v1/collections/{name}/import", "/v1/collections/nosuch/import"},
                new String[]{"POST", "/v1/collections/{name}/import", "/v1/collections/errs/import?on_conflict=upsert"},
                new String[]{"POST", "/v1/collections/{name}/import", "/v1/collections/errs/import?onconflict=skip"});
        for (String[] call : calls) {
            RunningServer.Answer a = call[0].equals("GET") ? server.get(call[2])
                    : call[0].equals("DELETE") ? server.delete(call[2]) : server.post(call[2], "text/csv", "email\na@x.org\n");
            assertThat(a.status()).as("%s %s", call[0], call[2]).isBetween(400, 499);
            contract.assertAnswer(call[0], call[1], a);
        }
        contract.assertAnswer("POST", "/v1/collections/{name}/import",
                server.post("/v1/collections/errs/import", "application/xml", "<x/>"));
        contract.assertAnswer("POST", "/v1/collections/{name}/import",
                server.post("/v1/collections/errs/import", "text/csv", "email\n", "Content-Encoding", "br"));
        contract.assertAnswer("POST", "/v1/collections", server.postJson("/v1/collections", "{not json"));
        contract.assertAnswer("POST", "/v1/collections", server.post("/v1/collections", "text/plain", "{}"));
        contract.assertAnswer("POST", "/v1/collections", server.postJson("/v1/collections",
                "{\"name\": \"bad\", \"fields\": [{\"name\": \"a\", \"type\": \"text\"}], \"key\": \"a\"}"));
        contract.assertAnswer("POST", "/v1/collections", server.postJson("/v1/collections",
                "{\"name\": \"errs\", \"fields\": [{\"name\": \"a\", \"type\": \"string\"}], \"key\": \"a\"}"));
        server.importCsv("errs", "", "email\na@x.org\n");
        String ended = server.get("/v1/imports?collection=errs").json().get("imports").get(0).get("id").asText();
        contract.assertAnswer("POST", "/v1/imports/{id}/cancel", server.post("/v1/imports/" + ended + "/cancel", null, new byte[0]));
        contract.assertAnswer("GET", "/v1/imports/{id}/results", server.get("/v1/imports/" + ended + "/results?format=xml"));
        contract.assertAnswer("GET", "/v1/imports/{id}/log", server.get("/v1/imports/" + ended + "/log?level=info"));
    }

    @Test
    void job_request_open_job_and_retry_answers_match_the_document() {
        server.createCollection("jobs", "email:string!, age:integer", "email");

        RunningServer.Answer inline = server.postJson("/v1/imports", "{\"collection\": \"jobs\", \"results\": \"all\","
                + " \"wait\": true, \"records\": [{\"email\": \"a@x.org\", \"age\": 1}, {\"email\": \"b@x.org\", \"age\": \"x\"}],"
                + " \"metadata\": {\"k\": \"v\"}, \"provenance\": {\"source_name\": \"s\", \"expected_rows\": 2}}");
        JsonNode parent = contract.assertAnswer("POST", "/v1/imports", inline);
        assertThat(inline.status()).isEqualTo(200);
        String parentId = parent.get("id").asText();

        RunningServer.Answer open = server.post("/v1/imports", "application/json", "{\"collection\": \"jobs\", \"open\": true}",
                "Idempotency-Key", "open-1");
        String id = contract.assertAnswer("POST", "/v1/imports", open).get("id").asText();
        RunningServer.Answer replay = server.post("/v1/imports", "application/json", "{\"collection\": \"jobs\", \"open\": true}",
                "Idempotency-Key", "open-1");
        contract.assertAnswer("POST", "/v1/imports", replay);
        assertThat(replay.header("Idempotent-Replay")).isEqualTo("true");
        contract.assertAnswer("POST", "/v1/imports", server.post("/v1/imports", "application/json",
                "{\"collection\": \"jobs\", \"open\": true, \"metadata\": {}}", "Idempotency-Key", "open-1"));
        contract.assertAnswer("POST", "/v1/imports/{id}/files",
                server.post("/v1/imports/" + id + "/files?name=c.csv", "text/csv", "email,age\nc@x.org,3\n"));
        contract.assertAnswer("POST", "/v1/imports/{id}/files",
                server.post("/v1/imports/" + id + "/files?name=d.json", "application/json", "[{\"email\": \"d@x.org\"}]"));
        contract.assertAnswer("POST", "/v1/imports/{id}/files", server.postJson("/v1/imports/" + id + "/files",
                "{\"url\": \"http://127.0.0.1:9/e.csv\"}"));
        contract.assertAnswer("POST", "/v1/imports/{id}/start", server.post("/v1/imports/" + id + "/start?wait=true",
                null, new byte[0]));
        contract.assertAnswer("POST", "/v1/imports/{id}/start", server.post("/v1/imports/" + id + "/start", null, new byte[0]));
        contract.assertAnswer("POST", "/v1/imports/{id}/files",
                server.post("/v1/imports/" + id + "/files?name=f.csv", "text/csv", "email\nf@x.org\n"));

        RunningServer.Answer retried = server.post("/v1/imports/" + parentId + "/retry?wait=true", null, new byte[0]);
        JsonNode child = contract.assertAnswer("POST", "/v1/imports/{id}/retry", retried);
        assertThat(child.get("parent_id").asText()).isEqualTo(parentId);
        contract.assertAnswer("POST", "/v1/imports/{id}/retry", server.post("/v1/imports/" + parentId
                + "/retry?file_name=fixed.csv", "text/csv", "email,age,_line,_error_code,_error_field,_error_message\nb@x.org,2,3,,,\n"));
        contract.assertAnswer("POST", "/v1/imports/{id}/retry", server.post("/v1/imports/" + id + "/retry", null, new byte[0]));
        contract.assertAnswer("POST", "/v1/imports/{id}/retry", server.post("/v1/imports/" + parentId + "/retry?delimiter=;",
                null, new byte[0]));

        String boundary = "b0undary";
        String multipart = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"request\"\r\n"
                + "Content-Type: application/json\r\n\r\n{\"collection\": \"jobs\", \"wait\": true}\r\n"
                + "--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"g.csv\"\r\n"
                + "Content-Type: text/csv\r\n\r\nemail\ng@x.org\n\r\n--" + boundary + "--\r\n";
        RunningServer.Answer parts = server.post("/v1/imports", "multipart/form-data; boundary=" + boundary, multipart);
        assertThat(contract.assertAnswer("POST", "/v1/imports", parts).get("files").get(0).get("name").asText())
                .isEqualTo("g.csv");

        for (String refused : List.of("{\"collection\": \"jobs\", \"colour\": \"red\"}", "{\"collection\": \"jobs\"}",
                "{\"collection\": \"nosuch\", \"open\": true}", "{\"collection\": \"jobs\", \"on_conflict\": \"upsert\", \"open\": true}",
                "{\"collection\": \"jobs\", \"sources\": [{\"url\": \"http://127.0.0.1:9/x.csv\"}]}", "{not json")) {
            RunningServer.Answer a = server.postJson("/v1/imports", refused);
            assertThat(a.status()).as("%s", refused).isBetween(400, 499);
            contract.assertAnswer("POST", "/v1/imports", a);
        }
        contract.assertAnswer("POST", "/v1/imports", server.post("/v1/imports", "text/csv", "email\n"));
        contract.assertAnswer("POST", "/v1/imports/{id}/start", server.post("/v1/imports/"
                + "0193f5a2-7c1e-7d4b-9a51-3f1c2b9e8d99/start", null, new byte[0]));
    }

    @Test
    void the_schemas_catch_a_renamed_missing_or_unknown_member() {
        server.createCollection("strict", "email:string!", "email");
        ObjectNode job = (ObjectNode) server.post("/v1/collections/strict/import?wait=true", "text/csv", "email\na@x.org\n").json();
        contract.assertValid("ImportJob", job);

        ObjectNode renamed = job.deepCopy();
        renamed.set("count", renamed.remove("counts"));
        ObjectNode missingState = job.deepCopy();
        missingState.remove("state");
        ObjectNode nestedRename = job.deepCopy();
        ObjectNode progress = (ObjectNode) nestedRename.get("progress");
        progress.set("rows_done", progress.remove("rows_processed"));
        ObjectNode badState = job.deepCopy().put("state", "done");
        ObjectNode badTime = job.deepCopy().put("created_at", "yesterday");
        ObjectNode badError = (ObjectNode) parse("{\"error\": {\"code\": \"no_such_code\", \"message\": \"m\", \"details\": {}}}");

        for (ObjectNode broken : List.of(renamed, missingState, nestedRename, badState, badTime)) {
            assertThat(contract.errors("ImportJob", broken)).as("errors of %s", broken).isNotEmpty();
        }
        assertThat(contract.errors("Error", badError)).isNotEmpty();
        assertThat(contract.errors("Error", parse("{\"error\": {\"code\": \"import_not_found\", \"message\": \"m\"}}")))
                .as("details is required").isNotEmpty();
    }
}
