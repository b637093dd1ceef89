package dev.sluice.store;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/** What a PostgreSQL {@link Database} does when the server cuts its pooled connections. */
class PostgresDatabaseTest {
    private String url;
    private Database db;

    @BeforeEach
    void open() {
        url = PostgresTestServer.freshDatabaseUrl();
        db = Database.openPostgres(url, null, null, "public");
    }

    @AfterEach
    void close() {
        db.close();
    }

    /** Checks out {@code n} pool connections at once, so that the pool holds at least that many. */
    private static void useConnections(Database db, int n) throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(n);
        try {
            CountDownLatch allIn = new CountDownLatch(n);
            List<Future<Integer>> reads = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                reads.add(threads.submit(() -> db.read(h -> {
                    allIn.countDown();
                    try {
                        assertThat(allIn.await(20, TimeUnit.SECONDS)).as("all %d connections out at once", n).isTrue();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    return h.createQuery("SELECT 1").mapTo(Integer.class).one();
                })));
            }
            for (Future<Integer> read : reads) {
                assertThat(read.get()).isEqualTo(1);
            }
        } finally {
            threads.shutdownNow();
        }
    }

    /**
     * Terminates every connection to the test database but the admin's, and waits until those backends
     * are gone (a connection opened meanwhile does not count; on a loaded machine an exit can take a while).
     */
    private int terminateAll(Connection admin) throws Exception {
        List<Integer> terminated = new ArrayList<>();
        try (Statement st = admin.createStatement()) {
            try (ResultSet rs = st.executeQuery("SELECT pid, pg_terminate_backend(pid) FROM pg_stat_activity"
                    + " WHERE datname = current_database() AND pid <> pg_backend_pid()")) {
                while (rs.next()) {
                    if (rs.getBoolean(2)) {
                        terminated.add(rs.getInt(1));
                    }
                }
            }
            String alive = "SELECT count(*) FROM pg_stat_activity WHERE pid IN (" + (terminated.isEmpty() ? "0"
                    : terminated.stream().map(String::valueOf).collect(Collectors.joining(","))) + ")";
            for (long deadline = System.nanoTime() + 10_000_000_000L; System.nanoTime() < deadline; Thread.sleep(5)) {
                try (ResultSet rs = st.executeQuery(alive)) {
                    rs.next();
                    if (rs.getInt(1) == 0) {
                        return terminated.size();
                    }
                }
            }
        }
        throw new AssertionError("the terminated connections did not go away within 10 s");
    }

    @Test
    void a_read_that_meets_connections_the_server_cut_is_answered_on_a_fresh_one() throws Exception {
        useConnections(db, 4);
        try (Connection admin = DriverManager.getConnection(url)) {
            assertThat(terminateAll(admin)).isGreaterThanOrEqualTo(4);

            // within the pool's 500 ms of trusting a recently used connection: the read gets a dead one first
            for (int i = 0; i < 4; i++) {
                int answer = db.read(h -> h.createQuery("SELECT 41 + 1").mapTo(Integer.class).one());
                assertThat(answer).isEqualTo(42);
            }
        }
    }

    @Test
    void the_pool_serves_two_connections_per_worker_at_once() throws Exception {
        try (Database sized = Database.openPostgres(url, null, null, "public", 20)) {
            useConnections(sized, 40);
        }
    }
}
