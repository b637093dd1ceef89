package dev.sluice.http;

import dev.sluice.client.ImportJob;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.List;

import static dev.sluice.http.ApiAssertions.assertCounts;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A date field's {@code format} (docs/concepts.md, "Local formats"): stored with the collection,
 * shown by {@code GET /v1/collections/{name}}, used by imports; a value that does not fit fails its
 * row, located, with the format named.
 */
class LocalFormatsApiTest {
    @RegisterExtension
    static final RunningServer server = RunningServer.sqliteOrPostgres(ServerOptions.chunkRows(100));

    private static void createWithDottedDates(String name) {
        RunningServer.Answer created = server.postJson("/v1/collections", "{\"name\": \"" + name + "\", \"fields\": ["
                + "{\"name\": \"id\", \"type\": \"integer\"},"
                + "{\"name\": \"joined\", \"type\": \"date\", \"format\": \"dd.MM.yyyy\"},"
                + "{\"name\": \"seen\", \"type\": \"timestamp\", \"format\": \"epoch_seconds\"}], \"key\": \"id\"}");
        assertThat(created.status()).as("%s", created).isEqualTo(201);
        assertThat(created.json().get("fields").get(1).get("format").asText()).isEqualTo("dd.MM.yyyy");
    }

    @Test
    void dotted_dates_import_by_the_fields_format_and_read_back_in_iso() {
        createWithDottedDates("dotted");

        ImportJob job = server.importCsv("dotted", "", "id,joined,seen\n1,31.12.2024,1735689600\n2, 29.02.2024 ,\n");

        assertThat(job.state()).isEqualTo("completed");
        assertThat(server.record("dotted", "1").get("joined").asText()).isEqualTo("2024-12-31");
        assertThat(server.record("dotted", "1").get("seen").asText()).isEqualTo("2025-01-01T00:00:00Z");
        assertThat(server.record("dotted", "2").get("joined").asText()).isEqualTo("2024-02-29");
        RunningServer.Answer shown = server.get("/v1/collections/dotted");
        assertThat(shown.json().get("fields").get(1).get("format").asText()).isEqualTo("dd.MM.yyyy");
        assertThat(shown.json().get("fields").get(0).get("format").isNull()).isTrue();
    }

    @Test
    void a_date_not_in_the_fields_format_fails_its_row_located_and_the_others_import() {
        createWithDottedDates("dotted_bad");

        ImportJob job = server.importCsv("dotted_bad", "",
                "id,joined,seen\n1,31.12.2024,\n2,31.02.2024,\n3,2024-12-31,\n4,01.01.2025,\n");

        assertThat(job.state()).isEqualTo("completed_with_errors");
        assertCounts(job.counts(), 2, 0, 0, 0, 2);
        List<String> failures = server.results(job.id(), "outcome=failed").stream()
                .map(r -> r.get("line").asLong() + " " + r.get("error").get("code").asText() + " "
                        + r.get("error").get("field").asText() + ": " + r.get("error").get("message").asText())
                .toList();
        assertThat(failures).containsExactly(
                "3 invalid_value joined: '31.02.2024' is not a date in format dd.MM.yyyy",
                "4 invalid_value joined: '2024-12-31' is not a date in format dd.MM.yyyy");
        assertThat(server.record("dotted_bad", "4").get("joined").asText()).isEqualTo("2025-01-01");
    }

    @Test
    void a_format_that_does_not_parse_is_refused_naming_the_field() {
        RunningServer.Answer refused = server.postJson("/v1/collections", "{\"name\": \"bad_format\", \"fields\": ["
                + "{\"name\": \"id\", \"type\": \"integer\"},"
                + "{\"name\": \"joined\", \"type\": \"date\", \"format\": \"dd.MM.yy\"}], \"key\": \"id\"}");

        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.json().get("error").get("code").asText()).isEqualTo("invalid_collection");
        assertThat(refused.json().get("error").get("message").asText()).startsWith("field 'joined' (date): 'yy' is not");
    }
}
