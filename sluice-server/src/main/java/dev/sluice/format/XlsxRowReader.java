package dev.sluice.format;

import dev.sluice.error.SluiceException;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Reads the rows of one sheet of an xlsx workbook (docs/concepts.md, "Excel files"): the first sheet,
 * or the one {@link Dialect#sheet()} names. The header is the first row with a value; each later row
 * with a value is a record whose {@code line} is its row number in the sheet. A zip needs its
 * directory at the end, so the source is first copied to a temporary file; the sheet itself is then
 * streamed, one row in memory, with the shared strings bounded as {@link XlsxSharedStrings} says.
 * Not thread-safe. Deletes its temporary files on {@link #close()}.
 */
public final class XlsxRowReader implements RowReader {
    /** The copy of the source this reader made, deleted on close; null when it reads the caller's file. */
    private final Path spooled;
    private final XlsxPackage pkg;
    private final XlsxSharedStrings strings;
    private final XlsxSheetRows rows;
    private final RecordLimit limit;
    private List<String> columns = List.of();

    private XlsxRowReader(Path spooled, XlsxPackage pkg, XlsxSharedStrings strings, XlsxSheetRows rows,
                          RecordLimit limit) {
        this.spooled = spooled;
        this.pkg = pkg;
        this.strings = strings;
        this.rows = rows;
        this.limit = limit;
    }

    /**
     * Copies {@code in} to a temporary file (closing {@code in}) and opens the sheet.
     *
     * @throws UnreadableSourceException when the source is not an xlsx workbook, has no such sheet,
     *                                   or its header row has a blank or repeated name
     */
    public static RowReader open(InputStream in, Dialect dialect, RecordLimit limit) throws IOException {
        Path spooled = Files.createTempFile("sluice-xlsx", ".zip");
        try (in) {
            Files.copy(in, spooled, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(spooled);
            throw e;
        }
        return open(spooled, true, dialect, limit);
    }

    /**
     * Opens the sheet of the workbook in {@code file}, which stays where it is.
     *
     * @throws UnreadableSourceException as {@link #open(InputStream, Dialect, RecordLimit)}
     */
    public static RowReader open(Path file, Dialect dialect, RecordLimit limit) throws IOException {
        return open(file, false, dialect, limit);
    }

    private static RowReader open(Path file, boolean owned, Dialect dialect, RecordLimit limit) throws IOException {
        XlsxPackage pkg = null;
        XlsxSharedStrings strings = null;
        Path spooled = owned ? file : null;
        try {
            pkg = XlsxPackage.open(file);
            XlsxWorkbook workbook = XlsxWorkbook.read(pkg);
            String part = sheetPart(workbook, dialect.sheet());
            XlsxStyles styles = workbook.styles == null || !pkg.has(workbook.styles) ? XlsxStyles.NONE
                    : XlsxStyles.read(pkg.xml(workbook.styles), workbook.styles);
            strings = workbook.sharedStrings == null || !pkg.has(workbook.sharedStrings)
                    ? new XlsxSharedStrings(0)
                    : XlsxSharedStrings.read(pkg.xml(workbook.sharedStrings), workbook.sharedStrings,
                    XlsxSharedStrings.MEMORY_CHARS, limit.bytes());
            if (!pkg.has(part)) {
                throw new UnreadableSourceException("the workbook names the sheet part " + part + ", which it does not hold");
            }
            XlsxSheetRows rows = new XlsxSheetRows(pkg.xml(part), part, strings, styles, workbook.date1904, limit.bytes());
            XlsxRowReader reader = new XlsxRowReader(spooled, pkg, strings, rows, limit);
            reader.columns = reader.columns(dialect);
            return reader;
        } catch (IOException | RuntimeException e) {
            closeQuietly(strings, e);
            closeQuietly(pkg, e);
            if (spooled != null) {
                Files.deleteIfExists(spooled);
            }
            throw e;
        }
    }

    /**
     * The sheet names of the workbook in {@code file}, in order.
     *
     * @throws UnreadableSourceException when the file is not an xlsx workbook
     */
    public static List<String> sheetNames(Path file) throws IOException {
        try (XlsxPackage pkg = XlsxPackage.open(file)) {
            return XlsxWorkbook.read(pkg).names();
        }
    }

    /**
     * Refuses a sheet that the workbook in {@code file} does not have; a file that is no workbook
     * passes (reading it fails the job, located).
     *
     * @throws SluiceException.Invalid {@code invalid_option} naming the sheets the workbook has
     */
    public static void checkSheet(Path file, String sheet) {
        List<String> names;
        try {
            names = sheetNames(file);
        } catch (IOException e) {
            return;
        }
        if (sheet != null && names.stream().noneMatch(n -> n.equalsIgnoreCase(sheet))) {
            throw new SluiceException.Invalid("invalid_option", noSuchSheet(sheet, names),
                    Map.of("option", "sheet", "sheets", names));
        }
    }

    /** The message for a sheet a workbook does not have, naming those it has. */
    static String noSuchSheet(String sheet, List<String> names) {
        return "the workbook has no sheet '" + sheet + "'; its sheets are "
                + names.stream().map(n -> "'" + n + "'").collect(Collectors.joining(", "));
    }

    private static String sheetPart(XlsxWorkbook workbook, String sheet) throws UnreadableSourceException {
        String part = workbook.sheet(sheet);
        if (part == null) {
            throw new UnreadableSourceException(sheet == null ? "the workbook has no sheets" : noSuchSheet(sheet,
                    workbook.names()));
        }
        return part;
    }

    /** The columns the dialect names, else those of the header row (read here) when there is one. */
    private List<String> columns(Dialect dialect) throws IOException {
        List<String> names = dialect.columns();
        if (dialect.header()) {
            XlsxSheetRows.Row first = nextWithValues();
            List<String> found = first == null ? List.of() : headerNames(first);
            names = names.isEmpty() ? found : names;
        }
        return List.copyOf(names);
    }

    private static List<String> headerNames(XlsxSheetRows.Row row) throws UnreadableSourceException {
        List<String> names = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (int c = 0; c < row.width; c++) {
            String name = row.values[c] == null ? null : row.values[c].trim();
            String cell = XlsxSheetRows.reference(c, row.number);
            if (name == null || name.isEmpty() || row.problems[c] != null) {
                throw new UnreadableSourceException("the header row " + row.number + " has no column name in cell "
                        + cell, null, row.number);
            }
            if (!seen.add(name)) {
                throw new UnreadableSourceException("the header row " + row.number + " names column '" + name
                        + "' twice (again in cell " + cell + ")", null, row.number);
            }
            names.add(name);
        }
        return names;
    }

    @Override
    public List<String> columns() {
        return columns;
    }

    @Override
    public SourceRow next() throws IOException {
        XlsxSheetRows.Row row = nextWithValues();
        if (row == null) {
            return null;
        }
        if (row.tooLong >= 0) {
            return new SourceRow.Malformed(row.number, "cell " + XlsxSheetRows.reference(row.tooLong, row.number)
                    + " takes the row past " + limit.text() + " (--max-record-bytes)", null);
        }
        for (int c = columns.size(); c < row.width; c++) {
            if (row.values[c] != null || row.problems[c] != null) {
                return new SourceRow.Malformed(row.number, "has a value in cell " + XlsxSheetRows.reference(c, row.number)
                        + ", past the " + columns.size() + " named columns", Arrays.copyOf(row.values, row.width));
            }
        }
        String[] values = Arrays.copyOf(row.values, columns.size());
        String[] problems = row.hasProblem ? Arrays.copyOf(row.problems, columns.size()) : null;
        return new SourceRow.Cells(row.number, values, null, problems);
    }

    private XlsxSheetRows.Row nextWithValues() throws IOException {
        XlsxSheetRows.Row row = rows.next();
        while (row != null && row.empty()) {
            row = rows.next();
        }
        return row;
    }

    @Override
    public void close() throws IOException {
        try (pkg; strings) {
            if (spooled != null) {
                Files.deleteIfExists(spooled);
            }
        }
    }

    private static void closeQuietly(AutoCloseable c, Exception failure) {
        if (c == null) {
            return;
        }
        try {
            c.close();
        } catch (Exception closing) {
            failure.addSuppressed(closing);
        }
    }
}
