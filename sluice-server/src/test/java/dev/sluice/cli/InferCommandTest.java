package dev.sluice.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.client.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code sluice infer} and {@code sluice import --create}, which share the inference of docs/inference.md. */
class InferCommandTest {
    @TempDir
    Path dir;

    private Path file(String name, String text) throws Exception {
        return Files.writeString(dir.resolve(name), text, StandardCharsets.UTF_8);
    }

    @Test
    void infer_prints_the_answer_of_post_v1_infer_without_a_server() throws Exception {
        Path csv = file("accounts.csv", "Kunden-Nr;PLZ;Betrag;Datum\n1;07891;1.234,50;31.12.2024\n2;10115;-3,00;01.02.2024\n");

        CliRun run = CliRun.of("infer", csv.toString(), "--json");

        assertThat(run.exitCode()).isZero();
        JsonNode answer = Json.mapper().readTree(run.out());
        assertThat(answer.get("dialect").toString()).isEqualTo("{\"format\":\"csv\",\"delimiter\":\";\",\"quote\":\"\\\"\","
                + "\"header\":true,\"encoding\":\"UTF-8\",\"detected\":true,\"decimal_separator\":\",\",\"thousands_separator\":\".\"}");
        assertThat(answer.get("definition").toString()).isEqualTo("{\"fields\":[{\"name\":\"kunden_nr\",\"type\":\"integer\"},"
                + "{\"name\":\"plz\",\"type\":\"string\"},{\"name\":\"betrag\",\"type\":\"number\"},"
                + "{\"name\":\"datum\",\"type\":\"date\",\"format\":\"dd.MM.yyyy\"}],\"key\":[\"kunden_nr\"]}");
        assertThat(answer.get("mapping").get("Kunden-Nr").asText()).isEqualTo("kunden_nr");
        assertThat(answer.get("columns").get(1).toString()).isEqualTo("{\"source\":\"PLZ\",\"field\":\"plz\",\"type\":\"string\","
                + "\"format\":null,\"nulls\":0,\"examples\":[\"07891\",\"10115\"]}");
        assertThat(answer.get("rows_sampled").asLong()).isEqualTo(2);
    }

    @Test
    void infer_without_json_prints_one_line_per_column_and_sample_rows_limits_the_sample() throws Exception {
        Path csv = file("t.csv", "id,v\n1,10\n2,20\n3,not a number\n");

        CliRun run = CliRun.of("infer", csv.toString(), "--sample-rows", "2");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("csv, delimiter ',', quote \", header, UTF-8").contains("2 rows sampled")
                .contains("id -> id integer (key), 0 null, e.g. 1 | 2").contains("v -> v integer, 0 null");
    }

    @Test
    void create_keeps_leading_zeros_and_lands_each_column_in_its_normalized_field() throws Exception {
        Path csv = file("customers.csv", "Customer ID,Zip,Joined\nC1,07891,2024-01-02\nC2,10115,2024-01-03\n");
        String data = dir.resolve("data").toString();

        CliRun run = CliRun.of("import", csv.toString(), "-c", "customers", "--create", "--key", "customer_id",
                "--data-dir", data);

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.err()).contains("created collection customers: customer_id string (key), zip string, joined date");
        assertThat(rows("SELECT customer_id, zip, joined FROM customers ORDER BY customer_id"))
                .containsExactly("C1 07891 2024-01-02", "C2 10115 2024-01-03");
    }

    private List<String> rows(String sql) throws Exception {
        List<String> out = new ArrayList<>();
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("data/sluice.db").toAbsolutePath());
             Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            while (rs.next()) {
                out.add(rs.getString(1) + " " + rs.getString(2) + " " + rs.getString(3));
            }
        }
        return out;
    }
}
