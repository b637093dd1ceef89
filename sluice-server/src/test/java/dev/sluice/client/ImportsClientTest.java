package dev.sluice.client;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPOutputStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Submitting, reading, exporting, cancelling and deleting import jobs through {@link SluiceClient}. */
class ImportsClientTest {
    private static final String PEOPLE = "email,name,age\na@x.org,Ada,36\nb@x.org,Bob,abc\nc@x.org,Cy,41\n";
    private static final ImportRequest WAIT = ImportRequest.builder().waitForCompletion(true).build();

    @TempDir
    static Path dataDir;
    @RegisterExtension
    static final StartedService server = StartedService.sqliteOrPostgres(100, Duration.ofMillis(20));
    static SluiceClient client;

    @BeforeAll
    static void start() {
        client = server.client();
    }

    private static Path file(String name, String content) throws IOException {
        return Files.writeString(dataDir.resolve(name), content);
    }

    private static InputStream text(String content) {
        return new ByteArrayInputStream(content.getBytes(StandardCharsets.UTF_8));
    }

    private static Counts counts(long created, long updated, long unchanged, long skipped, long failed) {
        return new Counts(created + updated + unchanged + skipped + failed, created + updated + unchanged, created,
                updated, unchanged, skipped, failed);
    }

    @Test
    void a_synchronous_file_import_answers_the_final_job_with_its_failed_rows_inline() throws IOException {
        Definitions.people(client, "sync");

        ImportJob job = client.importFile("sync", file("people.csv", PEOPLE), WAIT);

        assertThat(job.state()).isEqualTo("completed_with_errors");
        assertThat(job.isTerminal()).isTrue();
        assertThat(job.counts()).isEqualTo(counts(2, 0, 0, 0, 1));
        assertThat(job.files()).singleElement().satisfies(f -> {
            assertThat(f.name()).isEqualTo("people.csv");
            assertThat(f.format()).isEqualTo("csv");
            assertThat(f.sizeBytes()).isEqualTo(PEOPLE.length());
        });
        assertThat(job.results()).singleElement().satisfies(r -> {
            assertThat(r.line()).isEqualTo(3);
            assertThat(r.outcome()).isEqualTo("failed");
            assertThat(r.error().code()).isEqualTo("invalid_value");
            assertThat(r.error().field()).isEqualTo("age");
        });
        assertThat(job.progress().percent()).isEqualTo(100.0);
        assertThat(job.links().self()).isEqualTo("/v1/imports/" + job.id());
    }

    @Test
    void an_asynchronous_stream_import_is_queued_and_awaited_to_its_end() {
        Definitions.people(client, "async");

        ImportJob submitted = client.importStream("async", text(PEOPLE), "people.csv", ImportRequest.defaults());

        assertThat(submitted.state()).isIn("queued", "running", "completed_with_errors");
        assertThat(submitted.results()).isNull();
        ImportJob ended = client.awaitCompletion(submitted.id(), Duration.ofSeconds(30));
        assertThat(ended.id()).isEqualTo(submitted.id());
        assertThat(ended.state()).isEqualTo("completed_with_errors");
        assertThat(ended.counts()).isEqualTo(counts(2, 0, 0, 0, 1));
        assertThat(client.getImport(submitted.id())).isEqualTo(ended);
    }

    @Test
    void conflict_and_result_options_reach_the_server() {
        Definitions.people(client, "conflicts");
        client.importStream("conflicts", text("email,name\na@x.org,Ada\nb@x.org,Bob\n"), "first.csv", WAIT);

        ImportJob updated = client.importStream("conflicts", text("email,name\na@x.org,Ada L.\nd@x.org,Dee\nd@x.org,Dee again\n"),
                "second.csv", WAIT.toBuilder().onConflict(ImportRequest.OnConflict.UPDATE)
                        .results(ImportRequest.Results.ALL).build());
        ImportJob failing = client.importStream("conflicts", text("email,name\nb@x.org,Bob\n"), "third.csv",
                WAIT.toBuilder().onConflict(ImportRequest.OnConflict.FAIL).build());

        assertThat(updated.options().onConflict()).isEqualTo("update");
        assertThat(updated.options().results()).isEqualTo("all");
        assertThat(updated.counts()).isEqualTo(counts(1, 2, 0, 0, 0));
        assertThat(updated.results()).extracting(RowResult::outcome).containsExactly("updated", "created", "updated");
        assertThat(client.recordByKey("conflicts", "a@x.org")).get()
                .satisfies(r -> assertThat(r.get("name").asText()).isEqualTo("Ada L."));
        assertThat(failing.results()).singleElement()
                .satisfies(r -> assertThat(r.error().code()).isEqualTo("duplicate_key"));
    }

