package dev.sluice.store;

import dev.sluice.DatabaseUrl;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The PostgreSQL the tests run against: the server named by {@code SLUICE_TEST_PG_URL} (a jdbc URL
 * carrying its user and password) when set, else one embedded PostgreSQL started once per test JVM.
 * Each caller gets a fresh, empty database on it. Thread-safe.
 */
public final class PostgresTestServer {
    private static final Pattern DATABASE = Pattern.compile("^(jdbc:postgresql://[^/]+/)([^?]*)(.*)$");
    private static final AtomicInteger NEXT = new AtomicInteger();
    private static String adminUrl;

    private PostgresTestServer() {
    }

    /** A jdbc URL (with user and password) of a new empty database. */
    public static synchronized String freshDatabaseUrl() {
        String admin = adminUrl();
        String name = "sluice_test_" + ProcessHandle.current().pid() + "_" + NEXT.incrementAndGet();
        try (Connection c = DriverManager.getConnection(admin); Statement st = c.createStatement()) {
            st.execute("DROP DATABASE IF EXISTS " + name);
            st.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create test database " + name + ": " + e.getMessage(), e);
        }
        Matcher m = DATABASE.matcher(admin);
        if (!m.matches()) {
            throw new IllegalStateException("not a jdbc:postgresql URL: " + admin);
        }
        return m.group(1) + name + m.group(3);
    }

    /**
     * The database the API and SDK suites run on: null (the embedded SQLite in the data directory)
     * by default, a fresh PostgreSQL database when the system property {@code sluice.test.database}
     * is {@code postgres} (the build's second run of those suites sets it).
     */
    public static DatabaseUrl selectedByProperty() {
        String which = System.getProperty("sluice.test.database", "sqlite");
        return switch (which) {
            case "sqlite" -> null;
            case "postgres" -> DatabaseUrl.parse(freshDatabaseUrl());
            default -> throw new IllegalArgumentException("sluice.test.database must be sqlite or postgres, not " + which);
        };
    }

    /** Opens a fresh database as Sluice does, collection tables in {@code public}. */
    public static Database openFresh() {
        return Database.openPostgres(freshDatabaseUrl(), null, null, "public");
    }

    private static String adminUrl() {
        if (adminUrl == null) {
            String external = System.getenv("SLUICE_TEST_PG_URL");
            if (external != null && !external.isBlank()) {
                adminUrl = external;
            } else {
                try {
                    EmbeddedPostgres pg = EmbeddedPostgres.builder().start();
                    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                        try {
                            pg.close();
                        } catch (IOException ignored) {
                            // the process is ending; its temporary directory goes with it
                        }
                    }));
                    adminUrl = pg.getJdbcUrl("postgres", "postgres");
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot start embedded PostgreSQL", e);
                }
            }
        }
        return adminUrl;
    }
}
