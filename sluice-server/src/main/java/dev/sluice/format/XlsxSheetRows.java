package dev.sluice.format;

import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import java.io.IOException;
import java.util.Arrays;

/**
 * The rows of one worksheet part, streamed: each {@code row} element as its number and its cells'
 * texts by column, with shared strings looked up, booleans as {@code true}/{@code false}, date-styled
 * serial numbers as ISO dates and formulas as their cached values. A cell holding a spreadsheet
 * error ({@code #N/A}) or a value with no faithful text carries a problem instead. Holds one row in
 * memory. Not thread-safe.
 */
final class XlsxSheetRows {
    /** One row as read; {@code values} and {@code problems} are indexed by column (A is 0) up to {@code width}. */
    static final class Row {
        long number;
        int width;
        String[] values = new String[16];
        String[] problems = new String[16];
        boolean hasProblem;
        /** The first column whose cell is too long to hold, or -1. */
        int tooLong = -1;
        long chars;

        boolean empty() {
            for (int c = 0; c < width; c++) {
                if (values[c] != null || problems[c] != null) {
                    return false;
                }
            }
            return tooLong < 0;
        }

        private void reset(long n) {
            number = n;
            Arrays.fill(values, 0, width, null);
            Arrays.fill(problems, 0, width, null);
            width = 0;
            hasProblem = false;
            tooLong = -1;
            chars = 0;
        }

        private void put(int column, String value, String problem) {
            if (column >= values.length) {
                int size = Math.max(column + 1, values.length * 2);
                values = Arrays.copyOf(values, size);
                problems = Arrays.copyOf(problems, size);
            }
            values[column] = value;
            problems[column] = problem;
            hasProblem |= problem != null;
            width = Math.max(width, column + 1);
        }
    }

    private final XMLStreamReader xml;
    private final String part;
    private final XlsxSharedStrings strings;
    private final XlsxStyles styles;
    private final boolean date1904;
    private final long limit;
    private final Row row = new Row();
    private final StringBuilder text = new StringBuilder();
    private long lastRow;

    XlsxSheetRows(XMLStreamReader xml, String part, XlsxSharedStrings strings, XlsxStyles styles, boolean date1904,
                  long limit) {
        this.xml = xml;
        this.part = part;
        this.strings = strings;
        this.styles = styles;
        this.date1904 = date1904;
        this.limit = limit;
    }

    /**
     * The next row element (possibly with no values), or null at the end of the sheet. The row is
     * reused: read it before calling again.
     *
     * @throws UnreadableSourceException when the sheet's XML breaks off or is not well formed
     */
    Row next() throws IOException {
        try {
            while (xml.hasNext()) {
                int event = xml.next();
                if (event == XMLStreamConstants.START_ELEMENT && xml.getLocalName().equals("row")) {
                    String r = xml.getAttributeValue(null, "r");
                    lastRow = r == null ? lastRow + 1 : rowNumber(r);
                    readRow();
                    return row;
                }
            }
            return null;
        } catch (XMLStreamException e) {
            throw XlsxPackage.broken(part, e);
        }
    }

    private void readRow() throws XMLStreamException, IOException {
        row.reset(lastRow);
        int column = -1;
        while (xml.hasNext()) {
            int event = xml.next();
            if (event == XMLStreamConstants.END_ELEMENT && xml.getLocalName().equals("row")) {
                return;
            }
            if (event == XMLStreamConstants.START_ELEMENT && xml.getLocalName().equals("c")) {
                String ref = xml.getAttributeValue(null, "r");
                int at = ref == null ? -1 : column(ref);
                column = at < 0 ? column + 1 : at;
                readCell(column);
            }
        }
    }

