package dev.sluice.format;

import de.siegmar.fastcsv.reader.AbstractBaseCsvCallbackHandler;
import de.siegmar.fastcsv.reader.RecordType;

import java.util.Arrays;
import java.util.Set;

/**
 * The FastCSV callback that turns each parsed record into a {@link SourceRow}. It exists because
 * FastCSV's ready-made handlers drop whether a field was quoted, and Sluice needs that: an empty
 * unquoted field is null, {@code ""} is the empty string, and {@code null_values} only match unquoted text.
 *
 * <p>Before {@link #expectColumns} is called it returns every record as raw {@link SourceRow.Cells}
 * (that is how the header is read). Empty lines give null, which FastCSV skips. Not thread-safe.
 */
final class CsvRecordCollector extends AbstractBaseCsvCallbackHandler<SourceRow> {
    private final Set<String> nullValues;
    private String[] fields = new String[16];
    private boolean[] quoted = new boolean[16];
    private int expected = -1;
    private String mismatch;

    CsvRecordCollector(Set<String> nullValues) {
        this.nullValues = nullValues.isEmpty() ? null : nullValues;
    }

    /** From now on, records must have {@code count} fields; {@code mismatch} ends the message of those that do not. */
    void expectColumns(int count, String mismatch) {
        this.expected = count;
        this.mismatch = mismatch;
    }

    /** The line where the current (or last) record starts. */
    long line() {
        return getStartingLineNumber();
    }

    @Override
    protected void handleField(int index, char[] buffer, int offset, int length, boolean isQuoted) {
        if (index == fields.length) {
            fields = Arrays.copyOf(fields, index * 2);
            quoted = Arrays.copyOf(quoted, index * 2);
        }
        fields[index] = length == 0 ? "" : new String(buffer, offset, length);
        quoted[index] = isQuoted;
    }

    @Override
    protected SourceRow buildRecord() {
        if (getRecordType() != RecordType.DATA) {
            return null;
        }
        int count = getFieldCount();
        long line = getStartingLineNumber();
        if (expected < 0) {
            return new SourceRow.Cells(line, Arrays.copyOf(fields, count));
        }
        if (count != expected) {
            String has = count == 1 ? "has 1 field, but " : "has " + count + " fields, but ";
            return new SourceRow.Malformed(line, has + mismatch, Arrays.copyOf(fields, count));
        }
        String[] values = new String[count];
        for (int i = 0; i < count; i++) {
            String field = fields[i];
            if (quoted[i] || !(field.isEmpty() || (nullValues != null && nullValues.contains(field)))) {
                values[i] = field;
            }
        }
        return new SourceRow.Cells(line, values);
    }
}
