package dev.sluice.store;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The job log as event streams read it on PostgreSQL (docs/http-api.md#events): a line numbered
 * before another but committed after it is still read, because lines are read in commit order and
 * only up to the oldest open transaction, and a stream's {@code end} waits for lines held behind one.
 */
class PostgresJobFeedTest {
    private static final String JOB = "0193f5a2-7c1e-7d4b-9a51-3f1c2b9e8d99";

    private String url;
    private Database db;
    private JobFeed feed;

    @BeforeEach
    void open() {
        url = PostgresTestServer.freshDatabaseUrl();
        db = Database.openPostgres(url, null, null, "public");
        feed = new JobFeed(db);
    }

    @AfterEach
    void close() {
        db.close();
    }

    private static void log(Connection c, String message) throws Exception {
        try (PreparedStatement st = c.prepareStatement("INSERT INTO sluice._sluice_job_log (job_id, at, level, message)"
                + " VALUES (?, '2026-12-01T10:00:00.000Z', 'info', ?)")) {
            st.setString(1, JOB);
            st.setString(2, message);
            st.executeUpdate();
        }
    }

    private List<String> messagesAfter(LogPosition from) {
        return feed.linesAfter(JOB, from, 100).stream().map(JobFeed.Line::message).toList();
    }

    @Test
    void a_line_numbered_first_but_committed_last_is_not_skipped() throws Exception {
        try (Connection slow = DriverManager.getConnection(url); Connection quick = DriverManager.getConnection(url)) {
            slow.setAutoCommit(false);
            log(slow, "numbered first");
            log(quick, "numbered second, committed first");

            assertThat(messagesAfter(LogPosition.START)).as("held behind the open transaction").isEmpty();
            assertThat(feed.heldBack(JOB, LogPosition.START)).isTrue();
            assertThat(feed.latest()).isEqualTo(LogPosition.START);

            slow.commit();
            List<JobFeed.Line> lines = feed.linesAfter(JOB, LogPosition.START, 100);
            assertThat(lines).extracting(JobFeed.Line::message).containsExactly("numbered first",
                    "numbered second, committed first");
            assertThat(feed.heldBack(JOB, LogPosition.START)).isFalse();
            assertThat(messagesAfter(lines.get(1).position())).isEmpty();
            assertThat(feed.activeAfter(LogPosition.START, 10)).extracting(JobFeed.Activity::position)
                    .containsExactly(lines.get(1).position());
        }
    }

    @Test
    void a_reader_resuming_after_a_line_gets_every_line_committed_since() throws Exception {
        try (Connection slow = DriverManager.getConnection(url); Connection quick = DriverManager.getConnection(url)) {
            log(quick, "before");
            LogPosition read = feed.linesAfter(JOB, LogPosition.START, 100).get(0).position();
            slow.setAutoCommit(false);
            log(slow, "slow");
            log(quick, "quick");
            assertThat(messagesAfter(read)).isEmpty();
            slow.commit();
            assertThat(messagesAfter(read)).containsExactly("slow", "quick");
            assertThat(LogPosition.parse(read.text())).isEqualTo(read);
        }
    }
}
