package dev.sluice.client;

import dev.sluice.Config;
import dev.sluice.Service;
import dev.sluice.store.PostgresTestServer;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * A real Sluice service on a free port over a SQLite data directory (or PostgreSQL when the system
 * property {@code sluice.test.database} says so, see {@link PostgresTestServer#selectedByProperty}),
 * and a {@link SluiceClient} of it: the SDK tests talk to exactly what a user's application would.
 * A test class registers one with {@code @RegisterExtension}; it starts before the class's
 * {@code @BeforeAll} methods over a data directory of its own and stops after the class (deleting
 * that directory); tests share it and work in collections of their own. Thread-safe.
 */
final class StartedService implements BeforeAllCallback, AfterAllCallback, AutoCloseable {
    private final int chunkRows;
    private final Duration commitInterval;
    private volatile Path dataDir;
    private volatile Service service;
    private volatile SluiceClient client;

    private StartedService(int chunkRows, Duration commitInterval) {
        this.chunkRows = chunkRows;
        this.commitInterval = commitInterval;
    }

    /** Two workers, chunks of {@code chunkRows}, committing every {@code commitInterval}; started per test class. */
    static StartedService sqliteOrPostgres(int chunkRows, Duration commitInterval) {
        return new StartedService(chunkRows, commitInterval);
    }

    @Override
    public void beforeAll(ExtensionContext context) throws IOException {
        dataDir = Files.createTempDirectory("sluice-client-");
        service = Service.start(Config.builder().port(0).dataDir(dataDir).chunkRows(chunkRows)
                .commitInterval(commitInterval).nodeId("client-test-node")
                .database(PostgresTestServer.selectedByProperty()).build());
        client = SluiceClient.create(baseUrl(service.port()));
    }

    @Override
    public void afterAll(ExtensionContext context) throws IOException {
        close();
        try (Stream<Path> paths = Files.walk(dataDir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
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
