package dev.sluice.http;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.client.ImportJob;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.charset.StandardCharsets;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** One answer tells of one moment, and every answer writes a time alike (docs/http-api.md). */
class ApiMomentsTest {
    @RegisterExtension
    static final RunningServer server = RunningServer.sqliteOrPostgres(
            ServerOptions.chunkRows(10).commitInterval(Duration.ofMillis(50)));

    @Test
    void a_collection_is_created_at_the_same_millisecond_whichever_answer_says_it() {
        RunningServer.Answer created = server.postJson("/v1/collections", """
                {"name": "timed", "fields": [{"name": "id", "type": "integer"}], "key": ["id"]}""");
        String posted = created.json().get("created_at").asText();
        String got = server.get("/v1/collections/timed").json().get("created_at").asText();
        String listed = server.get("/v1/collections").json().get("collections").get(0).get("created_at").asText();

        assertThat(posted).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z");
        assertThat(got).isEqualTo(posted);
        assertThat(listed).isEqualTo(posted);
    }

    @Test
    void the_202_answer_shows_the_job_and_its_files_as_of_one_moment() {
        server.createCollection("moments", "id:integer, name:string", "id");
        StringBuilder csv = new StringBuilder("id,name\n");
        for (int i = 1; i <= 2_000; i++) {
            csv.append(i).append(",n").append(i).append('\n');
        }
        byte[] body = csv.toString().getBytes(StandardCharsets.UTF_8);
        for (int attempt = 0; attempt < 15; attempt++) {
            RunningServer.Answer a = server.post("/v1/collections/moments/import?on_conflict=update", "text/csv", body);
            assertThat(a.status()).as("%s", a).isEqualTo(202);
            JsonNode job = a.json();
            JsonNode file = job.get("files").get(0);
            if (!file.get("state").asText().equals("queued")) {
                assertThat(job.get("state").asText()).as("job beside a %s file: %s", file.get("state"), job)
                        .isNotEqualTo("queued");
                assertThat(job.get("started_at").isNull()).as("%s", job).isFalse();
            }
            if (job.get("state").asText().equals("queued")) {
                assertThat(file.get("started_at").isNull()).as("%s", job).isTrue();
            }
            server.awaitEnd(a.as(ImportJob.class).id());
        }
    }
}