    @Test
    void dialect_options_reach_the_server() {
        Definitions.people(client, "dialect");

        ImportJob job = client.importStream("dialect", text("a@x.org;NA;36\nb@x.org;Bob;-\n"), "people.txt",
                WAIT.toBuilder().format(ImportRequest.Format.CSV).delimiter(';').header(false)
                        .columns(List.of("email", "name", "age")).nullValues(List.of("NA", "-")).build());
        ImportJob strict = client.importStream("dialect", text("email,nickname\nc@x.org,C\n"), "strict.csv",
                WAIT.toBuilder().strict(true).build());
        ImportJob latin1 = client.importStream("dialect", new ByteArrayInputStream(
                        "email,name\nd@x.org,Ren\u00e9e\n".getBytes(StandardCharsets.ISO_8859_1)), "latin1.csv",
                WAIT.toBuilder().encoding(StandardCharsets.ISO_8859_1).build());

        assertThat(job.state()).isEqualTo("completed");
        assertThat(client.recordByKey("dialect", "a@x.org")).get().satisfies(r -> {
            assertThat(r.get("name").isNull()).isTrue();
            assertThat(r.get("age").asInt()).isEqualTo(36);
        });
        assertThat(client.recordByKey("dialect", "b@x.org")).get()
                .satisfies(r -> assertThat(r.get("age").isNull()).isTrue());
        assertThat(strict.results()).singleElement()
                .satisfies(r -> assertThat(r.error().code()).isEqualTo("unknown_field"));
        assertThat(latin1.state()).isEqualTo("completed");
        assertThat(client.recordByKey("dialect", "d@x.org")).get()
                .satisfies(r -> assertThat(r.get("name").asText()).isEqualTo("Ren\u00e9e"));
    }

