package dev.sluice.engine;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;

import static org.assertj.core.api.Assertions.assertThat;

/** What an import left in a PostgreSQL database, read with plain JDBC: the exactly-once checks. */
final class StoredOnPostgres {
    private StoredOnPostgres() {
    }

    /** The people table holds each expected record once, and the job's kept results are each stored once. */
    static void assertStoredExactlyOnce(String url, String jobId, PeopleCsv.Expected expected) throws Exception {
        try (Connection c = DriverManager.getConnection(url)) {
            assertThat(one(c, "SELECT count(*) FROM public.people", null)).isEqualTo(expected.created());
            assertThat(one(c, "SELECT count(DISTINCT email) FROM public.people", null)).isEqualTo(expected.created());
            long kept = expected.skipped() + expected.failed();
            assertThat(one(c, "SELECT count(*) FROM sluice._sluice_results WHERE job_id = ?", jobId)).isEqualTo(kept);
            assertThat(one(c, "SELECT count(DISTINCT line) FROM sluice._sluice_results WHERE job_id = ?", jobId))
                    .as("each kept result once").isEqualTo(kept);
        }
    }

    /**
     * The job as the database holds it: its whole row as text, then each line of its log. Two equal
     * snapshots mean nothing touched the job in between.
     */
    static String snapshot(String url, String jobId) throws Exception {
        StringBuilder sb = new StringBuilder();
        try (Connection c = DriverManager.getConnection(url);
             PreparedStatement row = c.prepareStatement("SELECT j::text FROM sluice._sluice_jobs j WHERE id = ?");
             PreparedStatement log = c.prepareStatement("SELECT level || ' ' || message FROM sluice._sluice_job_log"
                     + " WHERE job_id = ? ORDER BY seq")) {
            row.setString(1, jobId);
            try (ResultSet rs = row.executeQuery()) {
                assertThat(rs.next()).as("job %s exists", jobId).isTrue();
                sb.append(rs.getString(1)).append('\n');
            }
            log.setString(1, jobId);
            try (ResultSet rs = log.executeQuery()) {
                while (rs.next()) {
                    sb.append(rs.getString(1)).append('\n');
                }
            }
        }
        return sb.toString();
    }

    private static long one(Connection c, String sql, String arg) throws Exception {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            if (arg != null) {
                ps.setString(1, arg);
            }
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }
}
