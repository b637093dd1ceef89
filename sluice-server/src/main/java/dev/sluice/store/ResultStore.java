package dev.sluice.store;

import dev.sluice.job.RowOutcome;
import dev.sluice.job.RowReport;
import org.jdbi.v3.core.Handle;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * Per-row results of jobs: written with the chunk that produced them, read back in pages or as
 * a stream. Their text goes through {@link SqlDialect#ownText}, so a row the database refused for a
 * NUL can still be reported. Thread-safe.
 */
public final class ResultStore {
    private static final String INSERT = "INSERT INTO _sluice_results (job_id, file_ordinal, line, row_key, outcome,"
            + " record_id, error_code, error_field, error_message, dup_file, dup_line, source, raw, origin_file)"
            + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";

    private final Database db;

    public ResultStore(Database db) {
        this.db = db;
    }

    /** Inserts results inside the caller's chunk transaction. */
    public void insert(Handle h, String jobId, List<RowReport> results) throws SQLException {
        if (results.isEmpty()) {
            return;
        }
        SqlDialect dialect = db.dialect();
        try (PreparedStatement ps = h.getConnection().prepareStatement(INSERT)) {
            for (RowReport r : results) {
                ps.setString(1, jobId);
                ps.setInt(2, r.file());
                ps.setLong(3, r.line());
                ps.setString(4, dialect.ownText(r.key()));
                ps.setString(5, r.outcome().wireName());
                UUID recordId = r.outcome().recordIdOrNull();
                ps.setString(6, recordId == null ? null : recordId.toString());
                RowOutcome.Failed failed = r.outcome() instanceof RowOutcome.Failed f ? f : null;
                ps.setString(7, failed == null ? null : failed.code());
                ps.setString(8, failed == null ? null : failed.field());
                ps.setString(9, failed == null ? null : dialect.ownText(failed.message()));
                RowOutcome.Position dup = r.outcome() instanceof RowOutcome.Skipped s ? s.duplicateOf() : null;
                if (dup == null) {
                    ps.setNull(10, Types.INTEGER);
                    ps.setNull(11, Types.INTEGER);
                } else {
                    ps.setInt(10, dup.file());
                    ps.setLong(11, dup.line());
                }
                ps.setString(12, dialect.ownText(r.source()));
                ps.setString(13, dialect.ownText(r.raw()));
                ps.setString(14, dialect.ownText(r.origin()));
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    /** One stored result, with its position for paging. */
    public record StoredResult(long seq, RowReport result) {
    }

    /**
     * Streams a job's results in order to {@code sink}, a page at a time, without holding them all.
     *
     * @param outcome only this outcome's results, or null for all
     * @param file    only this file's (0-based ordinal), or null
     * @param after   start after this position (0 for the start)
     * @param limit   at most this many
     */
    public void stream(String jobId, String outcome, Integer file, long after, long limit, Consumer<StoredResult> sink) {
        long position = after;
        long left = limit;
        while (left > 0) {
            int page = (int) Math.min(left, 5_000);
            List<StoredResult> rows = page(jobId, outcome, file, position, page);
            rows.forEach(sink);
            if (rows.size() < page) {
                return;
            }
            position = rows.get(rows.size() - 1).seq();
            left -= rows.size();
        }
    }

    /** One page of results in order. */
    public List<StoredResult> page(String jobId, String outcome, Integer file, long after, int limit) {
        StringBuilder sql = new StringBuilder("SELECT seq, file_ordinal, line, row_key, outcome, record_id, error_code,"
                + " error_field, error_message, dup_file, dup_line, source, raw, origin_file FROM _sluice_results WHERE job_id = ? AND seq > ?");
        if (outcome != null) {
            sql.append(" AND outcome = ?");
        }
        if (file != null) {
            sql.append(" AND file_ordinal = ?");
        }
        sql.append(" ORDER BY seq LIMIT ?");
        return db.read(h -> {
            try (PreparedStatement ps = h.getConnection().prepareStatement(sql.toString())) {
                int p = 1;
                ps.setString(p++, jobId);
                ps.setLong(p++, after);
                if (outcome != null) {
                    ps.setString(p++, outcome);
                }
                if (file != null) {
                    ps.setInt(p++, file);
                }
                ps.setInt(p, limit);
                List<StoredResult> out = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(new StoredResult(rs.getLong(1), toResult(rs)));
                    }
                }
                return out;
            } catch (SQLException e) {
                throw new IllegalStateException("reading results of " + jobId + " failed: " + e.getMessage(), e);
            }
        });
    }

    private static RowReport toResult(ResultSet rs) throws SQLException {
        String recordText = rs.getString(6);
        UUID recordId = recordText == null ? null : UUID.fromString(recordText);
        RowOutcome outcome = switch (rs.getString(5)) {
            case "created" -> new RowOutcome.Created(recordId);
            case "updated" -> new RowOutcome.Updated(recordId);
            case "unchanged" -> new RowOutcome.Unchanged(recordId);
            case "skipped" -> new RowOutcome.Skipped(new RowOutcome.Position(rs.getInt(10), rs.getLong(11)), recordId);
            default -> new RowOutcome.Failed(rs.getString(7), rs.getString(8), rs.getString(9));
        };
        return new RowReport(rs.getInt(2), rs.getLong(3), rs.getString(4), outcome, rs.getString(12),
                rs.getString(13), rs.getString(14));
    }
}
