package dev.sluice.http;

import com.fasterxml.jackson.databind.JsonNode;
import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.CsvRecord;
import de.siegmar.fastcsv.reader.FieldMismatchStrategy;
import dev.sluice.client.ImportJob;
import dev.sluice.infer.InferenceCorpus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Each file of the inference corpus imported with the definition {@code POST /v1/infer} proposes and
 * its dialect options: every valid row is created and every value reads back as written (a leading
 * zero is never lost). Files whose columns need mapping (source names that are not already field
 * names), a value format (dates not in ISO form, decimal commas), or whose values are stored in
 * another spelling (numbers, booleans, timestamps, JSON) wait for column mapping and the value-format
 * options; the test names the files it imported.
 */
class InferredCorpusImportApiTest {
    private static final Set<String> AS_WRITTEN = Set.of("string", "integer", "uuid", "date", "decimal");

    @RegisterExtension
    static final RunningServer server = RunningServer.sqliteOrPostgres(ServerOptions.chunkRows(500));

    @Test
    void every_plain_corpus_file_imports_with_its_inferred_definition_and_reads_back_as_written() {
        List<String> imported = new ArrayList<>();
        int n = 0;
        for (InferenceCorpus.Case c : InferenceCorpus.all()) {
            if (c.dialect() == null) {
                continue;
            }
            RunningServer.Answer answer = server.post("/v1/infer?format=csv", "text/csv", c.bytes());
            assertThat(answer.status()).as("%s: %s", c.file(), answer).isEqualTo(200);
            JsonNode inference = answer.json();
            if (!plain(inference)) {
                continue;
            }
            String name = "corpus_" + n++;
            assertThat(server.postJson("/v1/collections", definition(name, inference)).status()).as(c.file()).isEqualTo(201);
            ImportJob job = server.importAndWait(name, options(inference), "text/csv", c.bytes());
            checkRows(c, inference, name, job);
            imported.add(c.file());
        }
        // the other delimited files need column mapping or the value-format options (docs/inference.md#in-import-jobs)
        assertThat(imported).as("corpus files imported").containsExactly("postcodes.csv", "multiline_notes.csv",
                "big_integers.csv", "uuids.csv", "no_header.csv", "single_quotes.csv", "mixed.csv", "utf16be.tsv");
    }

    /** Read as written: no mapping beyond names, no value format, a key, and types stored as their text. */
    private static boolean plain(JsonNode inference) {
        boolean[] plain = {inference.at("/definition/key").size() == 1
                && !",".equals(inference.at("/dialect/decimal_separator").asText(""))};
        inference.get("mapping").properties().forEach(e -> plain[0] &= e.getKey().equals(e.getValue().asText()));
        inference.at("/definition/fields").forEach(f -> plain[0] &= !f.has("format")
                && AS_WRITTEN.contains(f.get("type").asText()));
        return plain[0];
    }

    private static String definition(String name, JsonNode inference) {
        com.fasterxml.jackson.databind.node.ObjectNode d = ((com.fasterxml.jackson.databind.node.ObjectNode)
                inference.get("definition").deepCopy());
        d.put("name", name);
        return d.toString();
    }

    private static String options(JsonNode inference) {
        JsonNode d = inference.get("dialect");
        StringBuilder q = new StringBuilder("delimiter=" + RunningServer.encode(d.get("delimiter").asText())
                + "&quote=" + RunningServer.encode(d.get("quote").asText()) + "&encoding=" + d.get("encoding").asText()
                + "&header=" + d.get("header").asBoolean());
        if (!d.get("header").asBoolean()) {
            List<String> columns = new ArrayList<>();
            inference.get("columns").forEach(col -> columns.add(col.get("source").asText()));
            q.append("&columns=").append(String.join(",", columns));
        }
        return q.toString();
    }

    private static void checkRows(InferenceCorpus.Case c, JsonNode inference, String name, ImportJob job) {
        JsonNode d = inference.get("dialect");
        List<String> sources = new ArrayList<>();
        inference.get("columns").forEach(col -> sources.add(col.get("source").asText()));
        String key = inference.at("/definition/key/0").asText();
        long valid = 0;
        try (CsvReader<CsvRecord> reader = CsvReader.builder().fieldSeparator(d.get("delimiter").asText().charAt(0))
                .quoteCharacter(d.get("quote").asText().charAt(0)).skipEmptyLines(true)
                .extraFieldStrategy(FieldMismatchStrategy.IGNORE).missingFieldStrategy(FieldMismatchStrategy.IGNORE)
                .ofCsvRecord(c.text().startsWith("\uFEFF") ? c.text().substring(1) : c.text())) {
            Iterator<CsvRecord> records = reader.iterator();
            if (d.get("header").asBoolean()) {
                records.next();
            }
            while (records.hasNext()) {
                List<String> cells = records.next().getFields();
                if (cells.size() != sources.size()) {
                    continue;
                }
                valid++;
                JsonNode record = server.record(name, cells.get(sources.indexOf(sourceOf(inference, key))));
                assertThat(record).as("%s: the row keyed %s", c.file(), cells).isNotNull();
                for (int i = 0; i < cells.size(); i++) {
                    String field = inference.get("mapping").get(sources.get(i)).asText();
                    JsonNode value = record.get(field);
                    String cell = cells.get(i);
                    assertThat(value.isNull() ? "" : value.asText()).as("%s: %s of %s", c.file(), field, cells)
                            .isEqualTo(cell);
                }
            }
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        assertThat(job.counts().created()).as("%s: rows created", c.file()).isEqualTo(valid);
    }

    private static String sourceOf(JsonNode inference, String field) {
        for (JsonNode col : inference.get("columns")) {
            if (col.get("field").asText().equals(field)) {
                return col.get("source").asText();
            }
        }
        throw new AssertionError("no column for " + field);
    }
}
