package dev.sluice.sink;

import dev.sluice.collection.CollectionSchema;
import dev.sluice.collection.Field;
import dev.sluice.format.ConvertedRow;
import dev.sluice.format.SourceRow;
import dev.sluice.job.ConflictPolicy;
import dev.sluice.job.RowOutcome;
import dev.sluice.store.Identifiers;
import dev.sluice.store.PostgresDialect;
import dev.sluice.store.SqlDialect;
import org.jdbi.v3.core.Handle;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import java.util.TreeMap;

/**
 * The staging table of one atomic job ({@code atomic=true}, docs/concepts.md, "Atomic imports"): the
 * job's converted rows in the collection's column types, keyed by file and line, each with the outcome
 * its validation predicted. Rows go in inside each chunk's transaction, so a resumed job holds exactly
 * the rows of its committed chunks; the job's apply reads them back in row order, and the table is
 * dropped in the transaction that ends the job. Its name is made from the job id (a UUID) alone.
 * A {@code merge} job's table also keeps which fields each row carried ({@code _sluice_carried}, one
 * {@code 0} or {@code 1} per field), so that its apply overwrites only those.
 * Immutable and thread-safe; every method works inside the caller's transaction.
 */
public final class StagedRows {
    /** One staged row and the outcome predicted for it ({@link RowOutcome#wireName}). */
    public record Staged(ConvertedRow row, String predicted) {
    }

    private static final String[] NO_CELLS = new String[0];

    private final SqlDialect dialect;
    private final CollectionSchema collection;
    private final String name;
    private final String table;
    private final boolean keepsCarried;

    /** @param onConflict the job's rule: under {@code merge} rows also keep which fields they carried */
    public StagedRows(SqlDialect dialect, CollectionSchema collection, String jobId, ConflictPolicy onConflict) {
        this.dialect = dialect;
        this.collection = collection;
        this.name = Identifiers.atomicStaging(jobId);
        this.table = dialect.table(name);
        this.keepsCarried = onConflict == ConflictPolicy.MERGE;
    }

    /** Every column a row is staged in, in order: the leading ones, then the fields. */
    private String columns() {
        StringBuilder cols = new StringBuilder("_sluice_file, _sluice_line, _sluice_key, _sluice_predicted");
        if (keepsCarried) {
            cols.append(", _sluice_carried");
        }
        for (Field f : collection.fields()) {
            cols.append(", ").append(Identifiers.quote(f.name()));
        }
        return cols.toString();
    }

    /** The parameter (and result column) index of the first field: after the leading columns. */
    private int firstFieldParameter() {
        return keepsCarried ? 6 : 5;
    }

    /** How many columns a row is staged in. */
    private int columnCount() {
        return firstFieldParameter() - 1 + collection.fields().size();
    }

    /** {@code carried} as staged: a {@code 0} or {@code 1} per field; null when every field counts as carried. */
    static String carriedText(BitSet carried, int fields) {
        if (carried == null) {
            return null;
        }
        char[] bits = new char[fields];
        for (int f = 0; f < fields; f++) {
            bits[f] = carried.get(f) ? '1' : '0';
        }
        return new String(bits);
    }

    private static BitSet carried(String text) {
        if (text == null) {
            return null;
        }
        BitSet carried = new BitSet(text.length());
        for (int f = 0; f < text.length(); f++) {
            carried.set(f, text.charAt(f) == '1');
        }
        return carried;
    }

    /** Creates the table unless a run before this one did. */
    public void create(Handle h) {
        StringBuilder sb = new StringBuilder("CREATE TABLE IF NOT EXISTS ").append(table)
                .append(" (_sluice_file INTEGER NOT NULL, _sluice_line BIGINT NOT NULL, _sluice_key TEXT NOT NULL,"
                        + " _sluice_predicted TEXT NOT NULL" + (keepsCarried ? ", _sluice_carried TEXT" : ""));
        for (Field f : collection.fields()) {
            sb.append(", ").append(Identifiers.quote(f.name())).append(' ').append(dialect.columnType(f.type()));
        }
        h.execute(sb.append(", PRIMARY KEY (_sluice_file, _sluice_line))").toString());
        // each chunk's prediction looks up its keys among the rows staged before it
        // named apart from the table's prefix, which names only the staging tables themselves
        String index = name.replace("_sluice_atomic_", "_sluice_stagedkey_");
        h.execute("CREATE INDEX IF NOT EXISTS " + Identifiers.quote(index) + " ON " + table + " (_sluice_key)");
    }

    /** The table, as SQL names it. */
    String table() {
        return table;
    }

    /** True while the table exists: the job's rows are staged and not yet applied. */
    public boolean exists(Handle h) {
        return dialect.tableExists(h, name);
    }

