package dev.sluice.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sluice.error.SluiceException;
import dev.sluice.format.SourceFormat;
import dev.sluice.job.ConflictPolicy;
import dev.sluice.job.ImportOptions;

import java.nio.charset.Charset;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads a job's options, its files' format and dialect, and how long to wait, from a query or a
 * JSON request alike; every refusal is {@code 400 invalid_option} naming the option. Stateless and
 * thread-safe.
 */
final class JobOptions {
    /** The options of the job itself. */
    static final Set<String> JOB = Set.of("on_conflict", "error_mode", "max_errors", "results", "job_type");
    /** The format and dialect of its files. */
    static final Set<String> FILES = Set.of("format", "delimiter", "quote", "header", "columns", "null_values",
            "encoding", "strict");
    /** How the answer waits. */
    static final Set<String> WAIT = Set.of("wait", "timeout");

    private JobOptions() {
    }

    /** The job's options; each absent one is taken from {@code defaults}. */
    static ImportOptions options(OptionValues v, ImportOptions defaults) {
        Long maxErrors = v.number("max_errors");
        if (maxErrors != null && maxErrors < 0) {
            throw SluiceException.Invalid.option("max_errors", "max_errors cannot be negative, got " + maxErrors);
        }
        return new ImportOptions(
                choice(v, "on_conflict", ConflictPolicy.class, defaults.onConflict()),
                choice(v, "error_mode", ImportOptions.ErrorMode.class, defaults.errorMode()),
                maxErrors != null ? maxErrors : defaults.maxErrors(),
                choice(v, "results", ImportOptions.Results.class, defaults.results()),
                choice(v, "job_type", ImportOptions.JobType.class, defaults.jobType()));
    }

    private static <E extends Enum<E>> E choice(OptionValues v, String name, Class<E> type, E dflt) {
        String text = v.text(name);
        if (text == null) {
            return dflt;
        }
        E e = ImportOptions.parse(type, text);
        if (e == null) {
            StringBuilder allowed = new StringBuilder();
            for (E c : type.getEnumConstants()) {
                allowed.append(allowed.length() == 0 ? "" : ", ").append(ImportOptions.wireName(c));
            }
            throw SluiceException.Invalid.option(name, name + " must be one of " + allowed + ", got '" + text + "'");
        }
        return e;
    }

    /** The format the request names with {@code format}, or null. */
    static SourceFormat format(OptionValues v) {
        String named = v.text("format");
        if (named == null) {
            return null;
        }
        SourceFormat f = SourceFormat.fromWireName(named);
        if (f == null) {
            throw SluiceException.Invalid.option("format", "format must be one of csv, tsv, jsonl, json; got '"
                    + named + "'");
        }
        return f;
    }

    /**
     * The format of a file sent with a request: {@code named} if given, else the Content-Type, else
     * the file name's extension, else {@code fallback}.
     *
     * @throws SluiceException {@code unsupported_media_type} when none of them tells
     */
    static SourceFormat format(SourceFormat named, String contentType, String fileName, SourceFormat fallback) {
        SourceFormat f = named != null ? named : SourceFormat.fromMediaType(contentType);
        if (f == null) {
            f = SourceFormat.fromFileName(fileName);
        }
        if (f == null) {
            f = fallback;
        }
        if (f == null) {
            throw new SluiceException.UnsupportedMedia("unsupported_media_type", "Content-Type '" + contentType + "' of " + fileName
                    + " is not a format Sluice reads: send text/csv, text/tab-separated-values, application/x-ndjson"
                    + " or application/json, or name the format with format", Map.of("content_type",
                    String.valueOf(contentType), "file", String.valueOf(fileName)));
        }
        return f;
    }

