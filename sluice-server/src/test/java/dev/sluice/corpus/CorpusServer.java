package dev.sluice.corpus;

import dev.sluice.ServeJvm;
import dev.sluice.store.PostgresTestServer;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * {@code sluice serve} in a JVM of its own on a free port, as an operator runs it, so the corpus
 * measures the server's real memory (peak RSS) and a case that breaks the server cannot break the
 * test. On PostgreSQL when {@code sluice.test.database=postgres}. Thread-safe.
 */
final class CorpusServer implements AutoCloseable {
    private final Process process;
    private final Path stderr;
    private final String base;
    /** Why the last {@link #send} that answered null broke, for the report. */
    private volatile String lastBreak = "";
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    private CorpusServer(Process process, Path stderr, String base) {
        this.process = process;
        this.stderr = stderr;
        this.base = base;
    }

    /** One HTTP answer; {@code contentType} is null when there is none. */
    record Answer(int status, String contentType, byte[] body) {
        String text() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    /**
     * Starts a server over a new data directory under {@code dir}, with {@code heap} as its
     * {@code -Xmx} and {@code options} after {@code serve}; waits until it listens.
     */
    static CorpusServer start(Path dir, String heap, List<String> options) throws IOException, InterruptedException {
        Path dataDir = Files.createTempDirectory(dir, "data");
        Path stdout = dataDir.resolveSibling(dataDir.getFileName() + ".out");
        Path stderr = dataDir.resolveSibling(dataDir.getFileName() + ".err");
        List<String> serveOptions = new ArrayList<>();
        if ("postgres".equals(System.getProperty("sluice.test.database"))) {
            serveOptions.addAll(List.of("--database-url", PostgresTestServer.freshDatabaseUrl()));
        }
        serveOptions.addAll(options);
        ServeJvm.Started started = ServeJvm.start(heap, dataDir, serveOptions, stdout, stderr, Duration.ofSeconds(90));
        return new CorpusServer(started.process(), stderr, started.base().toString());
    }

    /** Why the last request that got no answer broke (the exception), or empty. */
    String lastBreak() {
        return lastBreak;
    }

    /**
     * Sends a request; {@code headers} are name, value pairs. Answers null when no answer came
     * within {@code timeout}, or the connection broke.
     */
    Answer send(String method, String path, List<String> headers, byte[] body, Duration timeout) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(timeout)
                .method(method, body.length == 0 && !method.equals("POST") && !method.equals("PUT")
                        ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
        for (int i = 0; i < headers.size(); i += 2) {
            b.header(headers.get(i), headers.get(i + 1));
        }
        try {
            HttpResponse<byte[]> r = http.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
            return new Answer(r.statusCode(), r.headers().firstValue("Content-Type").orElse(null), r.body());
        } catch (IOException e) {
            lastBreak = e.toString();
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            lastBreak = e.toString();
            return null;
        }
    }

    Answer get(String path) {
        return send("GET", path, List.of(), new byte[0], Duration.ofSeconds(30));
    }

    /** True when {@code GET /health} answers 200 within 5 s. */
    boolean healthy() {
        Answer a = send("GET", "/health", List.of(), new byte[0], Duration.ofSeconds(5));
        return a != null && a.status() == 200;
    }

    /** The peak resident set size of the server process in kB (Linux {@code VmHWM}), or -1 when unknown. */
    long peakRssKb() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/" + process.pid() + "/status"))) {
                if (line.startsWith("VmHWM:")) {
                    return Long.parseLong(line.replaceAll("\\D", ""));
                }
            }
        } catch (IOException | RuntimeException e) {
            // not Linux, or the process is gone
        }
        return -1;
    }

    /** The CPU time the server process has used so far, in ms (Linux {@code /proc}, 100 ticks a second), or -1. */
    long cpuMillis() {
        try {
            String stat = Files.readString(Path.of("/proc/" + process.pid() + "/stat"));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return (Long.parseLong(f[11]) + Long.parseLong(f[12])) * 10;
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    String logTail() {
        try {
            String log = Files.readString(stderr, StandardCharsets.UTF_8);
            return log.length() <= 3000 ? log : log.substring(log.length() - 3000);
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    /** Never leaves a process behind. */
    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(20, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor(20, TimeUnit.SECONDS);
        }
    }
}
