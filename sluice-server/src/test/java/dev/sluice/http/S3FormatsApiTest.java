package dev.sluice.http;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.client.ImportJob;
import dev.sluice.format.ParquetFixtures;
import dev.sluice.source.MotoServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.IOException;
import java.nio.file.Files;

import static dev.sluice.http.ApiAssertions.assertCounts;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Parquet and xlsx objects read from a real S3-compatible store (moto on loopback): both need the
 * whole file (a Parquet footer is at its end, a workbook is a zip), so the object is staged to a
 * temporary file first and then read as an upload is (docs/parquet.md, docs/http-api.md "S3 sources").
 * The fixtures are pyarrow's (src/test/python/parquet_fixtures.py) and openpyxl's
 * (src/test/resources/xlsx/make_fixtures.py).
 */
class S3FormatsApiTest {
    static final MotoServer store = MotoServer.start();

    @RegisterExtension
    static final RunningServer server = RunningServer.sqliteOrPostgres(ServerOptions.chunkRows(100)
            .with(b -> b.s3Endpoint(store.endpoint().toString()).s3Region("us-east-1").s3PathStyle(true)));

    static {
        store.createBucket("exports");
    }

    @AfterAll
    static void stop() {
        server.close();
        store.close();
    }

    private static ImportJob imported(String collection, String url) {
        RunningServer.Answer a = server.postJson("/v1/imports", "{\"collection\": \"" + collection
                + "\", \"sources\": [{\"url\": \"" + url + "\"}]}");
        assertThat(a.status()).as("%s", a).isEqualTo(202);
        return server.awaitEnd(a.as(ImportJob.class).id());
    }

    @Test
    void a_parquet_object_of_several_row_groups_imports_by_its_extension() throws IOException {
        server.createCollection("s3_parquet", "id:integer, name:string", "id");
        store.put("exports", "2024/groups.parquet", Files.readAllBytes(ParquetFixtures.file("groups.parquet")));

        ImportJob job = imported("s3_parquet", "s3://exports/2024/groups.parquet");

        assertThat(job.state()).as("%s", job).isEqualTo("completed");
        assertThat(job.files().get(0).format()).isEqualTo("parquet");
        assertCounts(job.counts(), 10_000, 0, 0, 0, 0);
        assertThat(server.record("s3_parquet", "10000").get("name").asText()).isEqualTo("name-10000");
    }

    @Test
    void an_xlsx_object_imports_its_first_sheet_with_dates_from_cell_styles_and_text_kept() {
        server.createCollection("s3_xlsx", XlsxImportApiTest.PEOPLE, "id");
        store.put("exports", "people.xlsx", XlsxImportApiTest.fixture("people.xlsx"));

        ImportJob job = imported("s3_xlsx", "s3://exports/people.xlsx");

        assertThat(job.state()).as("%s", job).isEqualTo("completed_with_errors");
        assertThat(job.files().get(0).format()).isEqualTo("xlsx");
        assertCounts(job.counts(), 4, 0, 0, 0, 1);
        JsonNode ada = server.record("s3_xlsx", "1");
        assertThat(ada.get("code").asText()).isEqualTo("00123");
        assertThat(ada.get("born").asText()).isEqualTo("1815-12-10");
        assertThat(ada.get("seen").asText()).isEqualTo("2024-01-05T10:30:00Z");
    }
}
