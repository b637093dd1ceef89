package dev.sluice.client;

import dev.sluice.Config;
import dev.sluice.Service;
import dev.sluice.store.PostgresTestServer;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;

/**
 * A real Sluice service on a free port over a SQLite data directory (or PostgreSQL, see
 * {@link PostgresTestServer#selectedByProperty}), and a {@link SluiceClient} of it:
 * the SDK tests talk to exactly what a user's application would. Each test class starts one in
 * {@code @BeforeAll} over its {@code @TempDir}; tests share it and work in collections of their own.
 * Thread-safe.
 */
final class StartedService implements AutoCloseable {
    private final Service service;
    private final SluiceClient client;

    private StartedService(Service service) {
        this.service = service;
        this.client = SluiceClient.create(baseUrl(service.port()));
    }

    /** Two workers, chunks of {@code chunkRows}, committing every {@code commitInterval}. */
    static StartedService start(Path dataDir, int chunkRows, Duration commitInterval) {
        return new StartedService(Service.start(new Config("127.0.0.1", 0, dataDir, 2, Duration.ofDays(7), chunkRows,
                commitInterval, Duration.ofSeconds(30), "client-test-node", Set.of(),
                PostgresTestServer.selectedByProperty(), Config.DEFAULT_SCHEMA, Config.DEFAULT_MAX_ATTEMPTS)));
    }

    static String baseUrl(int port) {
        return "http://127.0.0.1:" + port;
    }

    SluiceClient client() {
        return client;
    }

    int port() {
        return service.port();
    }

    @Override
    public void close() {
        service.close();
    }
}
