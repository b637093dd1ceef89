package dev.sluice.http;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.client.ImportJob;
import dev.sluice.client.JobError;
import dev.sluice.client.Provenance;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.ByteArrayOutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.zip.GZIPOutputStream;

import static dev.sluice.http.ApiAssertions.assertCounts;
import static dev.sluice.http.ApiAssertions.assertError;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code POST /v1/imports}: a JSON request with inline records, or multipart with a {@code request}
 * part and {@code file} parts; every option the one-shot route takes, in the request; and the
 * refusals of a malformed request, each naming the member at fault.
 */
class CreateImportApiTest {
    @RegisterExtension
    static final RunningServer server = RunningServer.sqliteOrPostgres(ServerOptions.chunkRows(10));

    private static RunningServer.Answer create(String json) {
        return server.postJson("/v1/imports", json);
    }

    private static RunningServer.Answer createWithFiles(Multipart form) {
        return server.post("/v1/imports", form.contentType(), form.bytes());
    }

    private static ImportJob ended(RunningServer.Answer a) {
        assertThat(a.status()).as("%s", a).isIn(200, 202);
        return server.awaitEnd(a.as(ImportJob.class).id());
    }

    @Test
    void inline_records_are_imported_with_each_record_on_the_line_of_its_index_plus_one() {
        server.createCollection("inline", "email:string, name:string, age:integer", "email");

        RunningServer.Answer a = create("""
                {"collection": "inline", "results": "all", "wait": true, "records": [
                  {"email": "a@x.org", "name": "Ada", "age": 36},
                  {"email": "b@x.org", "name": "Bob", "age": "old"},
                  {"email": "a@x.org", "name": "Ada again"},
                  {"email": "c@x.org", "age": 41, "nickname": "Cy"}]}""");

        assertThat(a.status()).as("%s", a).isEqualTo(200);
        ImportJob job = a.as(ImportJob.class);
        assertThat(a.header("Location")).isEqualTo("/v1/imports/" + job.id());
        assertThat(job.state()).isEqualTo("completed_with_errors");
        assertCounts(job.counts(), 2, 0, 0, 1, 1);
        assertThat(job.files()).extracting(f -> f.name() + " " + f.format()).containsExactly("records.jsonl jsonl");
        assertThat(job.results()).extracting(r -> r.line() + " " + r.outcome())
                .containsExactly("1 created", "2 failed", "3 skipped", "4 created");
        assertThat(job.results().get(1).error().code()).isEqualTo("invalid_value");
        assertThat(job.results().get(2).duplicateOf().line()).isEqualTo(1);
        assertThat(server.record("inline", "c@x.org").get("age").asLong()).isEqualTo(41);
    }

    @Test
    void without_wait_the_answer_is_202_with_the_queued_job_and_its_location() {
        server.createCollection("later", "id:integer", "id");

        RunningServer.Answer a = create("{\"collection\": \"later\", \"records\": [{\"id\": 1}, {\"id\": 2}]}");

        assertThat(a.status()).as("%s", a).isEqualTo(202);
        ImportJob job = a.as(ImportJob.class);
        assertThat(a.header("Location")).isEqualTo("/v1/imports/" + job.id());
        assertThat(job.results()).isNull();
        assertCounts(server.awaitEnd(job.id()).counts(), 2, 0, 0, 0, 0);
    }

    @Test
    void metadata_and_provenance_are_kept_and_reported_as_sent() {
        server.createCollection("described", "id:integer", "id");

        ImportJob job = ended(create("""
                {"collection": "described", "records": [{"id": 1}],
                 "metadata": {"team": "data", "ticket": 42, "tags": ["a", "b"]},
                 "provenance": {"source_name": "crm", "processor_name": "exporter", "processor_version": "2.1",
                                "search_string": "country:NL", "searched_at": "2026-11-20T08:30:00+01:00",
                                "notes": "nightly", "expected_rows": 1}}"""));

        assertThat(job.metadata().toString()).isEqualTo("{\"team\":\"data\",\"ticket\":42,\"tags\":[\"a\",\"b\"]}");
        assertThat(job.provenance()).isEqualTo(new Provenance("crm", "exporter", "2.1", "country:NL",
                Instant.parse("2026-11-20T07:30:00Z"), "nightly", 1));
    }

