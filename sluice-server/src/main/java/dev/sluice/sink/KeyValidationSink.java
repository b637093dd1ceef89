package dev.sluice.sink;

import dev.sluice.collection.Collection;
import dev.sluice.collection.Field;
import dev.sluice.format.ConvertedRow;
import dev.sluice.job.ImportOptions.OnConflict;
import dev.sluice.job.RowOutcome;
import dev.sluice.store.SqlDialect;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

/**
 * The sink of validate-only jobs ({@code job_type=validate}) on SQLite: every row gets the outcome an
 * import would have given it, and the collection is never written. A key is looked up in the
 * collection (so {@code unchanged}, {@code updated} and {@code duplicate_key} come out as they would)
 * and in the job's scratch table of keys it would have created ({@code _sluice_validation_keys}), which
 * tells in-job duplicates apart with memory bounded by the chunk, not by the file. The scratch rows are
 * written in the chunk's transaction, so a resumed job sees exactly the keys of its committed rows;
 * the job's end deletes them. Records that would be created have no id: none is made.
 * The SQL that differs comes from the {@link SqlDialect}. Stateless and thread-safe.
 */
final class KeyValidationSink implements RecordSink {
    private static final String SEEN = "SELECT file_ordinal, line FROM _sluice_validation_keys"
            + " WHERE job_id = ? AND row_key = ?";
    private static final String REMEMBER = "INSERT INTO _sluice_validation_keys (job_id, row_key, file_ordinal, line)"
            + " VALUES (?, ?, ?, ?)";

    private final SqlDialect dialect;

    /** @param dialect how the collection's table is named, bound and read on this database */
    KeyValidationSink(SqlDialect dialect) {
        this.dialect = dialect;
    }

    @Override
    public PreparedRows prepare(Collection collection, OnConflict onConflict, List<ConvertedRow> rows) {
        return PreparedRows.of(rows, onConflict, (row, id) -> null);
    }

    @Override
    public RecordSink validating() {
        return this;
    }

    @Override
    public List<RowOutcome> write(Connection connection, Collection collection, String jobId, OnConflict onConflict,
                                  PreparedRows prepared, WriteHistory history) throws SQLException {
        RowOutcome[] outcomes = prepared.decided();
        int[] keyIndexes = collection.keyIndexes();
        try (PreparedStatement find = connection.prepareStatement(findSql(collection));
             PreparedStatement seen = connection.prepareStatement(SEEN);
             PreparedStatement remember = connection.prepareStatement(REMEMBER)) {
            for (int i : prepared.candidates()) {
                ConvertedRow row = prepared.rows().get(i);
                UUID existing = existing(find, collection, keyIndexes, row);
                RowOutcome.Position first = existing == null ? seen(seen, jobId, row.key()) : null;
                outcomes[i] = decide(onConflict, existing, first);
                if (existing == null && first == null) {
                    remember.setString(1, jobId);
                    remember.setString(2, row.key());
                    remember.setInt(3, row.file());
                    remember.setLong(4, row.line());
                    remember.executeUpdate();
                }
            }
        }
        PreparedRows.pointSkippedAtKeptRecords(prepared.rows(), outcomes);
        return Arrays.asList(outcomes);
    }

    /** The outcome an import would give: by the record that existed before the job, else the job's first row of the key. */
    private static RowOutcome decide(OnConflict onConflict, UUID existing, RowOutcome.Position first) {
        if (existing != null) {
            return switch (onConflict) {
                case SKIP -> new RowOutcome.Unchanged(existing);
                case UPDATE -> new RowOutcome.Updated(existing);
                case FAIL -> new RowOutcome.Failed("duplicate_key", null,
                        "a record with this key already exists (" + existing + ")");
            };
        }
        if (first != null) {
            return switch (onConflict) {
                case SKIP -> new RowOutcome.Skipped(first, null);
                case UPDATE -> new RowOutcome.Updated(null);
                case FAIL -> new RowOutcome.Failed("duplicate_key", null,
                        "key already appeared at line " + first.line() + " of this import");
            };
        }
        return new RowOutcome.Created(null);
    }

    private String findSql(Collection c) {
        List<String> match = new ArrayList<>();
        for (String k : c.key()) {
            match.add(dialect.keyEquals(c, k));
        }
        return "SELECT _id FROM " + dialect.table(c.name()) + " WHERE " + String.join(" AND ", match);
    }

    private UUID existing(PreparedStatement find, Collection collection, int[] keyIndexes, ConvertedRow row)
            throws SQLException {
        for (int k = 0; k < keyIndexes.length; k++) {
            Field f = collection.fields().get(keyIndexes[k]);
            dialect.bind(find, k + 1, f.type(), row.values()[keyIndexes[k]]);
        }
        try (ResultSet rs = find.executeQuery()) {
            return rs.next() ? dialect.readId(rs, 1) : null;
        }
    }

    private static RowOutcome.Position seen(PreparedStatement seen, String jobId, String key) throws SQLException {
        seen.setString(1, jobId);
        seen.setString(2, key);
        try (ResultSet rs = seen.executeQuery()) {
            return rs.next() ? new RowOutcome.Position(rs.getInt(1), rs.getLong(2)) : null;
        }
    }
}
