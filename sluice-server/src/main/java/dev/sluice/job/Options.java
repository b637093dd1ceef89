package dev.sluice.job;

import com.fasterxml.jackson.databind.node.TextNode;
import dev.sluice.job.Option.Scope;

import java.nio.charset.Charset;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Every import option, each written once: its wire name, what it applies to, its type, and how it
 * is read, checked and stored. {@code POST /v1/collections/{name}/import} reads them from the query,
 * {@code POST /v1/imports} from its JSON members, both through {@link OptionSet#read}; adding an
 * option is one constant here (listed in {@link #ALL}) plus its use. Options are documented in
 * docs/http-api.md.
 */
public final class Options {
    public static final Option<ConflictPolicy> ON_CONFLICT = Option.choice("on_conflict", Scope.JOB,
            ConflictPolicy.class);
    public static final Option<ImportOptions.ErrorMode> ERROR_MODE = Option.choice("error_mode", Scope.JOB,
            ImportOptions.ErrorMode.class);
    public static final Option<Long> MAX_ERRORS = Option.number("max_errors", Scope.JOB,
            n -> n < 0 ? "max_errors cannot be negative, got " + n : null);
    public static final Option<ImportOptions.Results> RESULTS = Option.choice("results", Scope.JOB,
            ImportOptions.Results.class);
    public static final Option<ImportOptions.JobType> JOB_TYPE = Option.choice("job_type", Scope.JOB,
            ImportOptions.JobType.class);
    /** A one-off callback when the job ends, signed with {@code --webhook-secret} (docs/http-api.md#webhooks). */
    public static final Option<String> NOTIFY_URL = Option.text("notify_url", Scope.JOB);
    /** All rows or none (docs/concepts.md, "Atomic imports"). */
    public static final Option<Boolean> ATOMIC = Option.flag("atomic", Scope.JOB);

    public static final Option<SourceFormat> FORMAT = Option.named("format", Scope.FILE, SourceFormat::fromWireName,
            SourceFormat::wireName, t -> "format must be one of csv, tsv, jsonl, json, xlsx, parquet; got '" + t + "'");
    public static final Option<Character> DELIMITER = Option.character("delimiter", Scope.FILE,
            t -> oneCharacter(t.equals("\\t") || t.equalsIgnoreCase("tab") ? "\t" : t),
            "one character (or \\t) that is not a line break");
    public static final Option<Character> QUOTE = Option.character("quote", Scope.FILE, Options::oneCharacter,
            "one character that is not a line break");
    public static final Option<Boolean> HEADER = Option.flag("header", Scope.FILE);
    public static final Option<List<String>> COLUMNS = Option.list("columns", Scope.FILE, String::trim);
    public static final Option<List<String>> NULL_VALUES = Option.list("null_values", Scope.FILE, t -> t);
    public static final Option<Charset> ENCODING = new Option<>("encoding", Scope.FILE, (source, n) -> {
        String name = source.text(n);
        try {
            return name == null ? null : Charset.forName(name);
        } catch (RuntimeException e) {
            throw Option.invalid(n, "encoding '" + name + "' is not a known character set");
        }
    }, c -> TextNode.valueOf(c.name()), j -> Charset.forName(j.asText()));
    public static final Option<Boolean> STRICT = Option.flag("strict", Scope.FILE);
    /** Source column (or dotted JSON path) to field name, or to null to ignore it (docs/concepts.md, "Column mapping"). */
    public static final Option<Map<String, String>> MAPPING = Option.object("mapping", Scope.FILE, true,
            (column, field) -> column.isEmpty() ? "a source column name cannot be empty" : null);
    /** Field to date or timestamp pattern, for this import (docs/concepts.md, "Local formats"). */
    public static final Option<Map<String, String>> FORMATS = Option.object("formats", Scope.FILE, false,
            (field, pattern) -> null);
    public static final Option<String> DECIMAL_SEPARATOR = Option.text("decimal_separator", Scope.FILE);
    public static final Option<String> THOUSANDS_SEPARATOR = Option.text("thousands_separator", Scope.FILE);
    public static final Option<List<String>> TRUE_VALUES = Option.list("true_values", Scope.FILE, String::trim);
    public static final Option<List<String>> FALSE_VALUES = Option.list("false_values", Scope.FILE, String::trim);
    public static final Option<Boolean> TRIM = Option.flag("trim", Scope.FILE);
    /** The sheet of an xlsx workbook to read, by name; its first when not given (docs/concepts.md, "Excel files"). */
    public static final Option<String> SHEET = Option.text("sheet", Scope.FILE);

    public static final Option<Boolean> WAIT = Option.flag("wait", Scope.ANSWER);
    public static final Option<Long> TIMEOUT = Option.number("timeout", Scope.ANSWER,
            s -> s < 1 || s > 3600 ? "timeout is in seconds, from 1 to 3600; got " + s : null);

    /** Every option, in the order requests are checked and errors named. */
    public static final List<Option<?>> ALL = List.of(ON_CONFLICT, ERROR_MODE, MAX_ERRORS, RESULTS, JOB_TYPE,
            NOTIFY_URL, ATOMIC,
            FORMAT, DELIMITER, QUOTE, HEADER, COLUMNS, NULL_VALUES, ENCODING, STRICT,
            MAPPING, FORMATS, DECIMAL_SEPARATOR, THOUSANDS_SEPARATOR, TRUE_VALUES, FALSE_VALUES, TRIM, SHEET, WAIT,
            TIMEOUT);

    /** The file options that say how columns and values are written, whatever the format (records too). */
    public static final List<Option<?>> CONVERSION = List.of(MAPPING, FORMATS, DECIMAL_SEPARATOR,
            THOUSANDS_SEPARATOR, TRUE_VALUES, FALSE_VALUES, TRIM);

    /** How long a {@code wait} may take when {@code timeout} is not given. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(10);

    private Options() {
    }

    /** The options of one scope, in {@link #ALL}'s order. */
    public static List<Option<?>> of(Scope scope) {
        return ALL.stream().filter(o -> o.scope() == scope).toList();
    }

    /** The option with this wire name, or null. */
    public static Option<?> named(String name) {
        return ALL.stream().filter(o -> o.name().equals(name)).findFirst().orElse(null);
    }

    /**
     * Refuses file options that do not fit together: {@code header=false} without {@code columns}, and a
     * delimiter equal to the quote for {@code format} (the format's own delimiter counts when none is
     * given; with {@code format} null, only a given delimiter is compared), and a {@code sheet} for a
     * format that has no sheets.
     */
    public static void checkFile(OptionSet file, SourceFormat format) {
        if (Boolean.FALSE.equals(file.get(HEADER)) && file.get(COLUMNS) == null) {
            throw Option.invalid("columns", "header=false needs columns=a,b,c naming the columns");
        }
        if (file.has(SHEET) && format != null && format != SourceFormat.XLSX) {
            throw Option.invalid("sheet", "sheet names a sheet of an xlsx workbook; this file is " + format.wireName());
        }
        if (format == SourceFormat.JSON || format == SourceFormat.JSONL || format == SourceFormat.XLSX
                || format == SourceFormat.PARQUET) {
            return;
        }
        Character quote = file.get(QUOTE, '"');
        Character delimiter = file.get(DELIMITER, format == SourceFormat.TSV ? Character.valueOf('\t')
                : format == SourceFormat.CSV ? Character.valueOf(',') : null);
        if (quote.equals(delimiter)) {
            String option = file.has(QUOTE) ? "quote" : "delimiter";
            throw Option.invalid(option, "delimiter and quote must differ" + (format == null ? ""
                    : " for " + format.wireName()) + "; both are '" + printable(String.valueOf(quote)) + "'");
        }
    }

    private static Character oneCharacter(String text) {
        return text.length() != 1 || text.equals("\n") || text.equals("\r") ? null : text.charAt(0);
    }

    /** The text with line breaks and other control characters as escapes, fit for a message. */
    static String printable(String text) {
        StringBuilder out = new StringBuilder();
        text.codePoints().forEach(c -> out.append(c == '\n' ? "\\n" : c == '\r' ? "\\r" : c == '\t' ? "\\t"
                : Character.isISOControl(c) ? String.format("\\u%04x", c) : Character.toString(c)));
        return out.toString();
    }
}
