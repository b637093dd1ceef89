package dev.sluice.cli;

import dev.sluice.client.ImportRequest;
import dev.sluice.job.SourceFormat;
import dev.sluice.infer.FileInference;
import dev.sluice.infer.Inference;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.charset.Charset;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/**
 * {@code sluice infer FILE}: sniffs the file's dialect and infers a collection definition from a
 * sample, as docs/inference.md describes. Reads the file here; needs no server and writes nothing.
 * Exit codes: 0 answered, 1 the file cannot be read or a usage error.
 */
@Command(name = "infer", mixinStandardHelpOptions = true,
        description = "Sniff a file's dialect and infer a collection definition from a sample of its rows.")
public final class InferCommand implements Callable<Integer> {

    @Parameters(paramLabel = "FILE", description = "a CSV, TSV, NDJSON or JSON-array file, plain or gzip, or an xlsx workbook")
    Path file;

    @Option(names = "--format", description = "csv | tsv | jsonl | json | xlsx (default: from the file name, else sniffed)")
    ImportRequest.Format format;

    @Option(names = "--delimiter", description = "CSV field separator: one character, or \\t (default: sniffed)")
    String delimiter;

    @Option(names = "--quote", description = "CSV quote character (default: sniffed)")
    Character quote;

    @Option(names = "--no-header", description = "the first line is data")
    boolean noHeader;

    @Option(names = "--encoding", description = "the file's character set (default: sniffed)")
    Charset encoding;

    @Option(names = "--sample-rows", description = "how many rows to read at most (default 20000)")
    int sampleRows = FileInference.Options.DEFAULT_SAMPLE_ROWS;

    @Option(names = "--sheet", description = "xlsx: the sheet to read, by name (default: the first)")
    String sheet;

    @Option(names = "--json", description = "print the answer as JSON, the document POST /v1/infer answers")
    boolean json;

    @Override
    public Integer call() throws Exception {
        String problem = ImportCommand.problem(file);
        if (problem == null && sampleRows < 1) {
            problem = "--sample-rows must be at least 1, got " + sampleRows;
        }
        if (problem != null) {
            System.err.println("sluice infer: " + problem);
            return 1;
        }
        Inference inferred;
        try {
            inferred = FileInference.infer(file, new FileInference.Options(
                    format == null ? null : SourceFormat.fromWireName(format.wireName()),
                    delimiter == null ? null : ImportOptionsMixin.delimiterChar(delimiter), quote,
                    noHeader ? Boolean.FALSE : null, encoding, sampleRows, sheet));
        } catch (IllegalArgumentException | java.io.IOException | dev.sluice.error.SluiceException e) {
            System.err.println("sluice infer: " + file + ": " + e.getMessage());
            return 1;
        }
        System.out.println(json ? inferred.toJson() : describe(inferred));
        return 0;
    }

    /** The answer as lines of text: the dialect, then one line per column. */
    static String describe(Inference inferred) {
        Inference.Dialect d = inferred.dialect();
        StringBuilder out = new StringBuilder(d.format());
        if (d.delimiter() != null) {
            out.append(", delimiter ").append(d.delimiter().equals("\t") ? "tab" : "'" + d.delimiter() + "'")
                    .append(", quote ").append(d.quote()).append(d.header() ? ", header" : ", no header");
        }
        out.append(", ").append(d.encoding()).append(", decimal separator '").append(d.decimalSeparator()).append("'")
                .append(d.thousandsSeparator() == null ? "" : ", thousands separator '" + d.thousandsSeparator() + "'")
                .append("; ").append(inferred.rowsSampled()).append(" rows sampled\n");
        for (Inference.Column c : inferred.columns()) {
            out.append(c.source()).append(" -> ").append(c.field()).append(' ').append(c.type())
                    .append(c.format() == null ? "" : " " + c.format())
                    .append(inferred.definition().key().contains(c.field()) ? " (key)" : "")
                    .append(", ").append(c.nulls()).append(" null").append(c.examples().isEmpty() ? "" : ", e.g. "
                            + String.join(" | ", c.examples())).append('\n');
        }
        return out.toString().stripTrailing();
    }
}
