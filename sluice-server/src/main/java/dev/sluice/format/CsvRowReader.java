package dev.sluice.format;

import dev.sluice.job.SourceFormat;
import de.siegmar.fastcsv.reader.CloseableIterator;
import de.siegmar.fastcsv.reader.CsvParseException;
import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.FieldMismatchStrategy;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Reads CSV and TSV (RFC 4180) with FastCSV: quoted delimiters, doubled quotes, quoted newlines,
 * LF or CRLF. A record with the wrong number of fields is a {@link SourceRow.Malformed}, not an
 * error of the file; completely empty lines are skipped. Each row carries the physical line where
 * it starts (the header is line 1).
 *
 * <p>{@link CsvRecordGuard} watches the text on its way to FastCSV: a record longer than the
 * {@link RecordLimit}, text after a closing quote ({@code "a"b}) and a quote left open at the end of
 * the file each make that record a {@link SourceRow.Malformed}, located at the line where it starts,
 * rather than a value other than the one written.
 *
 * <p>An empty source with {@code header=true} gives a reader with no columns (or the {@code columns}
 * option's) and no rows: an empty file is an empty import, not a broken one.
 *
 * <p>Not thread-safe. Throws {@link UnreadableSourceException} for a blank or repeated column name,
 * {@code header=false} without {@code columns}, undecodable bytes, or a record FastCSV cannot parse.
 */
final class CsvRowReader implements RowReader {
    private static final long DEFAULT_BUFFER = 16L * 1024 * 1024;
    private static final long READ_AHEAD = 1024L * 1024;
    private static final Pattern FASTCSV_LOCATION = Pattern.compile(" \\(record starting at line \\d+\\)");

    private final CsvReader<SourceRow> csv;
    private final CloseableIterator<SourceRow> records;
    private final CsvRecordCollector collector;
    private final CsvRecordGuard guard;
    private List<String> columns = List.of();

    private CsvRowReader(CsvReader<SourceRow> csv, CsvRecordCollector collector, CsvRecordGuard guard) {
        this.csv = csv;
        this.records = csv.iterator();
        this.collector = collector;
        this.guard = guard;
    }

    /** Opens the reader and, when there is one, reads the header. */
    // allowExtraCharsAfterClosingQuote is deprecated for removal but works in the pinned FastCSV 4.4;
    // without it one stray character after a quote would make the whole file unreadable: the guard
    // makes that record a located malformed row instead
    @SuppressWarnings("removal")
    static CsvRowReader open(Reader text, SourceFormat format, Dialect dialect, RecordLimit limit) throws IOException {
        if (!dialect.header() && dialect.columns().isEmpty()) {
            throw new UnreadableSourceException("header=false needs columns: name the columns with the columns option");
        }
        CsvRecordCollector collector = new CsvRecordCollector(dialect.nullValues());
        CsvRecordGuard guard = new CsvRecordGuard(text, dialect.delimiterFor(format), dialect.quote(), limit);
        CsvReader<SourceRow> csv;
        try {
            csv = CsvReader.builder()
                    .fieldSeparator(dialect.delimiterFor(format))
                    .quoteCharacter(dialect.quote())
                    .skipEmptyLines(true)
                    .extraFieldStrategy(FieldMismatchStrategy.IGNORE)
                    .missingFieldStrategy(FieldMismatchStrategy.IGNORE)
                    .allowExtraCharsAfterClosingQuote(true)
                    .allowUnclosedQuote(true)
                    // the guard cuts every record at the limit; FastCSV's buffer also holds the read ahead
                    .maxBufferSize((int) Math.max(DEFAULT_BUFFER, Math.min(Integer.MAX_VALUE - 1024, limit.bytes() + READ_AHEAD)))
                    .build(collector, guard);
        } catch (IllegalArgumentException | IllegalStateException e) {
            throw new UnreadableSourceException("the CSV dialect is not usable: " + e.getMessage(), e);
        }
        CsvRowReader reader = new CsvRowReader(csv, collector, guard);
        reader.start(dialect);
        return reader;
    }

    private void start(Dialect dialect) throws IOException {
        if (dialect.header()) {
            SourceRow header = next();
            if (header instanceof SourceRow.Malformed broken) {
                throw new UnreadableSourceException("the header (line " + broken.line() + ") " + broken.message());
            }
            if (header != null && dialect.columns().isEmpty()) {
                columns = checkedNames(((SourceRow.Cells) header).values(), "the header");
                collector.expectColumns(columns.size(), "the header has " + columns.size());
                return;
            }
        }
        if (!dialect.columns().isEmpty()) {
            columns = checkedNames(dialect.columns().toArray(String[]::new), "the columns option");
            collector.expectColumns(columns.size(), columns.size() + " columns were named");
        }
    }

    private static List<String> checkedNames(String[] raw, String source) throws UnreadableSourceException {
        List<String> names = new ArrayList<>(raw.length);
        Map<String, Integer> seen = new HashMap<>();
        for (int i = 0; i < raw.length; i++) {
            String name = raw[i].strip();
            if (i == 0 && name.startsWith("\uFEFF")) {
                name = name.substring(1).strip();
            }
            if (name.isEmpty()) {
                throw new UnreadableSourceException(source + " has a blank column name (column " + (i + 1) + ")");
            }
            Integer first = seen.putIfAbsent(name, i + 1);
            if (first != null) {
                throw new UnreadableSourceException(source + " names column '" + name + "' twice (columns "
                        + first + " and " + (i + 1) + ")");
            }
            names.add(name);
        }
        return List.copyOf(names);
    }

    @Override
    public List<String> columns() {
        return columns;
    }

    @Override
    public SourceRow next() throws IOException {
        try {
            SourceRow row = records.hasNext() ? records.next() : null;
            if (row == null) {
                return null;
            }
            CsvRecordGuard.Problem problem = guard.problemAt(row.line());
            String text = guard.passed(row.line(), problem != null || row instanceof SourceRow.Malformed);
            if (problem != null) {
                // a record cut at the limit is not whole: only its start is kept, marked as cut
                return new SourceRow.Malformed(row.line(), problem.message(), excerpt(row),
                        problem.cut() && text != null ? RecordLimit.excerpt(text) : text);
            }
            return row instanceof SourceRow.Malformed m ? new SourceRow.Malformed(m.line(), m.message(), m.raw(), text)
                    : row;
        } catch (UncheckedIOException e) {
            throw e.getCause(); // FastCSV wraps the reader's own errors: undecodable bytes, a broken gzip, I/O
        } catch (CsvParseException e) {
            String message = FASTCSV_LOCATION.matcher(String.valueOf(e.getMessage())).replaceAll("");
            throw new UnreadableSourceException("the CSV cannot be parsed at line " + collector.line() + ": "
                    + message, e);
        }
    }

    /** The fields of a record, each cut to an excerpt: a record cut at the limit must not be kept whole. */
    private static String[] excerpt(SourceRow row) {
        String[] fields = row instanceof SourceRow.Cells cells ? cells.values() : ((SourceRow.Malformed) row).raw();
        int kept = Math.min(fields.length, 100);
        String[] cut = new String[kept];
        for (int i = 0; i < kept; i++) {
            cut[i] = fields[i] == null ? null : RecordLimit.excerpt(fields[i]);
        }
        return cut;
    }

    @Override
    public void close() throws IOException {
        csv.close();
    }
}
