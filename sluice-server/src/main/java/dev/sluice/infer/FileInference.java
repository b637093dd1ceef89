package dev.sluice.infer;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sluice.format.ParquetFooter;
import dev.sluice.job.SourceFormat;

import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Sniffs the dialect of a file and infers its schema from a sample (docs/inference.md): the first
 * rows, and for a large file also rows from its middle and end. Reads at most a few megabytes
 * whatever the file's size. Stateless and thread-safe; throws {@link IOException} when the file
 * cannot be read.
 */
public final class FileInference {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int RESYNC_LINES = 50;
    private static final int RESYNC_RECORDS = 5;

    private FileInference() {
    }

    /**
     * What the caller already knows; null members are sniffed.
     *
     * @param sampleRows how many rows to read at most, in all
     */
    public record Options(SourceFormat format, Character delimiter, Character quote, Boolean header,
                          Charset encoding, int sampleRows, String sheet) {
        public static final int DEFAULT_SAMPLE_ROWS = 20_000;

        /** Options for a source that is not a spreadsheet (or whose first sheet is meant). */
        public Options(SourceFormat format, Character delimiter, Character quote, Boolean header,
                       Charset encoding, int sampleRows) {
            this(format, delimiter, quote, header, encoding, sampleRows, null);
        }

        public static Options sniffAll() {
            return new Options(null, null, null, null, null, DEFAULT_SAMPLE_ROWS);
        }
    }

    public static Inference infer(Path file, Options options) throws IOException {
        if (options.format() == SourceFormat.PARQUET || options.format() == null && ParquetFooter.hasMagic(file)) {
            return ParquetInference.infer(file, Math.max(1, options.sampleRows()));
        }
        if (options.format() == SourceFormat.XLSX || options.format() == null && (SourceFormat.fromFileName(
                file.getFileName().toString()) == SourceFormat.XLSX || SpreadsheetSample.isZip(file))) {
            return SpreadsheetSample.infer(file, options);
        }
        FileSample sample = FileSample.read(file, options.encoding());
        SourceFormat format = options.format() != null ? options.format()
                : SourceFormat.fromFileName(file.getFileName().toString());
        if (format == null) {
            String start = sample.head().stripLeading();
            format = start.startsWith("{") ? SourceFormat.JSONL : start.startsWith("[") ? SourceFormat.JSON : SourceFormat.CSV;
        }
        int budget = Math.max(1, options.sampleRows());
        int tailBudget = sample.tails().isEmpty() ? 0 : Math.max(1, budget / 10);
        int headBudget = Math.max(1, budget - tailBudget * sample.tails().size());
        String encoding = sample.encoding().name();
        boolean detected = options.encoding() == null;
        if (format == SourceFormat.JSONL || format == SourceFormat.JSON) {
            List<JsonNode> objects = format == SourceFormat.JSON ? arrayElements(sample.head(), headBudget)
                    : jsonLines(sample.head(), headBudget);
            for (String tail : sample.tails()) {
                objects.addAll(format == SourceFormat.JSONL ? jsonLines(tail, tailBudget) : List.of());
            }
            return SchemaInference.fromJson(objects,
                    new Inference.Dialect(format.wireName(), null, null, null, encoding, detected, null, null));
        }
        Character delimiter = options.delimiter() != null ? options.delimiter()
                : format == SourceFormat.TSV ? Character.valueOf('\t') : null;
        DialectSniffer.Sniffed d = DialectSniffer.sniff(sample.head(), delimiter, options.quote(), options.header());
        detected |= delimiter == null || options.quote() == null || options.header() == null;
        List<List<String>> records = CsvSplitter.split(sample.head(), d.delimiter(), d.quote(), headBudget + 1);
        List<String> sources = sources(records, d.header());
        List<List<String>> rows = new ArrayList<>(records.subList(d.header() && !records.isEmpty() ? 1 : 0, records.size()));
        if (rows.size() > headBudget) {
            rows = rows.subList(0, headBudget);
        }
        for (String tail : sample.tails()) {
            rows.addAll(resynced(tail, d, sources.size(), tailBudget));
        }
        Inference.Dialect dialect = new Inference.Dialect(format.wireName(), String.valueOf(d.delimiter()),
                String.valueOf(d.quote()), d.header(), encoding, detected, null, null);
        return SchemaInference.fromCells(sources, rows, dialect);
    }

    private static List<String> sources(List<List<String>> records, boolean header) {
        if (records.isEmpty()) {
            return List.of();
        }
        if (header) {
            return records.get(0);
        }
        List<String> names = new ArrayList<>();
        for (int i = 1; i <= records.get(0).size(); i++) {
            names.add("column_" + i);
        }
        return names;
    }

    /**
     * The records of a piece cut from inside the file. The piece may start inside a quoted value
     * spanning lines, so reading starts at the first line from which a few records in a row have
     * the header's number of fields.
     */
    private static List<List<String>> resynced(String piece, DialectSniffer.Sniffed d, int fields, int budget) {
        int start = 0;
        for (int line = 0; line < RESYNC_LINES && start < piece.length(); line++) {
            List<List<String>> probe = CsvSplitter.split(piece.substring(start), d.delimiter(), d.quote(), RESYNC_RECORDS);
            if (probe.size() == RESYNC_RECORDS && probe.stream().allMatch(r -> r.size() == fields)) {
                return CsvSplitter.split(piece.substring(start), d.delimiter(), d.quote(), budget);
            }
            int next = piece.indexOf('\n', start);
            if (next < 0) {
                break;
            }
            start = next + 1;
        }
        return List.of();
    }

    private static List<JsonNode> jsonLines(String text, int budget) {
        List<JsonNode> objects = new ArrayList<>();
        for (String line : text.split("\r?\n")) {
            if (objects.size() >= budget) {
                break;
            }
            try {
                if (!line.isBlank()) {
                    objects.add(JSON.readTree(line));
                }
            } catch (IOException e) {
                // a line cut by the sample's edge, or a malformed one: the import reports it, the sample skips it
            }
        }
        return objects;
    }

    private static List<JsonNode> arrayElements(String text, int budget) {
        List<JsonNode> objects = new ArrayList<>();
        try (JsonParser p = JSON.createParser(text)) {
            if (p.nextToken() != JsonToken.START_ARRAY) {
                return objects;
            }
            while (objects.size() < budget && p.nextToken() != null && p.currentToken() != JsonToken.END_ARRAY) {
                objects.add(p.readValueAsTree());
            }
        } catch (IOException e) {
            // the sample ends inside an element: what was read is the sample
        }
        return objects;
    }
}
