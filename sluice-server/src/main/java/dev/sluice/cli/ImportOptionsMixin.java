package dev.sluice.cli;

import dev.sluice.client.ImportRequest;
import picocli.CommandLine.Option;

import java.nio.charset.Charset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The import options, as flags named like the API's options; shared by {@code import} and {@code retry}. */
final class ImportOptionsMixin {
    @Option(names = "--on-conflict", description = "skip | update | fail | merge: what a row whose key exists does (default skip); merge overwrites only the fields the file carries")
    ImportRequest.OnConflict onConflict;

    @Option(names = "--error-mode", description = "continue | abort: abort fails the job at the first failed row")
    ImportRequest.ErrorMode errorMode;

    @Option(names = "--max-errors", description = "fail the job when more rows than this fail")
    Long maxErrors;

    @Option(names = "--results", description = "errors | all: which per-row results are kept")
    ImportRequest.Results results;

    @Option(names = "--job-type", description = "import | validate")
    ImportRequest.JobType jobType;

    @Option(names = "--atomic", description = "all rows or none: written in one final transaction, only when the"
            + " job ends within its error budget")
    boolean atomic;

        @Option(names = "--format", description = "csv | tsv | jsonl | json | xlsx (default: from the file name)")
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

    @Option(names = "--map", paramLabel = "COLUMN=FIELD", description = "feed FIELD from the source column COLUMN"
            + " (a dotted path such as address.city reaches into JSON objects); COLUMN= ignores it; repeatable")
    List<String> map;

    @Option(names = "--format-of", paramLabel = "FIELD=PATTERN", description = "the date or timestamp pattern of"
            + " FIELD in this file, e.g. joined=dd.MM.yyyy; repeatable")
    List<String> formatOf;

    @Option(names = "--decimal-separator", description = ". or , (default .)")
    String decimalSeparator;

    @Option(names = "--thousands-separator", description = "none, ',', '.', ' ' or \"'\" (default none)")
    String thousandsSeparator;

    @Option(names = "--true-values", split = ",", description = "words read as true, comma-separated (e.g. ja,oui)")
    List<String> trueValues;

    @Option(names = "--false-values", split = ",", description = "words read as false, comma-separated")
    List<String> falseValues;

    @Option(names = "--trim", description = "strings lose leading and trailing blanks too")
    boolean trim;

    @Option(names = "--sheet", description = "xlsx: the sheet to read, by name (default: the first)")
    String sheet;

    ImportRequest.Builder toRequest() {
        ImportRequest.Builder b = ImportRequest.builder().onConflict(onConflict).errorMode(errorMode)
                .maxErrors(maxErrors).results(results).jobType(jobType).atomic(atomic ? Boolean.TRUE : null).format(format).quote(quote)
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
        if (map != null) {
            b.mapping(pairs("--map", map, true));
        }
        if (formatOf != null) {
            b.formats(pairs("--format-of", formatOf, false));
        }
        b.decimalSeparator(decimalSeparator).thousandsSeparator(thousandsSeparator).trueValues(trueValues)
                .falseValues(falseValues);
        if (trim) {
            b.trim(true);
        }
        return b.sheet(sheet);
    }

    /**
     * {@code NAME=VALUE} flags as a map, in the order given. A field name holds no {@code =}: for
     * {@code --map} the value is after the last one (a column name may hold one) and an empty value is
     * null (the column is ignored); for {@code --format-of} after the first.
     */
    static Map<String, String> pairs(String flag, List<String> given, boolean fieldLast) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String pair : given) {
            int eq = fieldLast ? pair.lastIndexOf('=') : pair.indexOf('=');
            if (eq <= 0 || !fieldLast && eq == pair.length() - 1) {
                throw new IllegalArgumentException(flag + " takes " + (fieldLast ? "COLUMN=FIELD (COLUMN= to ignore it)"
                        : "FIELD=PATTERN") + ", got '" + pair + "'");
            }
            String value = pair.substring(eq + 1).trim();
            out.put(fieldLast ? pair.substring(0, eq) : pair.substring(0, eq).trim(), value.isEmpty() ? null : value);
        }
        return out;
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
