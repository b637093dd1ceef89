package dev.sluice.sink;

import dev.sluice.collection.Field;
import dev.sluice.collection.FieldType;
import dev.sluice.format.ConvertedRow;
import dev.sluice.sink.PostgresCopyBinary.Bytes;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/**
 * Stages a chunk of an atomic job on PostgreSQL with one binary COPY ({@link StagedRows}): file,
 * line, key and predicted outcome, then the collection's fields in {@link PostgresCopyBinary}'s form.
 * Stateless.
 */
final class StagedCopy {
    private StagedCopy() {
    }

    /** Runs {@code sql}, the COPY into the staging table's {@code columns} columns, with {@code rows}. */
    static void copy(Connection c, String sql, int columns, List<Field> fields, List<ConvertedRow> rows,
                     String predicted, boolean keepsCarried) throws SQLException {
        PostgresCopyBinary.copyIn(c, sql, copy -> {
            for (ConvertedRow row : rows) {
                Bytes out = copy.next();
                out.int16(columns).int32(4).int32(row.file()).int32(8).int64(row.line());
                PostgresCopyBinary.field(out, FieldType.STRING, row.key());
                PostgresCopyBinary.field(out, FieldType.STRING, predicted);
                if (keepsCarried) {
                    PostgresCopyBinary.field(out, FieldType.STRING, StagedRows.carriedText(row.carried(), fields.size()));
                }
                for (int f = 0; f < fields.size(); f++) {
                    PostgresCopyBinary.field(out, fields.get(f).type(), row.values()[f]);
                }
            }
        });
    }
}
