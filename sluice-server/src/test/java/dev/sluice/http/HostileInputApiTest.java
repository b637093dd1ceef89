package dev.sluice.http;

import dev.sluice.client.ImportJob;
import dev.sluice.client.JobError;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Random;
import java.util.zip.GZIPOutputStream;

import static dev.sluice.http.ApiAssertions.assertAddsUp;
import static dev.sluice.http.ApiAssertions.assertCounts;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Nothing a client sends crashes a worker: broken bodies end their job in a terminal state with a
 * located message, what was read before the damage stays committed and counted, and the next
 * import works.
 */
class HostileInputApiTest {
    @RegisterExtension
    static final RunningServer server = RunningServer.sqliteOrPostgres(ServerOptions.chunkRows(100));
    private static int next;

    /** After every hostile body, an ordinary import into a fresh collection still works. */
    @AfterEach
    void a_normal_import_still_works() {
        String name = "after_" + next++;
        server.createCollection(name, "id:integer, name:string", "id");
        ImportJob job = server.importCsv(name, "", "id,name\n1,a\n2,b\n");
        assertThat(job.state()).isEqualTo("completed");
        assertCounts(job.counts(), 2, 0, 0, 0, 0);
    }

    private static ImportJob importBytes(String collection, String contentType, byte[] body) {
        server.createCollection(collection, "id:integer, name:string", "id");
        ImportJob job = server.importAndWait(collection, "", contentType, body);
        assertThat(job.isTerminal()).isTrue();
        assertAddsUp(job.counts());
        assertThat(server.records(collection)).hasSize((int) job.counts().created());
        return job;
    }

    private static byte[] gzip(String text) {
        return NdjsonAndGzipApiTest.gzip(text);
    }

    @Test
    void random_bytes_sent_as_csv_fail_the_job_as_an_unreadable_source_located_in_the_file() {
        byte[] garbage = new byte[4096];
        new Random(42).nextBytes(garbage);

        ImportJob job = importBytes("garbage", "text/csv", garbage);

        assertThat(job.state()).isEqualTo("failed");
        // no encoding was given: the likeliest one is named (0x9D is not a windows-1252 character)
        assertThat(job.error().code()).isEqualTo("invalid_encoding");
        assertThat(job.error().message()).isEqualTo("upload.csv: the source is not valid UTF-8 at line 1 (byte 0x9D)"
                + " and no encoding was given; it is most likely ISO-8859-1: pass encoding=ISO-8859-1");
        assertThat(job.retryable()).isFalse();
        assertThat(job.files().get(0).state()).isEqualTo("failed");
        assertThat(job.files().get(0).error()).isEqualTo(job.error());
    }

    @Test
    void invalid_utf8_part_way_fails_the_job_at_its_line_keeping_the_rows_before_it() {
        byte[] body = "id,name\n1,a\n2,b\n3,caf\u00e9\n4,d\n".getBytes(StandardCharsets.ISO_8859_1);

        ImportJob job = importBytes("bad_utf8", "text/csv", body);

        assertThat(job.state()).isEqualTo("failed");
        assertThat(job.error()).isEqualTo(new JobError("invalid_encoding", "upload.csv line 4: the source is not"
                + " valid UTF-8 at line 4 (byte 0xE9) and no encoding was given; it is most likely windows-1252:"
                + " pass encoding=windows-1252"));
        assertCounts(job.counts(), 2, 0, 0, 0, 0);
        assertThat(server.records("bad_utf8")).extracting(r -> r.get("id").asLong()).containsExactly(1L, 2L);
    }

    @Test
    void the_same_bytes_with_their_real_encoding_import_cleanly() {
        byte[] body = "id,name\n1,a\n2,b\n3,caf\u00e9\n4,d\n".getBytes(StandardCharsets.ISO_8859_1);
        server.createCollection("latin1", "id:integer, name:string", "id");

        ImportJob job = server.importAndWait("latin1", "encoding=windows-1252", "text/csv", body);

        assertThat(job.state()).isEqualTo("completed");
        assertThat(server.record("latin1", "3").get("name").asText()).isEqualTo("caf\u00e9");
    }

