package dev.sluice.store;

import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;

/**
 * One node's {@code LISTEN} on PostgreSQL: a dedicated connection outside the pool (a pooled one
 * would be handed to other work and lose its LISTEN) on a daemon thread that turns every
 * notification on {@value #CHANNEL} into a {@link JobSignals#pulse}. Notifications are sent in the
 * transaction of the change ({@link SqlDialect#announce}), so they arrive only once it has committed,
 * on every node. When the connection breaks it pulses (streams read again, as on a poll) and
 * reconnects after a second. Thread-safe; started at most once, stopped by {@link #close}.
 */
final class PostgresListener implements AutoCloseable {
    static final String CHANNEL = "sluice_jobs";
    private static final Logger LOG = LoggerFactory.getLogger(PostgresListener.class);
    private static final int WAIT_MILLIS = 1_000;

    private final String jdbcUrl;
    private final Properties login;
    private final JobSignals signals;
    private final Thread thread;
    private volatile boolean closed;
    private volatile Connection connection;

    PostgresListener(String jdbcUrl, String user, String password, JobSignals signals) {
        this.jdbcUrl = jdbcUrl;
        this.login = new Properties();
        if (user != null) {
            login.setProperty("user", user);
        }
        if (password != null) {
            login.setProperty("password", password);
        }
        this.signals = signals;
        this.thread = new Thread(this::run, "sluice-listen");
        thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    private void run() {
        while (!closed) {
            try (Connection c = DriverManager.getConnection(jdbcUrl, login)) {
                connection = c;
                try (Statement st = c.createStatement()) {
                    st.execute("LISTEN " + CHANNEL);
                }
                signals.pulse(); // changes made while no one listened are read now
                listen(c.unwrap(PGConnection.class));
            } catch (SQLException e) {
                if (!closed) {
                    LOG.warn("listening for job changes failed; streams poll until it reconnects: {}", e.getMessage());
                    signals.pulse();
                    pause();
                }
            }
        }
    }

    private void listen(PGConnection c) throws SQLException {
        while (!closed) {
            PGNotification[] got = c.getNotifications(WAIT_MILLIS);
            if (got != null && got.length > 0) {
                signals.pulse();
            }
        }
    }

    private static void pause() {
        try {
            Thread.sleep(WAIT_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        closed = true;
        Connection c = connection;
        if (c != null) {
            try {
                c.close();
            } catch (SQLException ignored) {
                // closing to stop: nothing left to do with it
            }
        }
        thread.interrupt();
    }
}
