package dev.sluice.http;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.client.FileDialect;
import dev.sluice.client.ImportJob;
import dev.sluice.client.JobError;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;

import static dev.sluice.http.ApiAssertions.assertCounts;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Import jobs sniff what a CSV/TSV file's options leave out (docs/inference.md "In import jobs"),
 * report it as {@code files[].dialect}, and let options given win; {@code POST /v1/infer} answers
 * for the same bodies an import takes.
 */
class SniffedImportsApiTest {
    private static final Charset CP1252 = Charset.forName("windows-1252");

    @RegisterExtension
    static final RunningServer server = RunningServer.sqliteOrPostgres(
            ServerOptions.chunkRows(100).allowUrlHosts(Set.of("127.0.0.1")));
    static UrlServer files;

    @BeforeAll
    static void start() {
        files = UrlServer.start();
    }

    @AfterAll
    static void stop() {
        server.close();
        files.close();
    }

    private static byte[] withBom(byte[] bom, String text, Charset charset) {
        byte[] body = text.getBytes(charset);
        byte[] out = new byte[bom.length + body.length];
        System.arraycopy(bom, 0, out, 0, bom.length);
        System.arraycopy(body, 0, out, bom.length, body.length);
        return out;
    }

    @Test
    void a_semicolon_file_with_decimal_commas_imports_with_no_options_and_shows_its_sniffed_dialect() {
        server.createCollection("semi", "id:integer, name:string, amount:string", "id");

        ImportJob job = server.importAndWait("semi", "", "text/csv",
                "id;name;amount\n1;Ada;1,50\n2;Bob;1.234,75\n3;Cy;0,5\n".getBytes(StandardCharsets.UTF_8));

        assertThat(job.state()).isEqualTo("completed");
        assertCounts(job.counts(), 3, 0, 0, 0, 0);
        assertThat(server.record("semi", "2").get("amount").asText()).isEqualTo("1.234,75");
        assertThat(job.files().get(0).dialect()).isEqualTo(new FileDialect(";", "\"", true, "UTF-8", true));
    }

    @Test
    void an_ordinary_comma_file_with_a_header_reads_as_before_and_says_so() {
        server.createCollection("plain", "id:integer, name:string", "id");

        ImportJob job = server.importCsv("plain", "", "id,name\n1,\"a;b\"\n2,c\n");

        assertCounts(job.counts(), 2, 0, 0, 0, 0);
        assertThat(server.record("plain", "1").get("name").asText()).isEqualTo("a;b");
        assertThat(job.files().get(0).dialect()).isEqualTo(new FileDialect(",", "\"", true, "UTF-8", true));
    }

    @Test
    void a_utf16_le_tab_separated_export_with_a_bom_imports_with_no_options() {
        server.createCollection("unicode", "id:integer, name:string", "id");
        byte[] body = withBom(new byte[]{(byte) 0xFF, (byte) 0xFE}, "id\tname\n1\tJosé Müller\n2\tÅsa Ørsted\n",
                StandardCharsets.UTF_16LE);

        ImportJob job = server.importAndWait("unicode", "", "text/csv", body);

        assertCounts(job.counts(), 2, 0, 0, 0, 0);
        assertThat(server.record("unicode", "1").get("name").asText()).isEqualTo("José Müller");
        assertThat(server.record("unicode", "2").get("name").asText()).isEqualTo("Åsa Ørsted");
        assertThat(job.files().get(0).dialect()).isEqualTo(new FileDialect("\t", "\"", true, "UTF-16LE", true));
    }

    @Test
    void a_windows_1252_file_without_encoding_fails_naming_it_and_imports_exactly_with_it() {
        server.createCollection("legacy", "id:integer, name:string", "id");
        byte[] body = "id,name\n1,Zoë Brontë\n2,François Côté\n".getBytes(CP1252);

        ImportJob failed = server.importAndWait("legacy", "", "text/csv", body);

        assertThat(failed.state()).isEqualTo("failed");
        assertThat(failed.error()).isEqualTo(new JobError("invalid_encoding", "upload.csv line 2: the source is not"
                + " valid UTF-8 at line 2 (byte 0xEB) and no encoding was given; it is most likely windows-1252:"
                + " pass encoding=windows-1252"));
        assertThat(failed.files().get(0).error().code()).isEqualTo("invalid_encoding");

        ImportJob job = server.importAndWait("legacy", "encoding=windows-1252", "text/csv", body);

        assertCounts(job.counts(), 2, 0, 0, 0, 0);
        assertThat(server.record("legacy", "1").get("name").asText()).isEqualTo("Zoë Brontë");
        assertThat(server.record("legacy", "2").get("name").asText()).isEqualTo("François Côté");
        assertThat(job.files().get(0).dialect()).isEqualTo(new FileDialect(",", "\"", true, "windows-1252", true));
    }