    @Test
    void a_truncated_gzip_body_fails_the_job_keeping_and_counting_the_rows_read_before_the_break() {
        StringBuilder csv = new StringBuilder("id,name\n");
        for (int i = 1; i <= 20_000; i++) {
            csv.append(i).append(",name ").append(i).append('\n');
        }
        byte[] whole = gzip(csv.toString());
        byte[] truncated = Arrays.copyOf(whole, whole.length / 2);

        ImportJob job = importBytes("truncated_gz", "text/csv", truncated);

        assertThat(job.state()).isEqualTo("failed");
        assertThat(job.error().code()).isEqualTo("unreadable_source");
        assertThat(job.error().message()).matches("upload\\.csv line \\d+: the gzip data is corrupt or truncated after"
                + " \\d+ uncompressed bytes: Unexpected end of ZLIB input stream");
        long created = job.counts().created();
        assertThat(created).isPositive().isLessThan(20_000);
        assertThat(job.error().message()).startsWith("upload.csv line " + (created + 2) + ": ");
        assertThat(server.record("truncated_gz", String.valueOf(created))).isNotNull();
        assertThat(server.record("truncated_gz", String.valueOf(created + 1))).isNull();
    }

    @Test
    void a_body_that_is_only_the_gzip_magic_fails_the_job_with_a_corrupt_header() {
        ImportJob job = importBytes("gz_magic_only", "text/csv", new byte[]{0x1f, (byte) 0x8b});

        assertThat(job.state()).isEqualTo("failed");
        assertThat(job.error()).isEqualTo(new JobError("unreadable_source",
                "upload.csv: the source starts like gzip but its gzip header is corrupt: the source ends inside it"));
        assertCounts(job.counts(), 0, 0, 0, 0, 0);
    }

    @Test
    void a_csv_with_only_a_header_completes_with_no_rows() {
        ImportJob job = importBytes("header_only", "text/csv", "id,name\n".getBytes(StandardCharsets.UTF_8));

        assertThat(job.state()).isEqualTo("completed");
        assertCounts(job.counts(), 0, 0, 0, 0, 0);
        assertThat(job.progress().percent()).isEqualTo(100.0);
        assertThat(job.files().get(0).state()).isEqualTo("completed");
    }

    @Test
    void an_empty_csv_body_completes_as_an_empty_import() {
        ImportJob job = importBytes("empty_csv", "text/csv", new byte[0]);

        assertThat(job.state()).isEqualTo("completed");
        assertCounts(job.counts(), 0, 0, 0, 0, 0);
        assertThat(job.files().get(0).sizeBytes()).isZero();
    }

    @Test
    void an_empty_ndjson_body_completes_as_an_empty_import() {
        ImportJob job = importBytes("empty_ndjson", "application/x-ndjson", new byte[0]);

        assertThat(job.state()).isEqualTo("completed");
        assertCounts(job.counts(), 0, 0, 0, 0, 0);
    }

    @Test
    void an_empty_json_body_fails_as_an_unreadable_source() {
        ImportJob job = importBytes("empty_json", "application/json", new byte[0]);

        assertThat(job.state()).isEqualTo("failed");
        assertThat(job.error()).isEqualTo(new JobError("unreadable_source",
                "upload.json: expected a JSON array of objects, found an empty source"));
    }

    @Test
    void a_json_body_that_is_an_object_instead_of_an_array_fails_as_an_unreadable_source() {
        ImportJob job = importBytes("json_object", "application/json",
                "{\"id\": 1, \"name\": \"a\"}".getBytes(StandardCharsets.UTF_8));

        assertThat(job.state()).isEqualTo("failed");
        assertThat(job.error()).isEqualTo(new JobError("unreadable_source", "upload.json: expected a JSON array of"
                + " objects, found an object (for one object per line, use format jsonl)"));
    }

    @Test
    void a_json_array_cut_off_part_way_keeps_the_elements_before_the_break() {
        String cut = "[{\"id\": 1, \"name\": \"a\"}, {\"id\": 2, \"name\": \"b\"}, {\"id\": 3, \"na";

        ImportJob job = importBytes("json_cut", "application/json", cut.getBytes(StandardCharsets.UTF_8));

        assertThat(job.state()).isEqualTo("failed");
        assertThat(job.error()).isEqualTo(new JobError("unreadable_source", "upload.json line 1: the JSON array is"
                + " broken at line 1, column 63 (after element 2): Unexpected end-of-input in field name"));
        assertCounts(job.counts(), 2, 0, 0, 0, 0);
    }

