package dev.sluice.cli;

import dev.sluice.Config;
import dev.sluice.Service;
import dev.sluice.client.SluiceClient;
import dev.sluice.engine.ClaimScope;
import dev.sluice.error.SluiceException;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.net.URI;
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

    @Option(names = "--api-key", defaultValue = "${env:SLUICE_API_KEY}",
            description = "API key (or admin key) for --server, sent as Authorization: Bearer (SLUICE_API_KEY)")
    String apiKey;

    @Mixin
    StoreOptions store;

    boolean remote() {
        return server != null && !server.isBlank();
    }

    /** Connects: to the server, or to a service started here on the data directory. */
    Target open() {
        if (remote()) {
            return new Target(SluiceClient.builder(URI.create(server.trim())).apiKey(apiKey).build(), null);
        }
        Config config = store.config().host("127.0.0.1").port(0).workers(2).retention(Duration.ofDays(7))
                .chunkRows(10_000).commitInterval(Duration.ofSeconds(1)).leaseTimeout(Duration.ofSeconds(30))
                .maxAttempts(Config.DEFAULT_MAX_ATTEMPTS).build();
        Service service;
        try {
            // its workers run only the job this command creates (see Target.claim), never others' jobs
            service = Service.start(config, ClaimScope.none());
        } catch (SluiceException e) {
            if ("data_dir_locked".equals(e.code())) {
                throw new SluiceException.Misconfigured(e.code(), e.getMessage() + "; if it is a running 'sluice serve', use"
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

        /** In-process: lets this command's own Sluice run the job (it runs no other); through a server, nothing. */
        void claim(String jobId) {
            if (service != null) {
                service.permit(jobId);
            }
        }

        @Override
        public void close() {
            if (service != null) {
                service.close();
            }
        }
    }
}
