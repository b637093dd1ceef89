package dev.sluice.http;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.client.ImportJob;
import dev.sluice.client.Json;
import dev.sluice.format.ParquetFixtures;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import static dev.sluice.http.ApiAssertions.assertCounts;
import static org.assertj.core.api.Assertions.assertThat;

/** Parquet files written by pyarrow, imported by upload and by URL (docs/parquet.md), on both databases. */
class ParquetImportApiTest {
    private static final String TYPED = "id:integer, small:integer, ratio:number, score:number, price:decimal,"
            + " big_price:decimal, active:boolean, born:date, at_ms:timestamp, at_us:timestamp, at_ns:timestamp,"
            + " local_us:timestamp, name:string, code:string, ref:uuid, tags:json, attrs:json, point:json, nested:json";

    @RegisterExtension
    static final RunningServer server = RunningServer.sqliteOrPostgres(
            ServerOptions.chunkRows(700).allowUrlHosts(Set.of("127.0.0.1")));
    static UrlServer files;

    @BeforeAll
    static void start() {
        files = UrlServer.start();
    }

    @AfterAll
    static void stop() {
        files.close();
    }

    private static byte[] fixture(String name) {
        try {
            return Files.readAllBytes(ParquetFixtures.file(name));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static JsonNode tree(String json) {
        try {
            return Json.mapper().readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void every_type_imports_by_extension_and_reads_back_as_pyarrow_wrote_it() {
        server.createCollection("pq_types", TYPED, "id");

        ImportJob job = server.importAndWait("pq_types", "file_name=types.parquet", "application/octet-stream",
                fixture("types.parquet"));

        assertThat(job.state()).as("%s", job).isEqualTo("completed");
        assertThat(job.files().get(0).format()).isEqualTo("parquet");
        assertCounts(job.counts(), 2, 0, 0, 0, 0);
        JsonNode one = server.record("pq_types", "1");
        assertThat(one.get("small").asLong()).isEqualTo(-7);
        assertThat(one.get("ratio").asDouble()).isEqualTo(0.25);
        assertThat(one.get("price").asText()).isEqualTo("12345678.91");
        assertThat(one.get("big_price").asText()).isEqualTo("-123456789012345678901234.5678");
        assertThat(one.get("active").asBoolean()).isTrue();
        assertThat(one.get("born").asText()).isEqualTo("1999-12-31");
        assertThat(one.get("at_ms").asText()).isEqualTo("2024-03-05T06:07:08.123Z");
        assertThat(one.get("at_us").asText()).isEqualTo("2024-03-05T06:07:08.123456Z");
        assertThat(one.get("local_us").asText()).isEqualTo("2024-03-05T06:07:08.123456Z");
        assertThat(one.get("code").asText()).isEqualTo("007");
        assertThat(one.get("ref").asText()).isEqualTo("0190f0b4-8f2e-7c3a-9d4e-5f6a7b8c9d0e");
        // compared as trees: PostgreSQL's jsonb keeps an object's members in its own order
        assertThat(one.get("attrs")).isEqualTo(tree("{\"k1\":1,\"k2\":2}"));
        assertThat(one.get("nested")).isEqualTo(tree("[{\"n\":1,\"l\":[1,2]}]"));
        JsonNode two = server.record("pq_types", "2");
        assertThat(two.get("name").isNull()).isTrue();
        assertThat(two.get("tags").isNull()).isTrue();
    }

    @Test
    void format_parquet_or_the_magic_bytes_choose_parquet_whatever_the_name_or_content_type_says() {
        server.createCollection("pq_named", "id:integer, name:string", "id");

        ImportJob named = server.importAndWait("pq_named", "format=parquet", "application/octet-stream",
                fixture("groups.parquet"));
        ImportJob magic = server.importAndWait("pq_named", "file_name=export.csv", "text/csv", fixture("groups.parquet"));

        assertThat(named.files().get(0).format()).isEqualTo("parquet");
        assertCounts(named.counts(), 10_000, 0, 0, 0, 0);
        assertThat(magic.files().get(0).format()).isEqualTo("parquet");
        assertThat(magic.state()).isEqualTo("completed");
        assertThat(server.record("pq_named", "10000").get("name").asText()).isEqualTo("name-10000");
    }

    @Test
    void a_value_that_does_not_fit_its_field_fails_its_row_located_by_row_and_the_failed_rows_csv_shows_the_row() {
        server.createCollection("pq_mixed", "id:integer, code:integer", "id");

        ImportJob job = server.importAndWait("pq_mixed", "format=parquet", "application/octet-stream",
                fixture("mixed.parquet"));

        assertCounts(job.counts(), 3, 0, 0, 0, 1);
        List<JsonNode> failed = server.results(job.id(), "outcome=failed");
        assertThat(failed).hasSize(1);
        assertThat(failed.get(0).get("line").asLong()).isEqualTo(3);
        assertThat(failed.get(0).get("error").get("field").asText()).isEqualTo("code");
        assertThat(server.get(job.links().failedRows()).text()).isEqualTo("""
                id,code,_line,_error_code,_error_field,_error_message,_raw
                3,abc,3,invalid_value,code,'abc' is not an integer,
                """);
    }

    @Test
    void a_corrupt_footer_or_a_truncated_file_fails_the_job_as_unreadable_source() {
        server.createCollection("pq_bad", "id:integer", "id");

        ImportJob corrupt = server.importAndWait("pq_bad", "file_name=corrupt-footer.parquet", "application/octet-stream",
                fixture("corrupt-footer.parquet"));
        ImportJob truncated = server.importAndWait("pq_bad", "format=parquet", "application/octet-stream",
                fixture("truncated.parquet"));

        assertThat(corrupt.state()).isEqualTo("failed");
        assertThat(corrupt.error().code()).isEqualTo("unreadable_source");
        assertThat(corrupt.error().message()).contains("corrupt-footer.parquet: corrupt Parquet footer: ");
        assertThat(truncated.state()).isEqualTo("failed");
        assertThat(truncated.error().code()).isEqualTo("unreadable_source");
        assertThat(truncated.error().message()).contains("is not a whole Parquet file");
    }

    @Test
    void a_url_source_is_staged_whole_then_read_and_its_copy_removed() throws IOException {
        server.createCollection("pq_url", "id:integer, name:string", "id");
        files.file("/export", "application/octet-stream", fixture("groups.parquet"), true);

        RunningServer.Answer a = server.postJson("/v1/imports", "{\"collection\": \"pq_url\", \"sources\": [{\"url\": \""
                + files.url("/export") + "\", \"format\": \"parquet\"}]}");
        assertThat(a.status()).as("%s", a).isEqualTo(202);
        ImportJob job = server.awaitEnd(a.as(ImportJob.class).id());

        assertThat(job.state()).as("%s", job).isEqualTo("completed");
        assertCounts(job.counts(), 10_000, 0, 0, 0, 0);
        try (Stream<Path> left = Files.walk(server.dataDir())) {
            assertThat(left.filter(p -> p.getFileName().toString().startsWith("source-"))).isEmpty();
        }
    }

    @Test
    void inference_takes_the_types_from_the_footer() {
        RunningServer.Answer a = server.post("/v1/infer?format=parquet", "application/octet-stream",
                fixture("types.parquet"));

        assertThat(a.status()).as("%s", a).isEqualTo(200);
        StringBuilder types = new StringBuilder();
        a.json().get("definition").get("fields").forEach(f -> types.append(f.get("name").asText()).append(':')
                .append(f.get("type").asText()).append(", "));
        assertThat(types.toString()).isEqualTo(TYPED.replace(" ", "").replace(",", ", ") + ", ");
        assertThat(a.json().get("definition").get("key").toString()).isEqualTo("[\"id\"]");
        assertThat(a.json().get("dialect").get("format").asText()).isEqualTo("parquet");
    }
}
