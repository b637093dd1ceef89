package dev.sluice.format;

import dev.sluice.job.SourceFormat;
import dev.sluice.job.OptionSet;
import dev.sluice.job.Options;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;

/**
 * How a tabular source is written; ignored by the JSON readers except {@link #encoding()}.
 * Immutable and thread-safe.
 *
 * @param delimiter  the field separator; null for the format's own ({@code ,} for CSV, tab for TSV)
 * @param quote      the quote character
 * @param header     true when the first record names the columns
 * @param columns    the column names when {@code header} is false (or to override the header); empty otherwise
 * @param nullValues unquoted cell texts that mean null, besides the empty unquoted field
 * @param encoding   the source's character set
 * @param strict     true to refuse columns that are not fields of the collection
 * @param sheet      the sheet of a spreadsheet to read; null for its first
 */
public record Dialect(Character delimiter, char quote, boolean header, List<String> columns,
                      Set<String> nullValues, Charset encoding, boolean strict, String sheet) {

    public static final Dialect DEFAULT =
            new Dialect(null, '"', true, List.of(), Set.of(), StandardCharsets.UTF_8, false);

    public Dialect {
        columns = List.copyOf(columns);
        nullValues = Set.copyOf(nullValues);
    }

    /** A dialect of a text source, which has no sheets. */
    public Dialect(Character delimiter, char quote, boolean header, List<String> columns,
                   Set<String> nullValues, Charset encoding, boolean strict) {
        this(delimiter, quote, header, columns, nullValues, encoding, strict, null);
    }

    /** The dialect {@code given} names, each option it leaves out at its default. */
    public static Dialect of(OptionSet given) {
        return new Dialect(given.get(Options.DELIMITER), given.get(Options.QUOTE, DEFAULT.quote()),
                given.get(Options.HEADER, DEFAULT.header()), given.get(Options.COLUMNS, DEFAULT.columns()),
                Set.copyOf(given.get(Options.NULL_VALUES, List.of())), given.get(Options.ENCODING, DEFAULT.encoding()),
                given.get(Options.STRICT, DEFAULT.strict()), given.get(Options.SHEET));
    }

    /** The delimiter to use for this format. */
    public char delimiterFor(SourceFormat format) {
        if (delimiter != null) {
            return delimiter;
        }
        return format == SourceFormat.TSV ? '\t' : ',';
    }
}