    @Test
    void random_bytes_sent_as_ndjson_fail_the_job_as_an_unreadable_source_located_in_the_file() {
        byte[] garbage = new byte[4096];
        new Random(7).nextBytes(garbage);

        ImportJob job = importBytes("garbage_ndjson", "application/x-ndjson", garbage);

        assertThat(job.state()).isEqualTo("failed");
        assertThat(job.error()).isEqualTo(new JobError("invalid_encoding", "upload.jsonl line 1: the source is not"
                + " valid UTF-8 at line 1 (byte 0x99) and no encoding was given; it is most likely ISO-8859-1:"
                + " pass encoding=ISO-8859-1"));
    }

    @Test
    void ndjson_lines_that_are_not_json_fail_one_by_one_and_the_good_lines_import() {
        ImportJob job = importBytes("text_ndjson", "application/x-ndjson",
                "hello\n{\"id\": 1}\n{]\n\"just a string\"\n{\"id\": 2}\nnull\n".getBytes(StandardCharsets.UTF_8));

        assertThat(job.state()).isEqualTo("completed_with_errors");
        assertCounts(job.counts(), 2, 0, 0, 0, 4);
        assertThat(server.results(job.id(), "outcome=failed")).extracting(r -> r.get("line").asLong())
                .containsExactly(1L, 3L, 4L, 6L);
        assertThat(server.results(job.id(), "outcome=failed"))
                .allSatisfy(r -> assertThat(r.get("error").get("code").asText()).isEqualTo("malformed_row"));
        assertThat(job.errorSamples()).containsExactly(
                "upload.jsonl line 1: is not valid JSON: Unrecognized token 'hello': was expecting (JSON String,"
                        + " Number, Array, Object or token 'null', 'true' or 'false') at column 1",
                "upload.jsonl line 3: is not valid JSON: Unexpected close marker ']': expected '}' (for Object"
                        + " starting at column 1) at column 2",
                "upload.jsonl line 4: is a JSON string, expected an object",
                "upload.jsonl line 6: is JSON null, expected an object");
    }

    @Test
    void a_quote_left_open_fails_its_record_where_the_quote_opened_and_swallows_no_rows_silently() {
        ImportJob job = importBytes("open_quote", "text/csv",
                "id,name\n0,ok\n1,\"abc\n2,def\n".getBytes(StandardCharsets.UTF_8));

        assertThat(job.state()).isEqualTo("completed_with_errors");
        assertCounts(job.counts(), 1, 0, 0, 0, 1);
        assertThat(job.errorSamples()).containsExactly(
                "upload.csv line 3: is broken: the quote opened on line 3 is never closed");
    }

    @Test
    void text_after_a_closing_quote_fails_its_row_instead_of_storing_another_value() {
        ImportJob job = importBytes("after_quote", "text/csv",
                "id,name\n1,\"he\"llo\n2,\"he\"\"llo\"\n".getBytes(StandardCharsets.UTF_8));

        assertThat(job.state()).isEqualTo("completed_with_errors");
        assertCounts(job.counts(), 1, 0, 0, 0, 1);
        assertThat(job.errorSamples()).containsExactly("upload.csv line 2: has text after the closing quote of a"
                + " field (a quote inside a quoted field is written twice: \"\")");
        assertThat(server.record("after_quote", "2").get("name").asText()).isEqualTo("he\"llo");
    }

