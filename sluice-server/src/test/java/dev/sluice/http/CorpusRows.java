package dev.sluice.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.TextNode;
import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.CsvRecord;
import de.siegmar.fastcsv.reader.FieldMismatchStrategy;
import dev.sluice.infer.InferenceCorpus;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;

/**
 * The rows of one corpus file as its generator wrote them, read with the dialect the corpus declares
 * (not with Sluice's): per valid row the value written for each expected field in order, and the
 * lines of the rows the file makes invalid (a record whose number of cells differs from the header's).
 */
record CorpusRows(List<String[]> fields, List<List<JsonNode>> valid, List<Long> invalidLines) {
    private static final String TYPES = "string|integer|number|decimal|boolean|date|timestamp|uuid|json";

    static CorpusRows of(InferenceCorpus.Case c) {
        List<String[]> fields = new ArrayList<>();
        for (String field : c.fields().split(" (?=[a-z0-9_]+:(" + TYPES + "))")) {
            fields.add(field.split(":", 3));
        }
        return c.dialect() == null ? json(c, fields) : delimited(c, fields);
    }

    private static CorpusRows json(InferenceCorpus.Case c, List<String[]> fields) {
        List<List<JsonNode>> valid = new ArrayList<>();
        try {
            List<JsonNode> objects = new ArrayList<>();
            if (c.text().startsWith("[")) {
                RunningServer.JSON.readTree(c.text()).forEach(objects::add);
            } else {
                for (String line : c.text().split("\n")) {
                    objects.add(RunningServer.JSON.readTree(line));
                }
            }
            for (JsonNode object : objects) {
                valid.add(fields.stream().map(f -> object.has(f[0]) ? object.get(f[0]) : MissingNode.getInstance()).toList());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new CorpusRows(fields, valid, List.of());
    }

    private static CorpusRows delimited(InferenceCorpus.Case c, List<String[]> fields) {
        InferenceCorpus.Dialect d = c.dialect();
        List<List<JsonNode>> valid = new ArrayList<>();
        List<Long> invalid = new ArrayList<>();
        String text = c.text().startsWith("\uFEFF") ? c.text().substring(1) : c.text();
        try (CsvReader<CsvRecord> reader = CsvReader.builder().fieldSeparator(d.delimiter().charAt(0))
                .quoteCharacter(d.quote().charAt(0)).skipEmptyLines(true)
                .extraFieldStrategy(FieldMismatchStrategy.IGNORE).missingFieldStrategy(FieldMismatchStrategy.IGNORE)
                .ofCsvRecord(text)) {
            Iterator<CsvRecord> records = reader.iterator();
            if (d.header()) {
                records.next();
            }
            while (records.hasNext()) {
                CsvRecord record = records.next();
                if (record.getFieldCount() != fields.size()) {
                    invalid.add(record.getStartingLineNumber());
                    continue;
                }
                valid.add(record.getFields().stream().map(cell -> (JsonNode) TextNode.valueOf(cell)).toList());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new CorpusRows(fields, valid, invalid);
    }

    @Override
    public String toString() {
        return fields.stream().map(Arrays::toString).toList() + " " + valid.size() + " valid, invalid at " + invalidLines;
    }
}
