package dev.sluice.http;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.client.Counts;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Assertions every API test shares: the error envelope and the counting invariant. Stateless. */
final class ApiAssertions {
    private ApiAssertions() {
    }

    /**
     * Asserts an error answer: the status, a JSON body that is exactly
     * {@code {"error": {"code", "message", "details"}}}, and the code. Answers the {@code error} object.
     */
    static JsonNode assertError(RunningServer.Answer answer, int status, String code) {
        assertThat(answer.status()).as("status of %s", answer).isEqualTo(status);
        assertThat(answer.header("Content-Type")).as("content type of %s", answer).startsWith("application/json");
        JsonNode body = answer.json();
        assertThat(names(body)).as("error envelope of %s", answer).containsExactly("error");
        JsonNode error = body.get("error");
        assertThat(names(error)).as("error body of %s", answer).containsExactlyInAnyOrder("code", "message", "details");
        assertThat(error.get("code").asText()).as("error code of %s", answer).isEqualTo(code);
        assertThat(error.get("message").isTextual()).isTrue();
        assertThat(error.get("message").asText()).isNotBlank();
        assertThat(error.get("details").isObject()).as("details of %s", answer).isTrue();
        return error;
    }

    /** A per-row result as {@code "line outcome"}, e.g. {@code "3 created"}. */
    static String lineAndOutcome(JsonNode result) {
        return result.get("line").asLong() + " " + result.get("outcome").asText();
    }

    /** The field names of a JSON object, in order. */
    static List<String> names(JsonNode object) {
        List<String> names = new ArrayList<>();
        object.fieldNames().forEachRemaining(names::add);
        return names;
    }

    /** processed = created + updated + unchanged + skipped + failed, and succeeded = created + updated + unchanged. */
    static void assertAddsUp(Counts c) {
        assertThat(c.processed()).as("processed of %s", c)
                .isEqualTo(c.created() + c.updated() + c.unchanged() + c.skipped() + c.failed());
        assertThat(c.succeeded()).as("succeeded of %s", c).isEqualTo(c.created() + c.updated() + c.unchanged());
    }

    /** Exact counts; processed and succeeded follow from the five outcomes. */
    static void assertCounts(Counts c, long created, long updated, long unchanged, long skipped, long failed) {
        assertThat(c).isEqualTo(new Counts(created + updated + unchanged + skipped + failed,
                created + updated + unchanged, created, updated, unchanged, skipped, failed));
    }
}