    @Test
    void a_gzipped_ndjson_line_longer_than_the_record_limit_fails_only_its_row() throws IOException {
        ByteArrayOutputStream gz = new ByteArrayOutputStream();
        try (OutputStream out = new GZIPOutputStream(gz)) {
            out.write("{\"id\":1,\"name\":\"a\"}\n{\"id\":2,\"name\":\"".getBytes(StandardCharsets.UTF_8));
            byte[] block = "x".repeat(1 << 20).getBytes(StandardCharsets.UTF_8);
            for (int i = 0; i < 20; i++) {
                out.write(block);
            }
            out.write("\"}\n{\"id\":3,\"name\":\"c\"}\n".getBytes(StandardCharsets.UTF_8));
        }

        ImportJob job = importBytes("long_line", "application/x-ndjson", gz.toByteArray());

        assertThat(job.state()).isEqualTo("completed_with_errors");
        assertCounts(job.counts(), 2, 0, 0, 0, 1);
        assertThat(job.errorSamples()).containsExactly("upload.jsonl line 2: is longer than 16 MB (--max-record-bytes)");
        assertThat(server.results(job.id(), "outcome=failed")).singleElement()
                .satisfies(r -> assertThat(r.toString().length()).isLessThan(5_000));
    }

    @Test
    void bytes_after_a_gzip_member_fail_the_file_after_its_rows() throws IOException {
        ByteArrayOutputStream gz = new ByteArrayOutputStream();
        try (OutputStream out = new GZIPOutputStream(gz)) {
            out.write("id,name\n1,a\n".getBytes(StandardCharsets.UTF_8));
        }
        gz.write("trailing garbage".getBytes(StandardCharsets.UTF_8));

        ImportJob job = importBytes("gz_garbage", "text/csv", gz.toByteArray());

        assertThat(job.state()).isEqualTo("failed");
        assertThat(job.error().code()).isEqualTo("unreadable_source");
        assertThat(job.error().message()).endsWith("the gzip data ends after 12 uncompressed bytes, but more bytes"
                + " follow that are not gzip data");
    }

    @Test
    void a_header_naming_a_column_twice_fails_the_job_before_any_row() {
        ImportJob job = importBytes("twice", "text/csv", "id,name,id\n1,a,1\n".getBytes(StandardCharsets.UTF_8));

        assertThat(job.state()).isEqualTo("failed");
        assertThat(job.error()).isEqualTo(new JobError("unreadable_source",
                "upload.csv: the header names column 'id' twice (columns 1 and 3)"));
        assertCounts(job.counts(), 0, 0, 0, 0, 0);
    }

    @Test
    void a_number_too_big_for_an_integer_fails_only_its_row() {
        ImportJob job = importBytes("huge", "text/csv",
                "id,name\n99999999999999999999,a\n2,b\n".getBytes(StandardCharsets.UTF_8));

        assertThat(job.state()).isEqualTo("completed_with_errors");
        assertCounts(job.counts(), 1, 0, 0, 0, 1);
        assertThat(job.errorSamples()).containsExactly(
                "upload.csv line 2: id: '99999999999999999999' is not an integer (out of 64-bit range)");
    }

    @Test
    void control_characters_in_a_field_are_kept_as_text() {
        ImportJob job = importBytes("controls", "text/csv",
                "id,name\n1,a\u0001b\u0007c\u001Fd\n".getBytes(StandardCharsets.UTF_8));

        assertThat(job.state()).isEqualTo("completed");
        assertThat(server.record("controls", "1").get("name").asText()).isEqualTo("a\u0001b\u0007c\u001Fd");
    }

    /** SQLite stores NUL in text; PostgreSQL's text cannot hold it, so there the row alone is refused. */
    @Test
    void a_nul_byte_in_a_field_is_kept_on_sqlite_and_fails_only_its_row_on_postgres() {
        ImportJob job = importBytes("nuls", "text/csv", "id,name\n1,a\u0000b\n2,c\n".getBytes(StandardCharsets.UTF_8));

        if (server.onPostgres()) {
            assertThat(job.state()).isEqualTo("completed_with_errors");
            assertCounts(job.counts(), 1, 0, 0, 0, 1);
            assertThat(job.errorSamples()).singleElement().asString()
                    .startsWith("upload.csv line 2: the database refused the row:").contains("0x00");
        } else {
            assertThat(job.state()).isEqualTo("completed");
            assertThat(server.record("nuls", "1").get("name").asText()).isEqualTo("a\u0000b");
        }
        assertThat(server.record("nuls", "2").get("name").asText()).isEqualTo("c");
    }
}