    @Test
    void a_provenance_with_some_members_reports_the_others_as_null_and_expected_rows_as_minus_one() {
        server.createCollection("half_described", "id:integer", "id");

        ImportJob job = ended(create("{\"collection\": \"half_described\", \"records\": [{\"id\": 1}],"
                + " \"provenance\": {\"source_name\": \"crm\"}}"));

        assertThat(job.provenance()).isEqualTo(new Provenance("crm", null, null, null, null, null, -1));
    }

    @Test
    void multipart_files_keep_their_names_and_are_read_in_order_each_with_its_own_state_and_counts() {
        server.createCollection("parts", "id:integer, name:string", "id");
        Multipart form = new Multipart()
                .request("{\"collection\": \"parts\", \"results\": \"all\", \"wait\": true}")
                .file("first.csv", "text/csv", "id,name\n1,a\n2,b\n")
                .file("second.jsonl", "application/x-ndjson", "{\"id\": 2, \"name\": \"b2\"}\n{\"id\": \"x\"}\n")
                .file("third.tsv", null, "id\tname\n3\tc\n");

        RunningServer.Answer a = createWithFiles(form);

        assertThat(a.status()).as("%s", a).isEqualTo(200);
        ImportJob job = a.as(ImportJob.class);
        assertThat(job.files()).extracting(f -> f.name() + " " + f.format() + " " + f.state()).containsExactly(
                "first.csv csv completed", "second.jsonl jsonl completed_with_errors", "third.tsv tsv completed");
        assertCounts(job.files().get(0).counts(), 2, 0, 0, 0, 0);
        assertCounts(job.files().get(1).counts(), 0, 0, 0, 1, 1);
        assertCounts(job.files().get(2).counts(), 1, 0, 0, 0, 0);
        assertCounts(job.counts(), 3, 0, 0, 1, 1);
        assertThat(job.results()).extracting(r -> r.file() + ":" + r.line() + " " + r.outcome()).containsExactly(
                "first.csv:2 created", "first.csv:3 created", "second.jsonl:1 skipped", "second.jsonl:2 failed",
                "third.tsv:2 created");
        assertThat(job.results().get(2).duplicateOf().file()).isEqualTo("first.csv");
        assertThat(server.record("parts", "2").get("name").asText()).isEqualTo("b");
    }

    @Test
    void multipart_files_without_names_are_named_by_their_position_and_format() {
        server.createCollection("unnamed_parts", "id:integer", "id");
        Multipart form = new Multipart().request("{\"collection\": \"unnamed_parts\"}")
                .part("file", null, "text/csv", "id\n1\n".getBytes(StandardCharsets.UTF_8))
                .part("file", null, "application/json", "[{\"id\": 2}]".getBytes(StandardCharsets.UTF_8));

        ImportJob job = ended(createWithFiles(form));

        assertThat(job.files()).extracting(f -> f.name()).containsExactly("upload-1.csv", "upload-2.json");
        assertCounts(job.counts(), 2, 0, 0, 0, 0);
    }

    @Test
    void a_multipart_file_larger_than_the_json_limit_is_spooled_to_disk_and_imported_whole() {
        server.createCollection("big_part", "id:integer, name:string", "id");
        int rows = 400_000;
        StringBuilder csv = new StringBuilder("id,name\n");
        for (int i = 1; i <= rows; i++) {
            csv.append(i).append(",a name that takes some room in the file ").append(i).append('\n');
        }
        byte[] bytes = csv.toString().getBytes(StandardCharsets.UTF_8);
        assertThat(bytes.length).isGreaterThan(20 * 1024 * 1024);
        Multipart form = new Multipart().request("{\"collection\": \"big_part\"}").file("big.csv", "text/csv", bytes);

        ImportJob job = ended(createWithFiles(form));

        assertThat(job.state()).isEqualTo("completed");
        assertThat(job.files().get(0).sizeBytes()).isEqualTo(bytes.length);
        assertCounts(job.counts(), rows, 0, 0, 0, 0);
    }

