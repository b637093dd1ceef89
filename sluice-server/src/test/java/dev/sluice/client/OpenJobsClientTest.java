package dev.sluice.client;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The open-jobs API through {@link SluiceClient}: JSON and multipart requests, open jobs with files
 * added and started, validate-only jobs, retries and idempotency keys, against a real server.
 */
class OpenJobsClientTest {
    private static final ObjectMapper JSON = Json.mapper();
    private static final String PEOPLE = "email,name,age\na@x.org,Ada,36\nb@x.org,Bob,abc\nc@x.org,Cy,41\n";
    private static final Duration MINUTE = Duration.ofMinutes(1);

    @TempDir
    static Path dataDir;
    @RegisterExtension
    static final StartedService server = StartedService.sqliteOrPostgres(100, Duration.ofMillis(20));
    static SluiceClient client;

    @BeforeAll
    static void start() {
        client = server.client();
    }

    private static ImportRequest waiting() {
        return ImportRequest.builder().waitForCompletion(true).waitTimeout(MINUTE).build();
    }

    @Test
    void inline_records_import_synchronously_with_metadata_and_provenance() {
        Definitions.people(client, "inline");

        ImportJob job = client.createImport(NewImport.builder("inline").options(waiting())
                .record(JSON.createObjectNode().put("email", "a@x.org").put("age", 1))
                .record(JSON.createObjectNode().put("email", "b@x.org").put("age", "x"))
                .metadata(JSON.createObjectNode().put("team", "crm"))
                .provenance(new Provenance("crm export", "loader", "1.2", null, Instant.parse("2026-01-02T03:04:05Z"),
                        null, 2))
                .build());

        assertThat(job.state()).isEqualTo("completed_with_errors");
        assertThat(job.counts().created()).isEqualTo(1);
        assertThat(job.results()).singleElement().satisfies(r -> {
            assertThat(r.file()).isEqualTo("records.jsonl");
            assertThat(r.line()).isEqualTo(2);
            assertThat(r.error().code()).isEqualTo("invalid_value");
        });
        assertThat(job.metadata().get("team").asText()).isEqualTo("crm");
        assertThat(job.provenance()).isEqualTo(new Provenance("crm export", "loader", "1.2", null,
                Instant.parse("2026-01-02T03:04:05Z"), null, 2));
    }

    @Test
    void a_validate_job_reports_outcomes_and_writes_nothing() {
        Definitions.people(client, "validated");

        ImportJob job = client.importStream("validated", new ByteArrayInputStream(PEOPLE.getBytes(StandardCharsets.UTF_8)),
                "people.csv", waiting().toBuilder().jobType(ImportRequest.JobType.VALIDATE).build());

        assertThat(job.jobType()).isEqualTo("validate");
        assertThat(job.counts().created()).isEqualTo(2);
        assertThat(job.counts().failed()).isEqualTo(1);
        assertThat(client.getCollection("validated").recordCount()).isZero();
    }

    @Test
    void an_open_job_takes_files_in_order_and_runs_once_started() throws IOException {
        Definitions.people(client, "opened");
        Path first = Files.writeString(dataDir.resolve("first.csv"), "email,age\na@x.org,1\n");

        ImportJob open = client.createImport(NewImport.builder("opened").open(true).build());
        client.addFile(open.id(), first, null);
        client.addStream(open.id(), new ByteArrayInputStream("{\"email\":\"b@x.org\",\"age\":2}\n"
                .getBytes(StandardCharsets.UTF_8)), "second.jsonl");
        ImportJob added = client.addFile(open.id(), Files.writeString(dataDir.resolve("third.tsv"), "email\tage\nc@x.org\t3\n"),
                "renamed.tsv");
        ImportJob ended = client.start(open.id(), MINUTE);

        assertThat(open.state()).isEqualTo("open");
        assertThat(added.state()).isEqualTo("open");
        assertThat(added.files()).extracting(FileStatus::name).containsExactly("first.csv", "second.jsonl", "renamed.tsv");
        assertThat(ended.state()).isEqualTo("completed");
        assertThat(ended.counts().created()).isEqualTo(3);
        assertThat(ended.files()).extracting(FileStatus::state).containsOnly("completed");
        assertThatThrownBy(() -> client.start(open.id()))
                .isInstanceOfSatisfying(SluiceApiException.class, e -> {
                    assertThat(e.status()).isEqualTo(409);
                    assertThat(e.code()).isEqualTo("import_not_open");
                });
        assertThatThrownBy(() -> client.addFile(open.id(), first, null))
                .isInstanceOfSatisfying(SluiceApiException.class, e -> assertThat(e.code()).isEqualTo("import_not_open"));
    }

    @Test
    void a_multipart_request_streams_several_files_under_their_own_names() throws IOException {
        Definitions.people(client, "multipart");
        Path a = Files.writeString(dataDir.resolve("a.csv"), "email,age\na@x.org,1\nb@x.org,2\n");
        Path b = Files.writeString(dataDir.resolve("b.jsonl"), "{\"email\":\"c@x.org\"}\n");

        ImportJob job = client.createImport(NewImport.builder("multipart").options(waiting()).build(), List.of(a, b));

        assertThat(job.state()).isEqualTo("completed");
        assertThat(job.files()).extracting(FileStatus::name).containsExactly("a.csv", "b.jsonl");
        assertThat(job.files()).extracting(FileStatus::format).containsExactly("csv", "jsonl");
        assertThat(job.counts().created()).isEqualTo(3);
    }

