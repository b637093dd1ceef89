package dev.sluice.cli;

import dev.sluice.Config;
import dev.sluice.Service;
import dev.sluice.error.SluiceException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

/** {@code sluice serve}: runs the HTTP service until SIGTERM or Ctrl-C. */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = "Run the Sluice HTTP service (embedded SQLite in the data directory, or PostgreSQL).")
public final class ServeCommand implements Callable<Integer> {

    @Mixin
    StoreOptions store;

    @Mixin
    AccessOptions access;

    @Option(names = "--host", defaultValue = "${env:SLUICE_HOST:-127.0.0.1}",
            description = "Address to listen on (SLUICE_HOST). Default: ${DEFAULT-VALUE}")
    String host;

    @Option(names = "--port", defaultValue = "${env:SLUICE_PORT:-8080}",
            description = "Port to listen on; 0 picks a free one (SLUICE_PORT). Default: ${DEFAULT-VALUE}")
    int port;

    @Option(names = "--workers", defaultValue = "${env:SLUICE_WORKERS:-2}",
            description = "Import jobs run at once (SLUICE_WORKERS). Default: ${DEFAULT-VALUE}")
    int workers;

    @Option(names = "--retention", defaultValue = "${env:SLUICE_RETENTION:-7d}",
            description = "How long ended jobs are kept, e.g. 7d, 12h, 3s (SLUICE_RETENTION). Default: ${DEFAULT-VALUE}")
    String retention;

    @Option(names = "--chunk-rows", defaultValue = "${env:SLUICE_CHUNK_ROWS:-10000}",
            description = "Rows per committed chunk (SLUICE_CHUNK_ROWS). Default: ${DEFAULT-VALUE}")
    int chunkRows;

    @Option(names = "--commit-interval", defaultValue = "${env:SLUICE_COMMIT_INTERVAL:-1s}",
            description = "How long one transaction may keep adding chunks before it commits; longer is faster on"
                    + " SQLite, shorter shows progress sooner (SLUICE_COMMIT_INTERVAL). Default: ${DEFAULT-VALUE}")
    String commitInterval;

    @Option(names = "--node-id", defaultValue = "${env:SLUICE_NODE_ID:-}",
            description = "This node's name in job leases and logs (SLUICE_NODE_ID). Default: host name and pid")
    String nodeId;

    @Option(names = "--lease-timeout", defaultValue = "${env:SLUICE_LEASE_TIMEOUT:-30s}",
            description = "How long a running job's claim lasts without a heartbeat before another node may take it"
                    + " over (SLUICE_LEASE_TIMEOUT). Default: ${DEFAULT-VALUE}")
    String leaseTimeout;

    @Option(names = "--max-attempts", defaultValue = "${env:SLUICE_MAX_ATTEMPTS:-3}",
            description = "How many times a job may be started; a lease lost after the last attempt fails the job"
                    + " with the retryable error lease_expired (SLUICE_MAX_ATTEMPTS). Default: ${DEFAULT-VALUE}")
    int maxAttempts;

    @Override
    public Integer call() throws Exception {
        Config config;
        Service service;
        try {
            config = access.apply(store.config()).host(host).port(port).workers(workers).retention(retention).chunkRows(chunkRows)
                    .commitInterval(commitInterval).leaseTimeout(leaseTimeout)
                    .nodeId(nodeId == null || nodeId.isBlank() ? Config.defaultNodeId() : nodeId)
                    .maxAttempts(maxAttempts).build();
            service = Service.start(config);
        } catch (SluiceException e) {
            System.err.println("sluice serve: " + e.getMessage());
            return 1;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.err.println("sluice: shutting down; running jobs commit their current chunk and resume on the next start");
            service.close();
            stopped.countDown();
        }, "sluice-shutdown"));
        System.out.println("Sluice listening on " + (config.tlsKeystore() == null ? "http" : "https") + "://" + config.host() + ":" + service.port()
                + " (data in " + (config.database() == null ? config.dataDir().toAbsolutePath().normalize()
                : config.database().display() + ", staged files in " + config.dataDir().toAbsolutePath().normalize())
                + ")");
        System.out.flush();
        stopped.await();
        return 0;
    }
}