    @Test
    void inline_records_come_after_the_file_parts_of_a_multipart_request() {
        server.createCollection("parts_and_records", "id:integer, name:string", "id");
        Multipart form = new Multipart()
                .request("{\"collection\": \"parts_and_records\", \"records\": [{\"id\": 1, \"name\": \"inline\"}]}")
                .file("data.csv", "text/csv", "id,name\n1,file\n");

        ImportJob job = ended(createWithFiles(form));

        assertThat(job.files()).extracting(f -> f.name()).containsExactly("data.csv", "records.jsonl");
        assertCounts(job.counts(), 1, 0, 0, 1, 0);
        assertThat(server.record("parts_and_records", "1").get("name").asText()).isEqualTo("file");
    }

    @Test
    void the_dialect_options_of_the_request_apply_to_its_files() {
        server.createCollection("dialects", "code:string, label:string, score:number", "code");
        String semicolons = "code;label;score\nA;'x;y';1.5\nB;NA;NA\n";
        Multipart form = new Multipart()
                .request("{\"collection\": \"dialects\", \"delimiter\": \";\", \"quote\": \"'\", \"null_values\": [\"NA\"]}")
                .file("semi.csv", "text/csv", semicolons);

        ImportJob job = ended(createWithFiles(form));

        assertCounts(job.counts(), 2, 0, 0, 0, 0);
        assertThat(server.record("dialects", "A").get("label").asText()).isEqualTo("x;y");
        assertThat(server.record("dialects", "B").get("label").isNull()).isTrue();
        assertThat(server.record("dialects", "B").get("score").isNull()).isTrue();
    }

    @Test
    void header_false_with_columns_and_another_encoding_are_read_as_named() {
        server.createCollection("headless", "id:integer, city:string", "id");
        byte[] latin1 = "1,Zürich\n2,Malmö\n".getBytes(Charset.forName("windows-1252"));
        Multipart form = new Multipart()
                .request("{\"collection\": \"headless\", \"header\": false, \"columns\": [\"id\", \"city\"],"
                        + " \"encoding\": \"windows-1252\"}")
                .file("cities.csv", "text/csv", latin1);

        ImportJob job = ended(createWithFiles(form));

        assertCounts(job.counts(), 2, 0, 0, 0, 0);
        assertThat(server.record("headless", "1").get("city").asText()).isEqualTo("Zürich");
        assertThat(server.record("headless", "2").get("city").asText()).isEqualTo("Malmö");
    }

    @Test
    void strict_refuses_columns_and_members_that_are_not_fields_with_unknown_field() throws Exception {
        server.createCollection("strictly", "id:integer", "id");
        ByteArrayOutputStream gz = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(gz)) {
            out.write("[{\"id\": 1}, {\"id\": 2, \"extra\": true}]".getBytes(StandardCharsets.UTF_8));
        }
        Multipart form = new Multipart()
                .request("{\"collection\": \"strictly\", \"strict\": true, \"results\": \"all\", \"wait\": true,"
                        + " \"records\": [{\"id\": 3, \"other\": 1}]}")
                .file("array.json.gz", "application/octet-stream", gz.toByteArray());

        ImportJob job = createWithFiles(form).as(ImportJob.class);

