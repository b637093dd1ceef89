package dev.sluice.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sluice.ServeJvm;

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

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code sluice serve} in a JVM of its own, as an operator runs it, so a test can kill it for real
 * (SIGKILL) or stop it as a service manager would (SIGTERM), and talk to it over HTTP. Its output
 * goes to files beside the data directory; failures quote the end of its log.
 */
final class ServeProcess implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);

    private final Process process;
    private final Path stderr;
    private final URI base;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();

    private ServeProcess(Process process, Path stderr, URI base) {
        this.process = process;
        this.stderr = stderr;
        this.base = base;
    }

    /**
     * Starts {@code sluice serve} on a free port over {@code dataDir}, with small chunks and short
     * commits so that an import commits many times, and waits until it listens.
     *
     * @param name names the output files ({@code NAME.out}, {@code NAME.err} in {@code logDir})
     * @param extraArgs more options of {@code sluice serve}, e.g. {@code --database-url}
     */
    static ServeProcess start(Path dataDir, Path logDir, String name, String... extraArgs)
            throws IOException, InterruptedException {
        return start(dataDir, logDir, name, List.of(), extraArgs);
    }

    /** As {@link #start(Path, Path, String, String...)}, with JVM options such as a test hook's {@code -D}. */
    static ServeProcess start(Path dataDir, Path logDir, String name, List<String> jvmOptions, String... extraArgs)
            throws IOException, InterruptedException {
        Path stdout = logDir.resolve(name + ".out");
        Path stderr = logDir.resolve(name + ".err");
        List<String> options = new ArrayList<>(List.of("--workers", "1", "--chunk-rows", "2000",
                "--commit-interval", "100ms"));
        options.addAll(List.of(extraArgs));
        ServeJvm.Started started = ServeJvm.start("512m", jvmOptions, dataDir, options, stdout, stderr,
                START_TIMEOUT);
        return new ServeProcess(started.process(), stderr, started.base());
    }

    /** Creates the {@code people} collection: email (the key), name, age. */
    void createPeople() throws IOException, InterruptedException {
        send(HttpRequest.newBuilder(base.resolve("/v1/collections"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"name\": \"people\", \"fields\": ["
                        + "{\"name\": \"email\", \"type\": \"string\"}, {\"name\": \"name\", \"type\": \"string\"},"
                        + " {\"name\": \"age\", \"type\": \"integer\"}], \"key\": [\"email\"]}")), 201);
    }

    /**
     * Creates {@code people}, submits {@code csv} to it and waits until some but not all of its
     * {@code totalRows} rows are committed; answers the job id.
     */
    String importPeoplePartway(Path csv, long totalRows) throws IOException, InterruptedException {
        createPeople();
        String id = submitCsv(csv);
        awaitPartlyCommitted(id, totalRows);
        return id;
    }

    /** Submits a CSV file to {@code people} (the defaults: skip, continue, errors); answers the job id. */
    String submitCsv(Path file) throws IOException, InterruptedException {
        return submitCsv(file, "");
    }

    /** As {@link #submitCsv(Path)}, with more query options ({@code &}-joined, e.g. {@code job_type=validate}). */
    String submitCsv(Path file, String query) throws IOException, InterruptedException {
        JsonNode job = send(HttpRequest.newBuilder(base.resolve("/v1/collections/people/import?file_name=people.csv"
                        + (query.isEmpty() ? "" : "&" + query)))
                .header("Content-Type", "text/csv")
                .POST(HttpRequest.BodyPublishers.ofFile(file)), 202);
        return job.get("id").asText();
    }

    /** Creates a job from a JSON request to {@code POST /v1/imports} (URL sources); answers the job id. */
    String submitJson(String request) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(base.resolve("/v1/imports")).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(request)), 202).get("id").asText();
    }

    JsonNode get(String path) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(base.resolve(path)).GET(), 200);
    }

    String getText(String path) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(base.resolve(path)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as("GET %s: %s", path, response.body()).isEqualTo(200);
        return response.body();
    }

    /** GET without asserting the status: answers the status code, or -1 when no answer came within 15 s. */
    int statusOf(String path) throws InterruptedException {
        try {
            return http.send(HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(15)).GET().build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            return -1;
        }
    }

    private JsonNode send(HttpRequest.Builder request, int expectedStatus) throws IOException, InterruptedException {
        HttpRequest built = request.timeout(Duration.ofSeconds(30)).build();
        HttpResponse<String> response = http.send(built, HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as("%s %s: %s", built.method(), built.uri(), response.body())
                .isEqualTo(expectedStatus);
        return JSON.readTree(response.body());
    }

    /**
     * Polls the job as fast as the server answers until some of its rows are committed but not all
     * of them, and answers the status document seen then.
     *
     * @throws AssertionError when the job ends first: the file is then too small for this machine
     */
    JsonNode awaitPartlyCommitted(String id, long totalRows) throws IOException, InterruptedException {
        return awaitCommitted(id, 1, totalRows);
    }

    /**
     * As {@link #awaitPartlyCommitted}, once at least {@code atLeast} rows are committed.
     *
     * @throws AssertionError when the job ends first: the file is then too small for this machine
     */
    JsonNode awaitCommitted(String id, long atLeast, long totalRows) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        JsonNode job = null;
        while (System.nanoTime() < deadline) {
            job = get("/v1/imports/" + id);
            long processed = job.get("counts").get("processed").asLong();
            String state = job.get("state").asText();
            if (state.equals("running") && processed >= atLeast && processed < totalRows) {
                return job;
            }
            assertThat(state).as("the import ended before it could be interrupted: %s", job)
                    .isIn("queued", "running");
        }
        throw new AssertionError("no rows were committed within 60 s: " + job + "\n" + logTail());
    }

    /** Polls until the job reaches a terminal state; answers its status document. */
    JsonNode awaitEnd(String id, Duration timeout) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        JsonNode job = null;
        while (System.nanoTime() < deadline) {
            job = get("/v1/imports/" + id);
            if (List.of("completed", "completed_with_errors", "failed", "cancelled").contains(job.get("state").asText())) {
                return job;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("the job did not end within " + timeout + ": " + job + "\n" + logTail());
    }

    /** SIGKILL: the process dies at once, mid-transaction or not. Answers its exit status. */
    int kill() throws InterruptedException {
        process.destroyForcibly();
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).as("the killed process is gone").isTrue();
        return process.exitValue();
    }

    /**
     * SIGTERM, as a service manager stops a service; answers the exit status.
     *
     * @throws AssertionError when the process is still running after {@code timeout}
     */
    int terminate(Duration timeout) throws InterruptedException, IOException {
        process.destroy();
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly();
            process.waitFor(30, TimeUnit.SECONDS);
            throw new AssertionError("sluice serve did not exit within " + timeout + " of SIGTERM\n" + logTail());
        }
        return process.exitValue();
    }

    String logTail() throws IOException {
        String log = Files.readString(stderr, StandardCharsets.UTF_8);
        return log.length() <= 4000 ? log : log.substring(log.length() - 4000);
    }

    /** Never leaves a process behind, whatever the test did. */
    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            process.destroyForcibly();
            process.waitFor(30, TimeUnit.SECONDS);
        }
    }
}