    /**
     * Stages {@code rows}, each predicted {@code predicted} for now ({@link #predict} corrects the
     * others): one binary COPY on PostgreSQL, one batched insert on SQLite.
     */
    public void insert(Connection c, List<ConvertedRow> rows, String predicted) throws SQLException {
        if (dialect instanceof PostgresDialect) {
            StagedCopy.copy(c, "COPY " + table + " (" + columns() + ") FROM STDIN (FORMAT binary)", columnCount(),
                    collection.fields(), rows, predicted, keepsCarried);
            return;
        }
        List<Field> fields = collection.fields();
        int first = firstFieldParameter();
        String params = "?, ".repeat(columnCount() - 1) + "?";
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO " + table + " (" + columns() + ") VALUES (" + params + ")")) {
            for (ConvertedRow row : rows) {
                ps.setInt(1, row.file());
                ps.setLong(2, row.line());
                ps.setString(3, row.key());
                ps.setString(4, predicted);
                if (keepsCarried) {
                    ps.setString(5, carriedText(row.carried(), fields.size()));
                }
                for (int f = 0; f < fields.size(); f++) {
                    dialect.bind(ps, first + f, fields.get(f).type(), row.values()[f]);
                }
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    /**
     * Stores the outcomes predicted for {@code rows} (one per row, in order), which {@link #insert}
     * staged as {@code staged}: one update per other outcome and file, naming the lines.
     */
    public void predict(Connection c, List<ConvertedRow> rows, List<RowOutcome> predicted, String staged)
            throws SQLException {
        Map<String, Map<Integer, StringJoiner>> lines = new TreeMap<>();
        for (int i = 0; i < rows.size(); i++) {
            String outcome = predicted.get(i).wireName();
            if (!outcome.equals(staged)) {
                lines.computeIfAbsent(outcome, o -> new TreeMap<>())
                        .computeIfAbsent(rows.get(i).file(), f -> new StringJoiner(", "))
                        .add(Long.toString(rows.get(i).line()));
            }
        }
        for (Map.Entry<String, Map<Integer, StringJoiner>> outcome : lines.entrySet()) {
            for (Map.Entry<Integer, StringJoiner> file : outcome.getValue().entrySet()) {
                // the lines are numbers, written into the statement: one parse, not a bind per line
                try (PreparedStatement ps = c.prepareStatement("UPDATE " + table + " SET _sluice_predicted = ?"
                        + " WHERE _sluice_file = ? AND _sluice_line IN (" + file.getValue() + ")")) {
                    ps.setString(1, outcome.getKey());
                    ps.setInt(2, file.getKey());
                    ps.executeUpdate();
                }
            }
        }
    }

    /** Up to {@code limit} staged rows after {@code after} (null: from the first), in file and line order. */
    public List<Staged> after(Connection c, RowOutcome.Position after, int limit) throws SQLException {
        List<Field> fields = collection.fields();
        int first = firstFieldParameter();
        // a row value, so that both databases walk the primary key instead of scanning the table per batch
        String sql = "SELECT " + columns() + " FROM " + table + " WHERE (_sluice_file, _sluice_line) > (?, ?)"
                + " ORDER BY _sluice_file, _sluice_line LIMIT ?";
        List<Staged> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setInt(1, after == null ? -1 : after.file());
            ps.setLong(2, after == null ? -1 : after.line());
            ps.setInt(3, limit);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    Object[] values = new Object[fields.size()];
                    for (int f = 0; f < values.length; f++) {
                        values[f] = dialect.read(rs, first + f, fields.get(f).type());
                    }
                    long line = rs.getLong(2);
                    BitSet carried = keepsCarried ? carried(rs.getString(5)) : null;
                    out.add(new Staged(new ConvertedRow(rs.getInt(1), line, values, rs.getString(3),
                            new SourceRow.Cells(line, NO_CELLS), carried), rs.getString(4)));
                }
            }
        }
        return out;
    }

    /** How many rows are staged. */
    public long count(Handle h) {
        return h.createQuery("SELECT count(*) FROM " + table).mapTo(Long.class).one();
    }

    /**
     * Deletes the job's stored results of staged rows predicted not to fail: the apply stores what
     * really happened to them. A predicted failure keeps its result, with the row's source text.
     */
    public void forgetPredictions(Handle h, String jobId) {
        h.execute("DELETE FROM _sluice_results WHERE job_id = ? AND EXISTS (SELECT 1 FROM " + table + " s"
                + " WHERE s._sluice_file = _sluice_results.file_ordinal AND s._sluice_line = _sluice_results.line"
                + " AND s._sluice_predicted <> 'failed')", jobId);
    }

    /** Deletes the job's stored result of one row. */
    public static void forgetResult(Handle h, String jobId, RowOutcome.Position at) {
        h.execute("DELETE FROM _sluice_results WHERE job_id = ? AND file_ordinal = ? AND line = ?",
                jobId, at.file(), at.line());
    }

    /** Drops the table, if it is there. */
    public void drop(Handle h) {
        h.execute("DROP TABLE IF EXISTS " + table);
    }
}