    private void readCell(int column) throws XMLStreamException, IOException {
        String type = xml.getAttributeValue(null, "t");
        String style = xml.getAttributeValue(null, "s");
        String stored = null;
        boolean cut = false;
        while (xml.hasNext()) {
            int event = xml.next();
            if (event == XMLStreamConstants.END_ELEMENT && xml.getLocalName().equals("c")) {
                break;
            }
            if (event == XMLStreamConstants.START_ELEMENT && (xml.getLocalName().equals("v")
                    || xml.getLocalName().equals("t"))) {
                text.setLength(0);
                cut |= !appendText(xml, text, limit - row.chars);
                stored = stored == null || xml.getLocalName().equals("v") ? text.toString() : stored + text;
            }
        }
        if (cut) {
            row.tooLong = row.tooLong < 0 ? column : row.tooLong;
            return;
        }
        cell(column, type, style, stored);
    }

    private void cell(int column, String type, String style, String stored) throws IOException {
        if (stored == null || stored.isEmpty()) {
            return;
        }
        String t = type == null ? "n" : type;
        String value = stored;
        String problem = null;
        try {
            switch (t) {
                case "s" -> {
                    value = strings.get(parse(stored));
                    if (value == null) {
                        value = stored;
                        problem = "refers to shared string " + stored + ", which the workbook does not have";
                    }
                }
                case "b" -> value = stored.trim().equals("1") ? "true" : stored.trim().equals("0") ? "false" : stored;
                case "e" -> problem = "holds the spreadsheet error " + stored;
                case "n" -> value = number(style, stored);
                default -> value = stored;
            }
        } catch (XlsxCellValues.BadCell e) {
            problem = e.getMessage();
        }
        if (value != null && value.isEmpty() && problem == null) {
            return;
        }
        row.chars += value == null ? 0 : value.length();
        if (row.chars > limit) {
            row.tooLong = row.tooLong < 0 ? column : row.tooLong;
            return;
        }
        row.put(column, value, problem == null ? null : "cell " + reference(column, row.number) + " " + problem);
    }

    private String number(String style, String stored) throws XlsxCellValues.BadCell {
        XlsxStyles.Kind kind = styles.kind(style == null ? 0 : parse(style));
        return kind == XlsxStyles.Kind.NUMBER ? XlsxCellValues.number(stored)
                : XlsxCellValues.dateTime(stored, kind, date1904);
    }

    /**
     * Appends the text of the element the stream is at, up to {@code room} characters; reads to its end.
     *
     * @return false when the text was longer than {@code room} (what was past it is not kept)
     */
    static boolean appendText(XMLStreamReader xml, StringBuilder out, long room) throws XMLStreamException {
        int depth = 1;
        long seen = 0;
        while (depth > 0) {
            int event = xml.next();
            if (event == XMLStreamConstants.START_ELEMENT) {
                depth++;
            } else if (event == XMLStreamConstants.END_ELEMENT) {
                depth--;
            } else if (event == XMLStreamConstants.CHARACTERS || event == XMLStreamConstants.CDATA
                    || event == XMLStreamConstants.SPACE) {
                int n = xml.getTextLength();
                if (seen + n <= room) {
                    out.append(xml.getTextCharacters(), xml.getTextStart(), n);
                }
                seen += n;
            }
        }
        return seen <= room;
    }

    /** The column index of a reference: {@code B7} is 1. */
    static int column(String ref) {
        int c = 0;
        for (int i = 0; i < ref.length(); i++) {
            char ch = Character.toUpperCase(ref.charAt(i));
            if (ch < 'A' || ch > 'Z') {
                break;
            }
            c = c * 26 + (ch - 'A' + 1);
            if (c > 16_384) {
                break;
            }
        }
        return Math.min(c, 16_384) - 1;
    }

    /** A cell's reference as Excel writes it: column 1 of row 7 is {@code B7}. */
    static String reference(int column, long rowNumber) {
        StringBuilder letters = new StringBuilder();
        for (int c = column + 1; c > 0; c = (c - 1) / 26) {
            letters.insert(0, (char) ('A' + (c - 1) % 26));
        }
        return letters.toString() + rowNumber;
    }

    private long rowNumber(String r) throws IOException {
        try {
            return Long.parseLong(r.trim());
        } catch (NumberFormatException e) {
            throw new UnreadableSourceException("the xlsx part " + part + " has a row numbered '" + r
                    + "', which is not a number", null, lastRow + 1);
        }
    }

    private static int parse(String number) {
        try {
            return Integer.parseInt(number.trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
