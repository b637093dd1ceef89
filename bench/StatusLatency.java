import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The load side of {@code bench/status-latency} (see bench/README.md): against a running server,
 * creates one collection per import, submits all the imports at once (one thread per upload), then
 * polls {@code GET /v1/imports/{id}} of the unfinished jobs in turn, one request at a time, on a
 * fixed schedule, until every job has ended. Prints each latency to a file and the percentiles to
 * stdout; fails when a job does not complete with every row created.
 *
 * <pre>java bench/StatusLatency.java --base URL --csv FILE --rows N [--jobs 8] [--interval-ms 20] [--out FILE]</pre>
 *
 * No dependencies; it reads the few JSON fields it needs with regular expressions.
 */
public final class StatusLatency {
    private static final Pattern ID = Pattern.compile("\"id\"\\s*:\\s*\"([^\"]+)\"");
    private static final Pattern STATE = Pattern.compile("\"state\"\\s*:\\s*\"([a-z_]+)\"");
    private static final Pattern CREATED = Pattern.compile("\"created\"\\s*:\\s*(\\d+)");
    private static final List<String> TERMINAL = List.of("completed", "completed_with_errors", "failed", "cancelled");

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();
    private final String base;
    /** When each timed request started, in epoch milliseconds, to line up with a server's GC log. */
    private long[] startedAt;

    private StatusLatency(String base) {
        this.base = base;
    }

    public static void main(String[] args) throws Exception {
        String base = null, csv = null, out = null;
        long rows = -1;
        int jobs = 8, intervalMs = 20;
        for (int i = 0; i < args.length; i += 2) {
            String v = args[i + 1];
            switch (args[i]) {
                case "--base" -> base = v;
                case "--csv" -> csv = v;
                case "--rows" -> rows = Long.parseLong(v);
                case "--jobs" -> jobs = Integer.parseInt(v);
                case "--interval-ms" -> intervalMs = Integer.parseInt(v);
                case "--out" -> out = v;
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        if (base == null || csv == null || rows < 0) {
            throw new IllegalArgumentException("--base, --csv and --rows are required");
        }
        new StatusLatency(base).run(Path.of(csv), rows, jobs, intervalMs, out == null ? null : Path.of(out));
    }

    private void run(Path csv, long rows, int jobs, int intervalMs, Path out) throws Exception {
        String definition = Files.readString(Path.of("bench/people.json"));
        for (int k = 1; k <= jobs; k++) {
            String def = definition.replaceFirst("\"name\"\\s*:\\s*\"people\"", "\"name\": \"people_" + k + "\"");
            HttpResponse<String> r = send(HttpRequest.newBuilder(URI.create(base + "/v1/collections"))
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(def)));
            require(r.statusCode() == 201 || r.statusCode() == 200, "POST /v1/collections answered " + r.statusCode()
                    + ": " + r.body());
        }
        long t0 = System.nanoTime();
        String[] ids = submit(csv, jobs);
        System.out.printf(Locale.ROOT, "submitted %d imports of %,d rows; polling every %d ms%n", jobs, rows, intervalMs);
        long[] latencies = poll(ids, intervalMs);
        double seconds = (System.nanoTime() - t0) / 1e9;
        verify(ids, rows);
        report(latencies, startedAt, out);
        System.out.printf(Locale.ROOT, "imports: %,d rows in %.1f s from the first upload to the last job's end"
                + " (%,.0f rows/s)%n", rows * jobs, seconds, rows * jobs / seconds);
    }

    /** Uploads every file at once, as eight clients would; each answer is 202 with the queued job. */
    private String[] submit(Path csv, int jobs) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(jobs);
        List<Future<String>> answers = new ArrayList<>();
        for (int k = 1; k <= jobs; k++) {
            String coll = "people_" + k;
            answers.add(pool.submit(() -> {
                HttpResponse<String> r = send(HttpRequest.newBuilder(URI.create(base + "/v1/collections/" + coll + "/import"))
                        .header("Content-Type", "text/csv").POST(HttpRequest.BodyPublishers.ofFile(csv)));
                require(r.statusCode() == 202 || r.statusCode() == 200, "import into " + coll + " answered "
                        + r.statusCode() + ": " + r.body());
                return match(ID, r.body());
            }));
        }
        String[] ids = new String[jobs];
        for (int k = 0; k < jobs; k++) {
            ids[k] = answers.get(k).get();
        }
        pool.shutdown();
        return ids;
    }

