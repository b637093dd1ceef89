package dev.sluice.sink;

import dev.sluice.collection.CollectionSchema;
import dev.sluice.collection.Field;
import dev.sluice.collection.FieldType;
import dev.sluice.format.ConvertedRow;
import dev.sluice.sink.PostgresCopyBinary.Bytes;
import dev.sluice.store.Identifiers;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/**
 * Stages a chunk of an atomic job on PostgreSQL with one binary COPY ({@link StagedRows}): file,
 * line, key and predicted outcome, then the collection's fields in {@link PostgresCopyBinary}'s form.
 * Stateless.
 */
final class StagedCopy {
    private static final int BUFFER = 1 << 16;

    private StagedCopy() {
    }

    static void copy(Connection c, String table, String leadingColumns, CollectionSchema collection,
                     List<ConvertedRow> rows, String predicted, boolean keepsCarried) throws SQLException {
        List<Field> fields = collection.fields();
        StringBuilder cols = new StringBuilder(leadingColumns);
        for (Field f : fields) {
            cols.append(", ").append(Identifiers.quote(f.name()));
        }
        CopyIn copy = c.unwrap(PGConnection.class).getCopyAPI()
                .copyIn("COPY " + table + " (" + cols + ") FROM STDIN (FORMAT binary)");
        try {
            Bytes out = new Bytes(BUFFER);
            out.bytes(PostgresCopyBinary.HEADER);
            for (ConvertedRow row : rows) {
                if (out.size() > BUFFER - 1024) {
                    copy.writeToCopy(out.array(), 0, out.size());
                    out.clear();
                }
                out.int16((keepsCarried ? 5 : 4) + fields.size()).int32(4).int32(row.file()).int32(8).int64(row.line());
                PostgresCopyBinary.field(out, FieldType.STRING, row.key());
                PostgresCopyBinary.field(out, FieldType.STRING, predicted);
                if (keepsCarried) {
                    PostgresCopyBinary.field(out, FieldType.STRING, StagedRows.carriedText(row.carried(), fields.size()));
                }
                for (int f = 0; f < fields.size(); f++) {
                    PostgresCopyBinary.field(out, fields.get(f).type(), row.values()[f]);
                }
            }
            out.bytes(PostgresCopyBinary.TRAILER);
            copy.writeToCopy(out.array(), 0, out.size());
            copy.endCopy();
        } finally {
            if (copy.isActive()) {
                copy.cancelCopy();
            }
        }
    }
}
