package dev.sluice.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sluice.client.ImportJob;
import dev.sluice.infer.InferenceCorpus;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every file of the inference corpus imported with what {@code POST /v1/infer} answers: its
 * definition, and its {@code options} (dialect, mapping, number separators) as import options (docs/inference.md).
 * Every valid row is created and every value reads back as written, compared with the values the
 * corpus generator wrote ({@link CorpusRows}, {@link AsWritten}), never with Sluice's own reading;
 * the rows the corpus makes invalid (ragged rows) fail, located at their line.
 */
class InferredCorpusImportApiTest {
    @RegisterExtension
    static final RunningServer server = RunningServer.sqliteOrPostgres(ServerOptions.chunkRows(500));

    private static final AtomicInteger COLLECTIONS = new AtomicInteger();

    @TestFactory
    Stream<DynamicTest> every_corpus_file_imports_with_its_inferred_options_and_reads_back_as_written() {
        return InferenceCorpus.all().stream().map(c -> DynamicTest.dynamicTest(c.file(), () -> importAndCheck(c)));
    }

    private static void importAndCheck(InferenceCorpus.Case c) {
        RunningServer.Answer answer = server.post("/v1/infer?format=" + format(c), "application/octet-stream", c.bytes());
        assertThat(answer.status()).as("%s: %s", c.file(), answer).isEqualTo(200);
        JsonNode inference = answer.json();
        String name = "corpus_" + COLLECTIONS.incrementAndGet();
        ObjectNode definition = inference.get("definition").deepCopy();
        if (definition.get("key").isEmpty()) {
            // no column is id-like: the key is what the file cannot tell (docs/inference.md#names-and-key)
            definition.putArray("key").add(definition.at("/fields/0/name").asText());
        }
        RunningServer.Answer created = server.postJson("/v1/collections", definition.put("name", name).toString());
        assertThat(created.status()).as("%s: %s", c.file(), created).isEqualTo(201);

        ImportJob job = server.importAndWait(name, options(inference), "application/octet-stream", c.bytes());
        CorpusRows rows = CorpusRows.of(c);
        assertThat(job.counts().created()).as("%s: rows created (%s)", c.file(), server.results(job.id(), "outcome=failed"))
                .isEqualTo(rows.valid().size());
        List<Long> failedLines = new ArrayList<>();
        server.results(job.id(), "outcome=failed").forEach(r -> failedLines.add(r.get("line").asLong()));
        assertThat(failedLines).as("%s: failed rows, located", c.file()).isEqualTo(rows.invalidLines());

        JsonNode records = server.get("/v1/collections/" + name + "/records?limit=10000").json().get("records");
        assertThat(records.size()).as(c.file()).isEqualTo(rows.valid().size());
        for (int i = 0; i < records.size(); i++) {
            checkRecord(c, rows.fields(), rows.valid().get(i), records.get(i));
        }
    }

    private static void checkRecord(InferenceCorpus.Case c, List<String[]> fields, List<JsonNode> written, JsonNode record) {
        for (int f = 0; f < fields.size(); f++) {
            String[] field = fields.get(f);
            String format = field.length > 2 ? field[2] : null;
            assertThat(AsWritten.same(field[1], format, c.dialect(), written.get(f), record.get(field[0])))
                    .as("%s: field %s written %s read back %s", c.file(), field[0], written.get(f), record.get(field[0]))
                    .isTrue();
        }
    }

    private static String format(InferenceCorpus.Case c) {
        if (c.dialect() != null) {
            return "csv";
        }
        return c.text().startsWith("[") ? "json" : "jsonl";
    }

    /** The answer's {@code options} as query parameters: lists comma-separated, objects as JSON text. */
    private static String options(JsonNode inference) {
        List<String> q = new ArrayList<>();
        inference.get("options").properties().forEach(o -> {
            JsonNode v = o.getValue();
            List<String> items = new ArrayList<>();
            v.forEach(item -> items.add(item.asText()));
            String text = v.isArray() ? String.join(",", items) : v.isObject() ? v.toString() : v.asText();
            q.add(o.getKey() + "=" + RunningServer.encode(text));
        });
        return String.join("&", q);
    }
}