    /** The dialect options as the JSON stored with each file; a format stays beside them for files added later. */
    static ObjectNode dialect(OptionValues v, ObjectMapper json) {
        ObjectNode d = json.createObjectNode();
        for (String option : List.of("delimiter", "quote")) {
            if (v.sentEmpty(option)) {
                throw SluiceException.Invalid.option(option, option + " was sent empty; leave it out for the"
                        + " format's own, or give one character");
            }
        }
        String delimiter = v.text("delimiter");
        if (delimiter != null) {
            String unescaped = delimiter.equals("\\t") || delimiter.equalsIgnoreCase("tab") ? "\t" : delimiter;
            if (unescaped.length() != 1 || isLineBreak(unescaped)) {
                throw SluiceException.Invalid.option("delimiter", "delimiter must be one character (or \\t) that"
                        + " is not a line break, got '" + printable(delimiter) + "'");
            }
            d.put("delimiter", unescaped);
        }
        String quote = v.text("quote");
        if (quote != null) {
            if (quote.length() != 1 || isLineBreak(quote)) {
                throw SluiceException.Invalid.option("quote", "quote must be one character that is not a line break,"
                        + " got '" + printable(quote) + "'");
            }
            d.put("quote", quote);
        }
        separators(d, null);
        Boolean header = v.bool("header");
        List<String> columns = v.list("columns");
        if (Boolean.FALSE.equals(header) && columns == null) {
            throw SluiceException.Invalid.option("columns", "header=false needs columns=a,b,c naming the columns");
        }
        if (header != null) {
            d.put("header", header);
        }
        if (columns != null) {
            ArrayNode cols = d.putArray("columns");
            columns.forEach(c -> cols.add(c.trim()));
        }
        List<String> nulls = v.list("null_values");
        if (nulls != null) {
            ArrayNode n = d.putArray("null_values");
            nulls.forEach(n::add);
        }
        encoding(v, d);
        Boolean strict = v.bool("strict");
        if (strict != null) {
            d.put("strict", strict);
        }
        return d;
    }

    /**
     * The dialect as stored with a file of {@code format}, once its delimiter and quote are known to
     * differ there (the format's own delimiter counts when none is given).
     *
     * @throws SluiceException.Invalid {@code invalid_option} naming the option that collides
     */
    static String forFile(ObjectNode dialect, SourceFormat format) {
        separators(dialect, format);
        return dialect.toString();
    }

    /** Refuses a delimiter equal to the quote; with {@code format} null, only when the delimiter is given. */
    static void separators(JsonNode d, SourceFormat format) {
        if (format == SourceFormat.JSON || format == SourceFormat.JSONL) {
            return;
        }
        String quote = d.path("quote").asText("\"");
        String delimiter = d.path("delimiter").asText(format == SourceFormat.TSV ? "\t"
                : format == SourceFormat.CSV ? "," : null);
        if (quote.equals(delimiter)) {
            String option = d.has("quote") ? "quote" : "delimiter";
            throw SluiceException.Invalid.option(option, "delimiter and quote must differ"
                    + (format == null ? "" : " for " + format.wireName()) + "; both are '" + printable(quote) + "'");
        }
    }

    private static boolean isLineBreak(String c) {
        return c.equals("\n") || c.equals("\r");
    }

    /** The text with line breaks and other control characters as escapes, fit for a message. */
    private static String printable(String text) {
        StringBuilder out = new StringBuilder();
        text.codePoints().forEach(c -> out.append(c == '\n' ? "\\n" : c == '\r' ? "\\r" : c == '\t' ? "\\t"
                : Character.isISOControl(c) ? String.format("\\u%04x", c) : Character.toString(c)));
        return out.toString();
    }

    private static void encoding(OptionValues v, ObjectNode d) {
        String encoding = v.text("encoding");
        if (encoding != null) {
            try {
                d.put("encoding", Charset.forName(encoding).name());
            } catch (RuntimeException e) {
                throw SluiceException.Invalid.option("encoding", "encoding '" + encoding + "' is not a known character set");
            }
        }
    }

    /** The dialect options of {@code defaults} with those of {@code override} on top. */
    static ObjectNode merged(JsonNode defaults, ObjectNode override) {
        ObjectNode out = defaults != null && defaults.isObject() ? ((ObjectNode) defaults).deepCopy()
                : override.objectNode();
        out.remove("format");
        out.setAll(override);
        return out;
    }

    /** {@code wait}: whether the answer waits for the job to end. */
    static boolean wait(OptionValues v) {
        return Boolean.TRUE.equals(v.bool("wait"));
    }

    /** {@code timeout}: how long a {@code wait} may take, in seconds (1 to 3600, default 600). */
    static Duration timeout(OptionValues v) {
        Long seconds = v.number("timeout");
        if (seconds == null) {
            return Duration.ofMinutes(10);
        }
        if (seconds < 1 || seconds > 3600) {
            throw SluiceException.Invalid.option("timeout", "timeout is in seconds, from 1 to 3600; got " + seconds);
        }
        return Duration.ofSeconds(seconds);
    }
}