    /**
     * Polls the unfinished jobs in turn, one request every {@code intervalMs} (a slow answer delays
     * the next request, which then goes at once: the schedule does not hide slow answers).
     */
    private long[] poll(String[] ids, int intervalMs) throws Exception {
        boolean[] ended = new boolean[ids.length];
        long[] latencies = new long[1 << 16];
        long[] startedAt = new long[1 << 16];
        int n = 0, turn = 0, left = ids.length;
        long next = System.nanoTime();
        while (left > 0) {
            while (ended[turn % ids.length]) {
                turn++;
            }
            int k = turn++ % ids.length;
            long wait = next - System.nanoTime();
            if (wait > 0) {
                Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
            }
            next = Math.max(next + intervalMs * 1_000_000L, System.nanoTime());
            long wall = System.currentTimeMillis();
            long t0 = System.nanoTime();
            HttpResponse<String> r = send(HttpRequest.newBuilder(URI.create(base + "/v1/imports/" + ids[k])).GET());
            long took = System.nanoTime() - t0;
            require(r.statusCode() == 200, "GET /v1/imports/" + ids[k] + " answered " + r.statusCode());
            if (TERMINAL.contains(match(STATE, r.body()))) {
                ended[k] = true;
                left--;
                continue; // the last answer of a job is not one "while it runs"
            }
            if (n == latencies.length) {
                latencies = Arrays.copyOf(latencies, n * 2);
                startedAt = Arrays.copyOf(startedAt, n * 2);
            }
            startedAt[n] = wall;
            latencies[n++] = took;
        }
        this.startedAt = Arrays.copyOf(startedAt, n);
        return Arrays.copyOf(latencies, n);
    }

    private void verify(String[] ids, long rows) throws Exception {
        for (String id : ids) {
            String body = send(HttpRequest.newBuilder(URI.create(base + "/v1/imports/" + id)).GET()).body();
            String state = match(STATE, body);
            long created = Long.parseLong(match(CREATED, body));
            require(state.equals("completed") && created == rows, "job " + id + " ended " + state + " with "
                    + created + " rows created, expected completed with " + rows);
        }
    }

    private static void report(long[] nanos, long[] startedAt, Path out) throws IOException {
        require(nanos.length > 0, "no status answer came while the jobs ran");
        if (out != null) {
            StringBuilder lines = new StringBuilder();
            for (int i = 0; i < nanos.length; i++) {
                lines.append(String.format(Locale.ROOT, "%d %.3f%n", startedAt[i], nanos[i] / 1e6));
            }
            Files.writeString(out, lines);
        }
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        System.out.printf(Locale.ROOT, "status reads: %d   p50 %.1f ms   p95 %.1f ms   p99 %.1f ms   max %.1f ms%n",
                sorted.length, pct(sorted, 50), pct(sorted, 95), pct(sorted, 99), sorted[sorted.length - 1] / 1e6);
    }

    /** The nearest-rank percentile, in milliseconds. */
    private static double pct(long[] sorted, double p) {
        int rank = (int) Math.ceil(p / 100 * sorted.length);
        return sorted[Math.max(0, rank - 1)] / 1e6;
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        return http.send(request.timeout(Duration.ofMinutes(10)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String match(Pattern p, String body) {
        Matcher m = p.matcher(body);
        require(m.find(), "no " + p.pattern() + " in " + body);
        return m.group(1);
    }

    private static void require(boolean ok, String message) {
        if (!ok) {
            System.err.println("bench/status-latency: FAILED: " + message);
            System.exit(1);
        }
    }
}
