package dev.sluice.http;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.client.FileStatus;
import dev.sluice.client.ImportJob;
import dev.sluice.source.CuttingProxy;
import dev.sluice.source.MotoServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import static dev.sluice.http.ApiAssertions.assertCounts;
import static dev.sluice.http.ApiAssertions.assertError;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * S3 sources (docs/http-api.md, "S3 sources") against a real S3-compatible store, the moto server,
 * which this test starts on loopback; the service reaches it through a TCP proxy that can drop a
 * connection mid-object. One object, a prefix of several in key order with a status for each, a
 * missing object or bucket (refused at submit), a dropped connection resumed with a ranged GET of
 * the same ETag, an object changed mid-read, and validate-only jobs and inference on the same URLs.
 */
class S3SourcesApiTest {
    static final MotoServer store = MotoServer.start();
    static final CuttingProxy proxy = proxyTo(store);

    @RegisterExtension
    static final RunningServer server = RunningServer.sqliteOrPostgres(ServerOptions.chunkRows(50)
            .commitInterval(Duration.ofMillis(50))
            .with(b -> b.s3Endpoint(proxy.endpoint().toString()).s3Region("us-east-1").s3PathStyle(true)));

    static {
        store.createBucket("landing");
    }

    private static CuttingProxy proxyTo(MotoServer store) {
        try {
            return CuttingProxy.to(store.endpoint());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @AfterAll
    static void stop() throws IOException {
        server.close();
        proxy.close();
        store.close();
    }

    static String people(int from, int to) {
        StringBuilder csv = new StringBuilder("id,name\n");
        for (int i = from; i <= to; i++) {
            csv.append(i).append(",person ").append(i).append('\n');
        }
        return csv.toString();
    }

    private static RunningServer.Answer submit(String collection, String url, String more) {
        return server.postJson("/v1/imports", "{\"collection\": \"" + collection + "\", \"sources\": [{\"url\": \""
                + url + "\"}]" + more + "}");
    }

    private static ImportJob ended(RunningServer.Answer a) {
        assertThat(a.status()).as("%s", a).isEqualTo(202);
        return server.awaitEnd(a.as(ImportJob.class).id());
    }

    private static long recordCount(String collection) {
        return server.get("/v1/collections/" + collection).json().get("record_count").asLong();
    }

    @Test
    void one_object_is_imported_with_its_name_size_and_url() {
        server.createCollection("s3_one", "id:integer, name:string", "id");
        String csv = people(1, 120);
        store.put("landing", "exports/one/people.csv", csv);

        ImportJob job = ended(submit("s3_one", "s3://landing/exports/one/people.csv", ""));

        assertThat(job.state()).isEqualTo("completed");
        assertCounts(job.counts(), 120, 0, 0, 0, 0);
        FileStatus file = job.files().get(0);
        assertThat(file.name()).isEqualTo("people.csv");
        assertThat(file.sourceUrl()).isEqualTo("s3://landing/exports/one/people.csv");
        assertThat(file.sizeBytes()).isEqualTo(csv.getBytes(StandardCharsets.UTF_8).length);
        assertThat(recordCount("s3_one")).isEqualTo(120);
    }

    @Test
    void a_prefix_imports_every_object_under_it_in_key_order_each_with_its_own_status() {
        server.createCollection("s3_prefix", "id:integer, name:string", "id");
        store.put("landing", "batch/c.csv", people(21, 30));
        store.put("landing", "batch/a.csv", people(1, 10));
        store.put("landing", "batch/b.csv", "id,name\n11,person 11\neleven,bad\n12,person 12\n");
        store.put("landing", "batch/sub/d.jsonl", "{\"id\": 40, \"name\": \"person 40\"}\n");
        store.put("landing", "batch/sub/", new byte[0]);
        store.put("landing", "batchless.csv", people(90, 99));

        ImportJob job = ended(submit("s3_prefix", "s3://landing/batch/", ""));

        assertThat(job.files()).extracting(FileStatus::name).containsExactly("a.csv", "b.csv", "c.csv", "sub/d.jsonl");
        assertThat(job.files()).extracting(FileStatus::sourceUrl).containsExactly("s3://landing/batch/a.csv",
                "s3://landing/batch/b.csv", "s3://landing/batch/c.csv", "s3://landing/batch/sub/d.jsonl");
        assertThat(job.files()).extracting(FileStatus::format).containsExactly("csv", "csv", "csv", "jsonl");
        assertThat(job.state()).isEqualTo("completed_with_errors");
        assertCounts(job.counts(), 23, 0, 0, 0, 1);
        assertCounts(job.files().get(0).counts(), 10, 0, 0, 0, 0);
        assertCounts(job.files().get(1).counts(), 2, 0, 0, 0, 1);
        assertCounts(job.files().get(2).counts(), 10, 0, 0, 0, 0);
        assertCounts(job.files().get(3).counts(), 1, 0, 0, 0, 0);
        JsonNode failed = server.results(job.id(), "outcome=failed").get(0);
        assertThat(failed.get("file").asText()).isEqualTo("b.csv");
        assertThat(failed.get("line").asInt()).isEqualTo(3);
    }

    @Test
    void a_missing_object_bucket_or_empty_prefix_is_refused_at_submit_with_invalid_source() {
        server.createCollection("s3_missing", "id:integer, name:string", "id");

        JsonNode missing = assertError(submit("s3_missing", "s3://landing/no/such.csv", ""), 400, "invalid_source");
        assertThat(missing.get("message").asText()).contains("s3://landing/no/such.csv", "no such object", "404");
        assertThat(missing.get("details").get("url").asText()).isEqualTo("s3://landing/no/such.csv");
        JsonNode bucket = assertError(submit("s3_missing", "s3://no-such-bucket/x/", ""), 400, "invalid_source");
        assertThat(bucket.get("message").asText()).contains("the bucket does not exist");
        JsonNode empty = assertError(submit("s3_missing", "s3://landing/nothing-here/", ""), 400, "invalid_source");
        assertThat(empty.get("message").asText()).contains("no objects under s3://landing/nothing-here/");
        assertError(submit("s3_missing", "s3://Not_A_Bucket/x.csv", ""), 400, "invalid_source");
        assertError(submit("s3_missing", "s3://key:secret@landing/x.csv", ""), 400, "source_forbidden");
    }

    @Test
    void a_connection_dropped_mid_object_is_resumed_with_a_ranged_get_and_every_row_counted_once() {
        server.createCollection("s3_resumed", "id:integer, name:string", "id");
        String csv = people(1, 40_000);
        store.put("landing", "big/people.csv", csv);
        proxy.cutOnce("/landing/big/people.csv", 200_000, () -> { });

        ImportJob job = ended(submit("s3_resumed", "s3://landing/big/people.csv", ""));

        assertThat(proxy.cut()).as("the connection was dropped").isTrue();
        assertThat(proxy.requests()).anyMatch(r -> r.matches("GET /landing/big/people\\.csv bytes=\\d+-"));
        assertThat(job.state()).as("%s", job).isEqualTo("completed");
        assertCounts(job.counts(), 40_000, 0, 0, 0, 0);
        assertThat(job.attempt()).isEqualTo(1);
        assertThat(recordCount("s3_resumed")).isEqualTo(40_000);
    }

    @Test
    void an_object_that_changes_while_it_is_read_fails_its_file_naming_the_change() {
        server.createCollection("s3_changed", "id:integer, name:string", "id");
        store.put("landing", "moving/people.csv", people(1, 40_000));
        proxy.cutOnce("/landing/moving/people.csv", 200_000,
                () -> store.put("landing", "moving/people.csv", people(50_001, 90_000)));

        ImportJob job = ended(submit("s3_changed", "s3://landing/moving/people.csv", ""));

        assertThat(job.state()).isEqualTo("failed");
        assertThat(job.error().code()).isEqualTo("unreadable_source");
        assertThat(job.error().message()).contains("people.csv", "s3://landing/moving/people.csv",
                "the object changed since it was first read");
    }

    @Test
    void validate_only_jobs_and_inference_read_the_same_sources() {
        server.createCollection("s3_checked", "id:integer, name:string", "id");
        store.put("landing", "checked/a.csv", people(1, 5));
        store.put("landing", "checked/b.csv", "id,name\nx,bad\n");

        ImportJob job = ended(submit("s3_checked", "s3://landing/checked/", ", \"job_type\": \"validate\""));

        assertThat(job.files()).extracting(FileStatus::name).containsExactly("a.csv", "b.csv");
        assertCounts(job.counts(), 5, 0, 0, 0, 1);
        assertThat(recordCount("s3_checked")).isZero();
        RunningServer.Answer inferred = server.postJson("/v1/infer", "{\"url\": \"s3://landing/checked/a.csv\"}");
        assertThat(inferred.status()).as("%s", inferred).isEqualTo(200);
        assertThat(inferred.json().toString()).contains("\"id\"", "\"name\"", "integer");
        assertError(server.postJson("/v1/infer", "{\"url\": \"s3://landing/no/such.csv\"}"), 400, "invalid_source");
    }

    @Test
    void the_s3_settings_are_checked_with_the_others() {
        List<String> problems = dev.sluice.Config.builder().s3Endpoint("ftp://store").s3Region("Not A Region")
                .validate();

        assertThat(String.join("\n", problems)).contains("--s3-endpoint / SLUICE_S3_ENDPOINT", "--s3-region / SLUICE_S3_REGION");
        assertThat(dev.sluice.Config.builder().s3Endpoint("http://user:secret@store:9000").validate())
                .anyMatch(p -> p.contains("without user-info"));
    }
}
