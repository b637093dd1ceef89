import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The load side of {@code bench/jobs-page} (see bench/README.md): against a running server, makes
 * {@code --jobs} small import jobs (two inline records each, one of them failing, so every job has a
 * file, counts and an error sample, as real jobs do), waits until all have ended, then times the
 * requests the dashboard's Jobs page makes for its data (docs/dashboard.md): the first page of 50,
 * a page deep in the list, the list filtered by state and by collection, and the key's own rights.
 * Each is asked {@code --rounds} times over one keep-alive connection, one at a time; prints
 * p50, p95 and max per request and exits 1 when a p95 exceeds {@code --limit-ms}.
 *
 * <pre>java bench/JobsPage.java --base URL [--jobs 10000] [--threads 4] [--rounds 200] [--limit-ms 300]</pre>
 *
 * No dependencies; it reads the few JSON fields it needs with regular expressions.
 */
public final class JobsPage {
    private static final Pattern ID = Pattern.compile("\"id\"\\s*:\\s*\"([^\"]+)\"");
    private static final Pattern CURSOR = Pattern.compile("\"next_cursor\"\\s*:\\s*\"([^\"]+)\"");

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();
    private final String base;

    private JobsPage(String base) {
        this.base = base;
    }

    public static void main(String[] args) throws Exception {
        String base = null, phase = null;
        int jobs = 100, threads = 4, rounds = 200, limitMs = 300;
        for (int i = 0; i < args.length; i += 2) {
            String v = args[i + 1];
            switch (args[i]) {
                case "--base" -> base = v;
                case "--phase" -> phase = v;
                case "--jobs" -> jobs = Integer.parseInt(v);
                case "--threads" -> threads = Integer.parseInt(v);
                case "--rounds" -> rounds = Integer.parseInt(v);
                case "--limit-ms" -> limitMs = Integer.parseInt(v);
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        if (base == null || !"seed".equals(phase) && !"time".equals(phase)) {
            throw new IllegalArgumentException("--base and --phase seed|time are required");
        }
        JobsPage bench = new JobsPage(base);
        if (phase.equals("seed")) {
            bench.seed(jobs, threads);
        } else {
            System.exit(bench.time(rounds, limitMs) ? 0 : 1);
        }
    }

    private void seed(int jobs, int threads) throws Exception {
        for (String name : List.of("people", "orders")) {
            HttpResponse<String> r = send("POST", "/v1/collections", "{\"name\": \"" + name + "\", \"fields\": ["
                    + "{\"name\": \"email\", \"type\": \"string\", \"required\": true}, {\"name\": \"age\", \"type\":"
                    + " \"integer\"}], \"key\": \"email\"}");
            require(r.statusCode() == 201, "POST /v1/collections answered " + r.statusCode() + ": " + r.body());
        }
        long t0 = System.nanoTime();
        AtomicInteger next = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        List<Future<?>> done = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            done.add(pool.submit(() -> {
                for (int k = next.getAndIncrement(); k < jobs; k = next.getAndIncrement()) {
                    String body = "{\"collection\": \"" + (k % 5 == 0 ? "orders" : "people") + "\", \"records\": ["
                            + "{\"email\": \"a" + k + "@x.org\", \"age\": 1}, {\"email\": \"b" + k + "@x.org\", \"age\": \"x\"}]}";
                    HttpResponse<String> r = send("POST", "/v1/imports", body);
                    require(r.statusCode() == 202, "POST /v1/imports answered " + r.statusCode() + ": " + r.body());
                }
                return null;
            }));
        }
        for (Future<?> f : done) {
            f.get();
        }
        pool.shutdown();
        while (!send("GET", "/v1/imports?state=queued&limit=1", null).body().contains("\"imports\":[]")
                || !send("GET", "/v1/imports?state=running&limit=1", null).body().contains("\"imports\":[]")) {
            Thread.sleep(500);
        }
        System.out.printf(Locale.ROOT, "seeded %,d jobs (each 2 rows, 1 failing) in %.1f s%n", jobs,
                (System.nanoTime() - t0) / 1e9);
    }

    private boolean time(int rounds, int limitMs) throws Exception {
        String deep = "/v1/imports?limit=50";
        for (int page = 0; page < 100; page++) { // the cursor of page 101, about job 5,000
            Matcher m = CURSOR.matcher(send("GET", deep, null).body());
            require(m.find(), "fewer than 100 pages of jobs");
            deep = "/v1/imports?limit=50&cursor=" + m.group(1);
        }
        boolean ok = true;
        for (String path : List.of("/v1/imports?limit=50", deep, "/v1/imports?limit=50&state=completed_with_errors",
                "/v1/imports?limit=50&collection=orders", "/v1/keys/self")) {
            ok &= report(path.replaceAll("cursor=[^&]+", "cursor=<page 101>"), latencies(path, rounds), limitMs);
        }
        return ok;
    }

    private double[] latencies(String path, int rounds) throws Exception {
        for (int i = 0; i < 10; i++) {
            send("GET", path, null); // warm-up: the JIT, the database's page cache
        }
        double[] ms = new double[rounds];
        for (int i = 0; i < rounds; i++) {
            long t = System.nanoTime();
            HttpResponse<String> r = send("GET", path, null);
            ms[i] = (System.nanoTime() - t) / 1e6;
            require(r.statusCode() == 200 && ID.matcher(r.body()).find() || path.endsWith("self"),
                    path + " answered " + r.statusCode());
        }
        Arrays.sort(ms);
        return ms;
    }

    private static boolean report(String path, double[] ms, int limitMs) {
        double p50 = ms[(int) Math.ceil(ms.length * 0.50) - 1];
        double p95 = ms[(int) Math.ceil(ms.length * 0.95) - 1];
        boolean ok = p95 <= limitMs;
        System.out.printf(Locale.ROOT, "%-58s p50 %7.1f ms   p95 %7.1f ms   max %7.1f ms   %s%n", path, p50, p95,
                ms[ms.length - 1], ok ? "ok" : "OVER " + limitMs + " ms");
        return ok;
    }

    private HttpResponse<String> send(String method, String path, String json) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(60));
        if (json != null) {
            b.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(json));
        }
        try {
            return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new IllegalStateException(method + " " + path + " failed: " + e, e);
        }
    }

    private static void require(boolean ok, String message) {
        if (!ok) {
            throw new IllegalStateException(message);
        }
    }
}
