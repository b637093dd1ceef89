package dev.sluice.cli;

import dev.sluice.Config;
import dev.sluice.Service;
import dev.sluice.SluiceException;
import dev.sluice.client.SluiceClient;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.time.Duration;

/**
 * Where a command goes: a running server ({@code --server}, {@code SLUICE_SERVER}), or Sluice
 * in-process on a data directory. Both go through the same {@link SluiceClient}: in local mode the
 * command starts the service on a free loopback port for its own use, so local and remote share
 * one code path and behave alike.
 */
final class TargetOptions {

    @Option(names = "--server", defaultValue = "${env:SLUICE_SERVER}",
            description = "URL of a running Sluice server (SLUICE_SERVER); without it, Sluice runs in-process.")
    String server;

    @Option(names = "--data-dir", defaultValue = "${env:SLUICE_DATA_DIR:-./sluice-data}",
            description = "In-process mode: the data directory (SLUICE_DATA_DIR). Default: ${DEFAULT-VALUE}")
    Path dataDir;

    @Option(names = "--database-url", defaultValue = "${env:SLUICE_DATABASE_URL:-}",
            description = "In-process mode: a PostgreSQL database instead of the embedded SQLite (SLUICE_DATABASE_URL)")
    String databaseUrl;

    @Option(names = "--schema", defaultValue = "${env:SLUICE_SCHEMA:-public}",
            description = "In-process mode on PostgreSQL: the schema of collection tables (SLUICE_SCHEMA)")
    String schema;

    @Option(names = "--allow-url-hosts", defaultValue = "${env:SLUICE_ALLOW_URL_HOSTS:-}",
            description = "In-process mode: hosts URL sources may name even when internal (SLUICE_ALLOW_URL_HOSTS)")
    String allowUrlHosts;

    boolean remote() {
        return server != null && !server.isBlank();
    }

    /** Connects: to the server, or to a service started here on the data directory. */
    Target open() {
        if (remote()) {
            return new Target(SluiceClient.create(server.trim()), null);
        }
        Config config = new Config("127.0.0.1", 0, dataDir, 2, Duration.ofDays(7), 10_000, Duration.ofSeconds(1),
                Duration.ofSeconds(30), Config.defaultNodeId(),
                Config.hosts("--allow-url-hosts / SLUICE_ALLOW_URL_HOSTS", allowUrlHosts),
                dev.sluice.DatabaseUrl.parse(databaseUrl), schema, Config.DEFAULT_MAX_ATTEMPTS);
        Service service;
        try {
            service = Service.start(config);
        } catch (SluiceException e) {
            if ("data_dir_locked".equals(e.code())) {
                throw new SluiceException(e.code(), e.getMessage() + "; if it is a running 'sluice serve', use"
                        + " --server http://HOST:PORT to go through it");
            }
            throw e;
        }
        return new Target(SluiceClient.create("http://127.0.0.1:" + service.port()), service);
    }

    /** An open connection; closing it stops the in-process service, if any. */
    record Target(SluiceClient client, Service service) implements AutoCloseable {
        boolean local() {
            return service != null;
        }

        @Override
        public void close() {
            if (service != null) {
                service.close();
            }
        }
    }
}