    @Test
    void a_url_on_this_machine_is_refused_as_a_forbidden_source() {
        Definitions.people(client, "urls");
        ImportJob open = client.createImport(NewImport.builder("urls").open(true).build());

        assertThatThrownBy(() -> client.addUrl(open.id(), StartedService.baseUrl(server.port()) + "/health", "h.json"))
                .isInstanceOfSatisfying(SluiceApiException.class, e -> {
                    assertThat(e.status()).isEqualTo(400);
                    assertThat(e.code()).isEqualTo("source_forbidden");
                });
        assertThatThrownBy(() -> client.createImport(NewImport.builder("urls")
                .source("http://127.0.0.1:9/people.csv", null).build()))
                .isInstanceOfSatisfying(SluiceApiException.class, e -> assertThat(e.code()).isEqualTo("source_forbidden"));
    }

    @Test
    void failed_rows_are_retried_from_the_original_data_or_from_the_fixed_file() throws IOException {
        Definitions.people(client, "retried");
        ImportJob parent = client.importStream("retried", new ByteArrayInputStream(PEOPLE.getBytes(StandardCharsets.UTF_8)),
                "people.csv", waiting());

        ImportJob again = client.awaitCompletion(client.retry(parent.id(), (String) null).id(), MINUTE);
        Path failed = dataDir.resolve("failed.csv");
        client.exportFailedRows(parent.id(), failed);
        Path fixed = Files.writeString(dataDir.resolve("fixed.csv"), Files.readString(failed).replace(",abc,", ",42,"));
        ImportJob repaired = client.retryWithFile(parent.id(), fixed, waiting());
        ImportJob updated = client.retryWithOptions(parent.id(), waiting().toBuilder()
                .onConflict(ImportRequest.OnConflict.UPDATE).build());

        assertThat(again.parentId()).isEqualTo(parent.id());
        assertThat(again.counts().failed()).isEqualTo(1);
        assertThat(repaired.parentId()).isEqualTo(parent.id());
        assertThat(repaired.state()).isEqualTo("completed");
        assertThat(repaired.counts().created()).isEqualTo(1);
        assertThat(client.recordByKey("retried", "b@x.org")).get()
                .satisfies(r -> assertThat(r.get("age").asInt()).isEqualTo(42));
        assertThat(updated.options().onConflict()).isEqualTo("update");
        assertThat(updated.parentId()).isEqualTo(parent.id());
        assertThatThrownBy(() -> client.retry(repaired.id(), (String) null))
                .isInstanceOfSatisfying(SluiceApiException.class, e -> {
                    assertThat(e.status()).isEqualTo(409);
                    assertThat(e.code()).isEqualTo("nothing_to_retry");
                });
    }

    @Test
    void the_same_idempotency_key_answers_the_same_job_and_a_different_request_is_refused() throws IOException {
        Definitions.people(client, "idempotent");
        Path file = Files.writeString(dataDir.resolve("idem.csv"), PEOPLE);
        ImportRequest keyed = ImportRequest.builder().idempotencyKey("import-2026-11-22").build();

        ImportJob first = client.importFile("idempotent", file, keyed);
        ImportJob replay = client.importFile("idempotent", file, keyed);
        NewImport request = NewImport.builder("idempotent").options(ImportRequest.builder().idempotencyKey("json-1").build())
                .record(JSON.createObjectNode().put("email", "z@x.org")).build();
        ImportJob created = client.createImport(request);
        ImportJob createdAgain = client.createImport(request);

        assertThat(replay.id()).isEqualTo(first.id());
        assertThat(createdAgain.id()).isEqualTo(created.id());
        assertThatThrownBy(() -> client.importStream("idempotent", new ByteArrayInputStream("email\nq@x.org\n"
                .getBytes(StandardCharsets.UTF_8)), "other.csv", keyed))
                .isInstanceOfSatisfying(SluiceApiException.class, e -> {
                    assertThat(e.status()).isEqualTo(409);
                    assertThat(e.code()).isEqualTo("idempotency_key_mismatch");
                });
    }

    @Test
    void a_malformed_request_is_refused_naming_the_member() {
        assertThatThrownBy(() -> client.createImport(NewImport.builder("nosuch").record(JSON.createObjectNode()
                .put("email", "a@x.org")).build()))
                .isInstanceOfSatisfying(SluiceApiException.class, e -> {
                    assertThat(e.status()).isEqualTo(404);
                    assertThat(e.code()).isEqualTo("collection_not_found");
                });
        Definitions.people(client, "nodata");
        assertThatThrownBy(() -> client.createImport(NewImport.builder("nodata").build()))
                .isInstanceOfSatisfying(SluiceApiException.class, e -> {
                    assertThat(e.status()).isEqualTo(400);
                    assertThat(e.code()).isEqualTo("invalid_request");
                    assertThat(e.details()).containsEntry("field", "sources");
                });
    }
}
