package dev.sluice.cli;

import dev.sluice.client.ImportRequest;
import picocli.CommandLine.Option;

import java.nio.charset.Charset;
import java.util.List;

/** The import options, as flags named like the API's options; shared by {@code import} and {@code retry}. */
final class ImportOptionsMixin {
    @Option(names = "--on-conflict", description = "skip | update | fail: what a row whose key exists does (default skip)")
    ImportRequest.OnConflict onConflict;

    @Option(names = "--error-mode", description = "continue | abort: abort fails the job at the first failed row")
    ImportRequest.ErrorMode errorMode;

    @Option(names = "--max-errors", description = "fail the job when more rows than this fail")
    Long maxErrors;

    @Option(names = "--results", description = "errors | all: which per-row results are kept")
    ImportRequest.Results results;

    @Option(names = "--job-type", description = "import | validate")
    ImportRequest.JobType jobType;

    @Option(names = "--format", description = "csv | tsv | jsonl | json (default: from the file name)")
    ImportRequest.Format format;

    @Option(names = "--delimiter", description = "CSV field separator: one character, or \\t")
    String delimiter;

    @Option(names = "--quote", description = "CSV quote character")
    Character quote;

    @Option(names = "--no-header", description = "the first line is data; name the columns with --columns")
    boolean noHeader;

    @Option(names = "--columns", split = ",", description = "column names, comma-separated")
    List<String> columns;

    @Option(names = "--null-values", split = ",", description = "texts read as null, comma-separated (e.g. NA,-)")
    List<String> nullValues;

    @Option(names = "--encoding", description = "the file's character set (default UTF-8)")
    Charset encoding;

    @Option(names = "--strict", description = "columns that are not fields fail rows with unknown_field")
    boolean strict;


    ImportRequest.Builder toRequest() {
        ImportRequest.Builder b = ImportRequest.builder().onConflict(onConflict).errorMode(errorMode)
                .maxErrors(maxErrors).results(results).jobType(jobType).format(format).quote(quote)
                .columns(columns).nullValues(nullValues).encoding(encoding);
        if (delimiter != null) {
            b.delimiter(delimiterChar(delimiter));
        }
        if (noHeader) {
            b.header(false);
        }
        if (strict) {
            b.strict(true);
        }
        return b;
    }

    /** A {@code --delimiter} value as a character: one character, or {@code \\t} or {@code tab}. */
    static char delimiterChar(String text) {
        if (text.equals("\\t") || text.equalsIgnoreCase("tab")) {
            return '\t';
        }
        if (text.length() != 1) {
            throw new IllegalArgumentException("--delimiter must be one character (or \\t), got '" + text + "'");
        }
        return text.charAt(0);
    }
}