        assertThat(job.results()).extracting(r -> r.file() + ":" + r.line() + " " + r.outcome()
                + (r.error() == null ? "" : " " + r.error().code() + " " + r.error().field())).containsExactly(
                "array.json.gz:1 created", "array.json.gz:2 failed unknown_field extra",
                "records.jsonl:1 failed unknown_field other");
    }

    @Test
    void on_conflict_fail_fails_rows_whose_key_exists_with_duplicate_key() {
        server.createCollection("no_overwrite", "id:integer, name:string", "id");
        ended(create("{\"collection\": \"no_overwrite\", \"records\": [{\"id\": 1, \"name\": \"first\"}]}"));

        ImportJob job = create("{\"collection\": \"no_overwrite\", \"on_conflict\": \"fail\", \"wait\": true,"
                + " \"records\": [{\"id\": 1, \"name\": \"second\"}, {\"id\": 2}, {\"id\": 2}]}").as(ImportJob.class);

        assertCounts(job.counts(), 1, 0, 0, 0, 2);
        assertThat(job.results()).extracting(r -> r.line() + " " + r.error().code())
                .containsExactly("1 duplicate_key", "3 duplicate_key");
        assertThat(server.record("no_overwrite", "1").get("name").asText()).isEqualTo("first");
    }

    @Test
    void on_conflict_update_overwrites_and_reports_updated() {
        server.createCollection("overwrite", "id:integer, name:string", "id");
        ended(create("{\"collection\": \"overwrite\", \"records\": [{\"id\": 1, \"name\": \"first\"}]}"));

        ImportJob job = ended(create("{\"collection\": \"overwrite\", \"on_conflict\": \"update\","
                + " \"records\": [{\"id\": 1, \"name\": \"second\"}]}"));

        assertCounts(job.counts(), 0, 1, 0, 0, 0);
        assertThat(job.options().onConflict()).isEqualTo("update");
        assertThat(server.record("overwrite", "1").get("name").asText()).isEqualTo("second");
    }

    @Test
    void max_errors_in_the_request_fails_the_job_once_exceeded_keeping_what_came_before() {
        server.createCollection("request_budget", "id:integer, age:integer", "id");
        StringBuilder csv = new StringBuilder("id,age\n");
        for (int i = 1; i <= 40; i++) {
            csv.append(i).append(',').append(i % 10 == 0 ? "old" : "30").append('\n');
        }
        Multipart form = new Multipart().request("{\"collection\": \"request_budget\", \"max_errors\": 2}")
                .file("ages.csv", "text/csv", csv.toString());

        ImportJob job = ended(createWithFiles(form));

        assertThat(job.state()).isEqualTo("failed");
        assertThat(job.error()).isEqualTo(new JobError("error_budget_exceeded",
                "3 rows failed, more than max_errors=2; 30 rows were processed and their effects committed"));
        assertCounts(job.counts(), 27, 0, 0, 0, 3);
        assertThat(server.records("request_budget")).hasSize(27);
    }

    @Test
    void error_mode_abort_in_the_request_stops_at_the_first_failed_row_and_skips_the_later_files() {
        server.createCollection("request_abort", "id:integer, age:integer", "id");
        Multipart form = new Multipart().request("{\"collection\": \"request_abort\", \"error_mode\": \"abort\"}")
                .file("one.csv", "text/csv", "id,age\n1,30\n2,old\n3,31\n")
                .file("two.csv", "text/csv", "id,age\n4,30\n");

        ImportJob job = ended(createWithFiles(form));

        assertThat(job.error().code()).isEqualTo("aborted_on_error");
        assertCounts(job.counts(), 1, 0, 0, 0, 1);
        assertThat(job.files()).extracting(f -> f.state()).containsExactly("failed", "failed");
        assertThat(job.files().get(1).counts().processed()).isZero();
        assertThat(server.records("request_abort")).hasSize(1);
    }

    @Test
    void a_malformed_request_is_400_invalid_request_naming_the_member_and_creates_nothing() {
        server.createCollection("refusals", "id:integer", "id");
        String[][] cases = {
                {"[1, 2]", "body"},
                {"{\"records\": [{\"id\": 1}]}", "collection"},
                {"{\"collection\": 7, \"records\": [{\"id\": 1}]}", "collection"},
                {"{\"collection\": \"refusals\", \"record\": [{\"id\": 1}]}", "record"},
                {"{\"collection\": \"refusals\", \"records\": {\"id\": 1}}", "records"},
                {"{\"collection\": \"refusals\", \"records\": [{\"id\": 1}, 2]}", "records[1]"},
                {"{\"collection\": \"refusals\", \"sources\": [{\"name\": \"x\"}]}", "sources[0]"},
                {"{\"collection\": \"refusals\", \"sources\": [{\"url\": \"http://x.org/a.csv\", \"size\": 1}]}",
                        "sources[0].size"},
                {"{\"collection\": \"refusals\", \"records\": [{\"id\": 1}], \"metadata\": [1]}", "metadata"},
                {"{\"collection\": \"refusals\", \"records\": [{\"id\": 1}], \"provenance\": {\"who\": 1}}",
                        "provenance.who"},
                {"{\"collection\": \"refusals\", \"records\": [{\"id\": 1}], \"provenance\": {\"searched_at\": \"May\"}}",
                        "provenance.searched_at"},
                {"{\"collection\": \"refusals\", \"records\": [{\"id\": 1}], \"provenance\": {\"expected_rows\": 1.5}}",
                        "provenance.expected_rows"},
                {"{\"collection\": \"refusals\"}", "sources"},
                {"{\"collection\": \"refusals\", \"records\": []}", "sources"},
        };
        for (String[] c : cases) {
            JsonNode error = assertError(create(c[0]), 400, "invalid_request");
            assertThat(error.get("details").get("field").asText()).as(c[0]).isEqualTo(c[1]);
        }
        assertThat(server.get("/v1/imports?collection=refusals").json().get("imports").size()).isZero();
    }

    @Test
    void a_bad_option_value_in_the_request_is_400_invalid_option_naming_it() {
        server.createCollection("bad_options", "id:integer", "id");
        String[][] cases = {
                {"\"on_conflict\": \"upsert\"", "on_conflict"},
                {"\"error_mode\": 1", "error_mode"},
                {"\"max_errors\": -1", "max_errors"},
                {"\"max_errors\": \"ten\"", "max_errors"},
                {"\"results\": \"some\"", "results"},
                {"\"job_type\": \"check\"", "job_type"},
                {"\"format\": \"xml\"", "format"},
                {"\"delimiter\": \"::\"", "delimiter"},
                {"\"header\": false", "columns"},
                {"\"header\": \"maybe\"", "header"},
                {"\"columns\": [1, 2]", "columns"},
                {"\"encoding\": \"klingon\"", "encoding"},
                {"\"strict\": 1", "strict"},
                {"\"wait\": \"soon\"", "wait"},
                {"\"timeout\": 0", "timeout"},
                {"\"open\": true, \"wait\": true", "wait"},
        };
        for (String[] c : cases) {
            JsonNode error = assertError(create("{\"collection\": \"bad_options\", \"records\": [{\"id\": 1}], "
                    + c[0] + "}"), 400, "invalid_option");
            assertThat(error.get("details").get("option").asText()).as(c[0]).isEqualTo(c[1]);
        }
        assertThat(server.get("/v1/imports?collection=bad_options").json().get("imports").size()).isZero();
    }

    @Test
    void other_refusals_answer_their_own_codes() {
        assertError(create("{\"collection\": \"no_such_collection\", \"records\": [{\"id\": 1}]}"), 404,
                "collection_not_found");
        assertError(create("{\"collection\": "), 400, "invalid_json");
        assertError(server.post("/v1/imports", "text/csv", "id\n1\n"), 415, "unsupported_media_type");
        assertError(server.post("/v1/imports?wait=true", "application/json", "{}"), 400, "invalid_option");
        server.createCollection("bad_parts", "id:integer", "id");
        JsonNode error = assertError(createWithFiles(new Multipart().file("a.csv", "text/csv", "id\n1\n")), 400,
                "invalid_request");
        assertThat(error.get("details").get("field").asText()).isEqualTo("request");
        error = assertError(createWithFiles(new Multipart().request("{\"collection\": \"bad_parts\"}")
                .part("attachment", "a.csv", "text/csv", new byte[]{'1'})), 400, "invalid_request");
        assertThat(error.get("details").get("field").asText()).isEqualTo("attachment");
        assertError(createWithFiles(new Multipart().request("{\"collection\": \"bad_parts\"}")
                .file("notes.txt", "text/plain", "hello")), 415, "unsupported_media_type");
        assertThat(server.get("/v1/imports?collection=bad_parts").json().get("imports").size()).isZero();
    }

    @Test
    void a_validate_job_can_be_created_with_the_request_and_reports_its_type() {
        server.createCollection("typed", "id:integer", "id");

        ImportJob job = ended(create("{\"collection\": \"typed\", \"job_type\": \"validate\", \"records\": [{\"id\": 1}]}"));

        assertThat(job.jobType()).isEqualTo("validate");
        assertCounts(job.counts(), 1, 0, 0, 0, 0);
        assertThat(server.records("typed")).isEmpty();
    }
}