    @Test
    void a_delimiter_given_wins_over_the_one_sniffed() {
        server.createCollection("given", "line:string", "line");
        String csv = "line\nx;y;z\nq;r;s\n";

        ImportJob sniffed = server.importCsv("given", "", csv);
        ImportJob job = server.importCsv("given", "delimiter=,&quote=%22&header=true&encoding=UTF-8", csv);

        assertThat(sniffed.files().get(0).dialect().delimiter()).isEqualTo(";");
        assertCounts(job.counts(), 2, 0, 0, 0, 0);
        assertThat(server.record("given", "x;y;z")).isNotNull();
        assertThat(job.files().get(0).dialect()).isEqualTo(new FileDialect(",", "\"", true, "UTF-8", false));
    }

    @Test
    void a_header_of_one_column_whose_lines_hold_semicolons_fails_suggesting_the_delimiter() {
        server.createCollection("onecol", "name:string, note:string", "name");

        ImportJob job = server.importCsv("onecol", "", "name;note\nAda; first\nBob\nCy\nDan\n");

        assertThat(job.state()).isEqualTo("failed");
        assertThat(job.error()).isEqualTo(new JobError("unreadable_source",
                "upload.csv: the header has one column but its lines hold ';': pass delimiter=;"));
    }

    @Test
    void infer_answers_for_a_raw_csv_body() {
        RunningServer.Answer a = server.post("/v1/infer", "text/csv",
                "Kunden-Nr;PLZ;Datum\n1001;01067;31.12.2024\n1002;80331;01.02.2025\n");

        assertThat(a.status()).as("%s", a).isEqualTo(200);
        JsonNode doc = a.json();
        assertThat(doc.at("/dialect/delimiter").asText()).isEqualTo(";");
        assertThat(doc.at("/definition/fields/0/name").asText()).isEqualTo("kunden_nr");
        assertThat(doc.at("/definition/fields/1/type").asText()).isEqualTo("string");
        assertThat(doc.at("/definition/fields/2/format").asText()).isEqualTo("dd.MM.yyyy");
        assertThat(doc.at("/mapping/PLZ").asText()).isEqualTo("plz");
        assertThat(doc.get("rows_sampled").asLong()).isEqualTo(2);
        Contract.load().assertAnswer("POST", "/v1/infer", a);
    }

    @Test
    void infer_answers_for_a_multipart_file_and_reads_sample_rows() {
        StringBuilder csv = new StringBuilder("id,name\n");
        for (int i = 1; i <= 500; i++) {
            csv.append(i).append(",n").append(i).append('\n');
        }
        Multipart form = new Multipart().file("people.csv", "text/csv", csv.toString());

        RunningServer.Answer a = server.post("/v1/infer?sample_rows=50", form.contentType(), form.bytes());

        assertThat(a.status()).as("%s", a).isEqualTo(200);
        assertThat(a.json().get("rows_sampled").asLong()).isEqualTo(50);
        assertThat(a.json().at("/definition/key/0").asText()).isEqualTo("id");
        Contract.load().assertAnswer("POST", "/v1/infer", a);
    }

    @Test
    void infer_answers_for_a_url_under_the_url_policy() {
        files.file("/export.csv", "text/csv", "sku|price\nA-1|10\nA-2|12\n".getBytes(StandardCharsets.UTF_8), true);

        RunningServer.Answer a = server.postJson("/v1/infer", "{\"url\": \"" + files.url("/export.csv") + "\"}");
        RunningServer.Answer forbidden = server.postJson("/v1/infer", "{\"url\": \"http://10.0.0.1/x.csv\"}");

        assertThat(a.status()).as("%s", a).isEqualTo(200);
        assertThat(a.json().at("/dialect/delimiter").asText()).isEqualTo("|");
        assertThat(a.json().at("/definition/fields/1/type").asText()).isEqualTo("integer");
        assertThat(forbidden.status()).isEqualTo(400);
        assertThat(forbidden.json().at("/error/code").asText()).isEqualTo("source_forbidden");
    }

    @Test
    void infer_refuses_a_bad_option_naming_it() {
        RunningServer.Answer rows = server.post("/v1/infer?sample_rows=0", "text/csv", "a,b\n1,2\n");
        RunningServer.Answer encoding = server.post("/v1/infer?encoding=klingon", "text/csv", "a,b\n1,2\n");

        for (RunningServer.Answer a : List.of(rows, encoding)) {
            assertThat(a.status()).as("%s", a).isEqualTo(400);
            assertThat(a.json().at("/error/code").asText()).isEqualTo("invalid_option");
        }
        assertThat(rows.json().at("/error/details/option").asText()).isEqualTo("sample_rows");
        assertThat(encoding.json().at("/error/details/option").asText()).isEqualTo("encoding");
    }
}