    @Test
    void the_format_comes_from_the_file_name_and_gzip_files_are_read() throws IOException {
        Definitions.people(client, "formats");
        Path gz = dataDir.resolve("people.jsonl.gz");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(gz))) {
            out.write("{\"email\":\"a@x.org\",\"age\":1}\n{\"email\":\"b@x.org\",\"age\":2}\n".getBytes(StandardCharsets.UTF_8));
        }

        ImportJob jsonl = client.importFile("formats", gz, WAIT);
        ImportJob json = client.importFile("formats", file("more.json", "[{\"email\":\"c@x.org\"}]"), WAIT);
        ImportJob tsv = client.importFile("formats", file("more.tsv", "email\tage\nd@x.org\t4\n"), WAIT);

        assertThat(jsonl.files()).singleElement().satisfies(f -> {
            assertThat(f.format()).isEqualTo("jsonl");
            assertThat(f.name()).isEqualTo("people.jsonl.gz");
        });
        assertThat(jsonl.counts().created()).isEqualTo(2);
        assertThat(json.files().get(0).format()).isEqualTo("json");
        assertThat(json.counts().created()).isEqualTo(1);
        assertThat(tsv.files().get(0).format()).isEqualTo("tsv");
        assertThat(client.getCollection("formats").recordCount()).isEqualTo(4);
    }

    @Test
    void error_budget_and_abort_fail_the_job_with_their_codes() {
        Definitions.people(client, "budget");

        ImportJob budget = client.importStream("budget", text("email,age\na@x.org,x\nb@x.org,y\nc@x.org,z\n"), "b.csv",
                WAIT.toBuilder().maxErrors(1L).build());
        ImportJob abort = client.importStream("budget", text("email,age\nd@x.org,x\ne@x.org,5\n"), "a.csv",
                WAIT.toBuilder().errorMode(ImportRequest.ErrorMode.ABORT).build());

        assertThat(budget.state()).isEqualTo("failed");
        assertThat(budget.error().code()).isEqualTo("error_budget_exceeded");
        assertThat(budget.options().maxErrors()).isEqualTo(1L);
        assertThat(abort.state()).isEqualTo("failed");
        assertThat(abort.error().code()).isEqualTo("aborted_on_error");
        assertThat(abort.options().errorMode()).isEqualTo("abort");
    }

    @Test
    void results_page_with_filters_and_a_cursor() {
        Definitions.people(client, "results");
        StringBuilder csv = new StringBuilder("email,age\n");
        for (int i = 1; i <= 30; i++) {
            csv.append('r').append(i).append("@x.org,").append(i % 3 == 0 ? "bad" : String.valueOf(i)).append('\n');
        }
        ImportJob job = client.importStream("results", text(csv.toString()), "r.csv",
                WAIT.toBuilder().results(ImportRequest.Results.ALL).build());

        List<RowResult> all = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            Page<RowResult> page = client.results(job.id(), ResultFilter.all().withLimit(7).withCursor(cursor));
            all.addAll(page.items());
            cursor = page.nextCursor();
            pages++;
        } while (cursor != null);

        assertThat(pages).isEqualTo(5);
        assertThat(all).extracting(RowResult::line).containsExactlyElementsOf(
                java.util.stream.LongStream.rangeClosed(2, 31).boxed().toList());
        assertThat(client.results(job.id(), ResultFilter.failed()).items()).hasSize(10)
                .allSatisfy(r -> assertThat(r.outcome()).isEqualTo("failed"));
        assertThat(client.results(job.id(), ResultFilter.all().withOutcome("created").withFile("r.csv")).items())
                .hasSize(20);
        assertThat(client.results(job.id(), null).items()).hasSize(30);
        assertThatThrownBy(() -> client.results(job.id(), ResultFilter.all().withFile("other.csv")))
                .isInstanceOfSatisfying(SluiceApiException.class, e -> assertThat(e.details()).containsEntry("option", "file"));
    }

    @Test
    void results_stream_out_as_json_lines_csv_and_the_failed_rows_file() throws IOException {
        Definitions.people(client, "exports");
        ImportJob job = client.importStream("exports", text(PEOPLE), "people.csv",
                WAIT.toBuilder().results(ImportRequest.Results.ALL).build());

        ByteArrayOutputStream jsonl = new ByteArrayOutputStream();
        long jsonlBytes = client.exportResults(job.id(), ResultFormat.JSONL, null, jsonl);
        Path csv = dataDir.resolve("results.csv");
        long csvBytes = client.exportResults(job.id(), ResultFormat.CSV, ResultFilter.all().withOutcome("created"), csv);
        Path failed = dataDir.resolve("failed.csv");
        client.exportFailedRows(job.id(), failed);
        ByteArrayOutputStream failedToStream = new ByteArrayOutputStream();
        client.exportFailedRows(job.id(), failedToStream);

        List<String> lines = jsonl.toString(StandardCharsets.UTF_8).lines().toList();
        assertThat(jsonlBytes).isEqualTo(jsonl.size());
        assertThat(lines).hasSize(3);
        JsonNode second = Json.mapper().readTree(lines.get(1));
        assertThat(second.get("outcome").asText()).isEqualTo("failed");
        assertThat(second.get("line").asInt()).isEqualTo(3);
        assertThat(csvBytes).isEqualTo(Files.size(csv));
        assertThat(Files.readAllLines(csv)).hasSize(3).first().asString()
                .startsWith("file,line,key,outcome,record_id,error_code");
        assertThat(Files.readString(failed)).isEqualTo("email,name,age,_line,_error_code,_error_field,_error_message,_raw\n"
                + "b@x.org,Bob,abc,3,invalid_value,age," + job.results().stream()
                .filter(r -> r.outcome().equals("failed")).findFirst().orElseThrow().error().message() + ",\n");
        assertThat(failedToStream.toString(StandardCharsets.UTF_8)).isEqualTo(Files.readString(failed));
    }

    @Test
    void the_log_reads_as_text_and_as_events() {
        Definitions.people(client, "logged");
        ImportJob job = client.importStream("logged", text(PEOPLE), "people.csv", WAIT);

        String log = client.log(job.id());
        List<LogLine> lines = client.logLines(job.id());

        assertThat(lines).isNotEmpty();
        assertThat(lines).allSatisfy(l -> {
            assertThat(l.at()).isNotNull();
            assertThat(l.level()).isIn("INFO", "WARN", "ERROR");
        });
        assertThat(lines.get(lines.size() - 1).message()).contains("completed_with_errors");
        assertThat(log.lines().count()).isEqualTo(lines.size());
        assertThat(log).contains(lines.get(0).message());
    }

    @Test
    void jobs_list_newest_first_by_collection_and_state_with_a_cursor() {
        Definitions.people(client, "listed");
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            ids.add(client.importStream("listed", text("email\nl" + i + "@x.org\n"), "l.csv", WAIT).id());
        }
        ids.add(client.importStream("listed", text(PEOPLE), "people.csv", WAIT).id());

        List<String> listed = new ArrayList<>();
        String cursor = null;
        do {
            Page<ImportJob> page = client.listImports(ImportFilter.all().withCollection("listed").withLimit(4)
                    .withCursor(cursor));
            page.items().forEach(j -> listed.add(j.id()));
            cursor = page.nextCursor();
        } while (cursor != null);

        List<String> newestFirst = new ArrayList<>(ids);
        java.util.Collections.reverse(newestFirst);
        assertThat(listed).containsExactlyElementsOf(newestFirst);
        assertThat(client.listImports(ImportFilter.all().withCollection("listed").withState("completed_with_errors"))
                .items()).extracting(ImportJob::id).containsExactly(ids.get(5));
        assertThat(client.listImports(null).items()).isNotEmpty();
        assertThatThrownBy(() -> client.listImports(ImportFilter.all().withState("bogus")))
                .isInstanceOfSatisfying(SluiceApiException.class, e -> {
                    assertThat(e.status()).isEqualTo(400);
                    assertThat(e.code()).isEqualTo("invalid_option");
                    assertThat(e.details()).containsEntry("option", "state");
                });
    }

    @Test
    void an_ended_job_cannot_be_cancelled_and_is_gone_once_deleted() {
        Definitions.people(client, "deleted");
        ImportJob job = client.importStream("deleted", text(PEOPLE), "people.csv", WAIT);

        assertThatThrownBy(() -> client.cancel(job.id()))
                .isInstanceOfSatisfying(SluiceApiException.class, e -> {
                    assertThat(e.status()).isEqualTo(409);
                    assertThat(e.code()).isEqualTo("import_finished");
                });
        client.deleteImport(job.id());

        for (Runnable call : List.<Runnable>of(() -> client.getImport(job.id()), () -> client.deleteImport(job.id()),
                () -> client.results(job.id(), null), () -> client.log(job.id()), () -> client.cancel(job.id()))) {
            assertThatThrownBy(call::run).isInstanceOfSatisfying(SluiceApiException.class, e -> {
                assertThat(e.status()).isEqualTo(404);
                assertThat(e.code()).isEqualTo("import_not_found");
                assertThat(e.getMessage()).startsWith("404 import_not_found: ");
            });
        }
    }

    @Test
    void refusals_of_an_import_arrive_as_typed_exceptions() throws IOException {
        Definitions.people(client, "refused");
        // files of known length: a refusal answered before the body is read must not race a chunked upload
        Path xml = file("data.xml", "<xml/>");
        Path csv = file("refused.csv", PEOPLE);

        assertThatThrownBy(() -> client.importFile("refused", xml, ImportRequest.defaults()))
                .isInstanceOfSatisfying(SluiceApiException.class, e -> {
                    assertThat(e.status()).isEqualTo(415);
                    assertThat(e.code()).isEqualTo("unsupported_media_type");
                });
        assertThatThrownBy(() -> client.importStream("nosuch", text(PEOPLE), "p.csv", ImportRequest.defaults()))
                .isInstanceOfSatisfying(SluiceApiException.class, e -> {
                    assertThat(e.status()).isEqualTo(404);
                    assertThat(e.code()).isEqualTo("collection_not_found");
                });
        assertThatThrownBy(() -> client.importFile("refused", csv,
                ImportRequest.builder().delimiter(';').header(false).build()))
                .isInstanceOfSatisfying(SluiceApiException.class, e -> {
                    assertThat(e.status()).isEqualTo(400);
                    assertThat(e.code()).isEqualTo("invalid_option");
                    assertThat(e.details()).containsEntry("option", "columns");
                });
        assertThatThrownBy(() -> client.importFile("refused", dataDir.resolve("missing.csv"), ImportRequest.defaults()))
                .isInstanceOf(SluiceClientException.class)
                .hasMessageContaining("missing.csv");
    }
}
