package dev.sluice.infer;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits a piece of delimited text into records, the way an RFC 4180 reader would: quoted fields
 * may hold delimiters, doubled quotes and line breaks; LF or CRLF ends a record; empty lines are
 * skipped. A record still inside quotes when the text ends is dropped (the sample cut it).
 *
 * <p>Only for samples held in memory. Stateless and thread-safe.
 */
final class CsvSplitter {
    private CsvSplitter() {
    }

    /** At most {@code maxRecords} records of {@code text}. */
    static List<List<String>> split(String text, char delimiter, char quote, int maxRecords) {
        List<List<String>> records = new ArrayList<>();
        List<String> record = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        boolean quoted = false;
        boolean lineHasText = false;
        int n = text.length();
        for (int i = 0; i < n && records.size() < maxRecords; i++) {
            char c = text.charAt(i);
            if (quoted) {
                if (c == quote && i + 1 < n && text.charAt(i + 1) == quote) {
                    cell.append(quote);
                    i++;
                } else if (c == quote) {
                    quoted = false;
                } else {
                    cell.append(c);
                }
            } else if (c == quote && cell.length() == 0) {
                quoted = true;
                lineHasText = true;
            } else if (c == delimiter) {
                record.add(cell.toString());
                cell.setLength(0);
                lineHasText = true;
            } else if (c == '\n' || c == '\r') {
                if (c == '\r' && i + 1 < n && text.charAt(i + 1) == '\n') {
                    i++;
                }
                if (lineHasText || cell.length() > 0) {
                    record.add(cell.toString());
                    records.add(record);
                }
                record = new ArrayList<>();
                cell.setLength(0);
                lineHasText = false;
            } else {
                cell.append(c);
                lineHasText = true;
            }
        }
        if (!quoted && (lineHasText || cell.length() > 0) && records.size() < maxRecords) {
            record.add(cell.toString());
            records.add(record);
        }
        return records;
    }
}
