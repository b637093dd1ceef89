package dev.sluice.engine;

import dev.sluice.format.Dialect;
import dev.sluice.format.UnreadableSourceException;
import dev.sluice.infer.DialectSniffer;
import dev.sluice.infer.SniffedEncoding;
import dev.sluice.job.OptionSet;
import dev.sluice.job.Options;
import dev.sluice.job.ReadDialect;
import dev.sluice.job.SourceFormat;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * How a job's file is read: the options given, and for what they leave out (delimiter, quote,
 * header, encoding) what {@link DialectSniffer} and {@link SniffedEncoding} tell from the file's
 * first bytes (docs/inference.md "In import jobs"). Options given always win. Stateless and thread-safe.
 */
final class DialectChoice {
    /** How much of a file's (decompressed) start is sniffed. */
    static final int HEAD_BYTES = 64 * 1024;
    /** Lines enough to sniff from: the head is cut there when they come first. */
    static final int HEAD_LINES = 200;
    /** The set to pass when bytes are not UTF-8 and nothing better is known. */
    private static final String USUAL_SINGLE_BYTE = "windows-1252";

    private DialectChoice() {
    }

    /**
     * The dialect to read with, what the status document shows of it, and the likeliest character
     * set to name when the bytes turn out not to be text in the one used (null when it was given).
     */
    record Decision(Dialect dialect, ReadDialect read, String likeliest) {
    }

    /** A file read before: its first decision again, whatever its first bytes say now. */
    static Decision stored(ReadDialect read, OptionSet given) {
        Dialect base = Dialect.of(given);
        Charset charset = Charset.forName(read.encoding());
        Dialect dialect = read.delimiter() == null ? withEncoding(base, charset)
                : new Dialect(read.delimiter(), read.quote(), read.header(),
                read.columns().isEmpty() ? base.columns() : read.columns(), base.nullValues(), charset, base.strict());
        return new Decision(dialect, read, given.has(Options.ENCODING) ? null : USUAL_SINGLE_BYTE);
    }

    /** A binary file (Parquet): no delimiter, quote or header to find; its strings are UTF-8 by its format. */
    static Decision binary(OptionSet given) {
        Dialect dialect = withEncoding(Dialect.of(given), StandardCharsets.UTF_8);
        return new Decision(dialect, new ReadDialect(null, null, null, List.of(), StandardCharsets.UTF_8.name(), false),
                null);
    }

    /**
     * Decides from the first bytes of the decompressed file.
     *
     * @param whole true when {@code head} is the whole file
     * @throws UnreadableSourceException when the first record is one column while the lines hold
     *                                   another delimiter, and none was given
     */
    static Decision decide(byte[] head, boolean whole, SourceFormat format, OptionSet given)
            throws UnreadableSourceException {
        Charset givenCharset = given.get(Options.ENCODING);
        SniffedEncoding sniffed = SniffedEncoding.of(head, head.length);
        Charset charset = givenCharset != null ? givenCharset : sniffed.validUtf8() ? sniffed.charset()
                : StandardCharsets.UTF_8;
        String likeliest = givenCharset != null ? null : sniffed.validUtf8() ? USUAL_SINGLE_BYTE : sniffed.name();
        Dialect base = Dialect.of(given);
        if (format == SourceFormat.JSON || format == SourceFormat.JSONL || format == SourceFormat.XLSX) {
            return new Decision(withEncoding(base, charset),
                    new ReadDialect(null, null, null, List.of(), charset.name(), givenCharset == null), likeliest);
        }
        String text = sample(head, charset, whole);
        Character delimiter = given.get(Options.DELIMITER);
        Character quote = given.get(Options.QUOTE);
        Boolean header = given.has(Options.HEADER) || given.has(Options.COLUMNS) ? base.header() : null;
        // a file that writes " anywhere quotes with it: a value quoted across lines must not tip it to '
        Character quoteSeen = quote != null ? quote : text.indexOf('"') >= 0 ? Character.valueOf('"') : null;
        DialectSniffer.Sniffed s = DialectSniffer.sniff(text, delimiter, quoteSeen, header, base.delimiterFor(format));
        List<String> first = DialectSniffer.firstRecord(text, s);
        // a header that merely reads oddly stays a header: only a number, date or uuid in it says otherwise
        boolean hasHeader = header != null ? header : s.header() || first.stream().noneMatch(DialectSniffer::typedCell);
        if (delimiter == null && hasHeader) {
            refuseMissedDelimiter(text, s);
        }
        List<String> columns = hasHeader || !base.columns().isEmpty() ? base.columns() : numbered(first.size());
        Dialect dialect = new Dialect(s.delimiter(), s.quote(), hasHeader, columns, base.nullValues(), charset,
                base.strict());
        boolean detected = delimiter == null || quote == null || header == null || givenCharset == null;
        return new Decision(dialect, new ReadDialect(s.delimiter(), s.quote(), hasHeader,
                header == null && !hasHeader ? columns : List.of(), charset.name(), detected), likeliest);
    }

    /** The decision for the job's log, e.g. {@code delimiter ';', quote '"', header, encoding UTF-8 (sniffed)}. */
    static String describe(ReadDialect read) {
        String encoding = "encoding " + read.encoding() + (read.detected() ? " (sniffed where not given)" : " (as given)");
        if (read.delimiter() == null) {
            return encoding;
        }
        return "delimiter '" + (read.delimiter() == '\t' ? "\\t" : read.delimiter()) + "', quote '" + read.quote()
                + "', " + (read.header() ? "header" : "no header (columns " + String.join(", ", read.columns()) + ")")
                + ", " + encoding;
    }

    private static void refuseMissedDelimiter(String text, DialectSniffer.Sniffed s) throws UnreadableSourceException {
        Character missed = DialectSniffer.missedDelimiter(text, s);
        if (missed != null) {
            String shown = missed == '\t' ? "\\t" : String.valueOf(missed);
            throw new UnreadableSourceException("the header has one column but its lines hold '" + shown
                    + "': pass delimiter=" + shown, null, 1);
        }
    }

    private static List<String> numbered(int count) {
        List<String> names = new ArrayList<>();
        for (int i = 1; i <= count; i++) {
            names.add("column_" + i);
        }
        return names;
    }

    private static Dialect withEncoding(Dialect d, Charset charset) {
        return new Dialect(d.delimiter(), d.quote(), d.header(), d.columns(), d.nullValues(), charset, d.strict(),
                d.sheet());
    }

    /**
     * The head as text for sniffing only (never the text imported): decoded leniently, without a
     * byte order mark, cut after its last line break unless it is the whole file.
     */
    private static String sample(byte[] head, Charset charset, boolean complete) {
        String text;
        try {
            text = charset.newDecoder().onMalformedInput(CodingErrorAction.REPLACE)
                    .onUnmappableCharacter(CodingErrorAction.REPLACE).decode(ByteBuffer.wrap(head)).toString();
        } catch (CharacterCodingException e) {
            throw new IllegalStateException("a replacing decoder reported an error", e);
        }
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1);
        }
        int lastBreak = text.lastIndexOf('\n');
        return complete || lastBreak < 0 ? text : text.substring(0, lastBreak + 1);
    }
}
