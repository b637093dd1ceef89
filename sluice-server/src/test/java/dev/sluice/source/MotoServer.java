package dev.sluice.source;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * A real S3-compatible store for tests: the {@code moto} server ({@code pip install
 * --break-system-packages 'moto[server]'}, as {@code .ci/run} does) started on a free loopback port,
 * stopped when the JVM exits. The credentials every store here accepts are set as the AWS chain's
 * system properties, so a server started in this JVM (and, through its environment, one started by
 * {@code ServeJvm}) signs with them. Objects are put with the AWS SDK.
 */
public final class MotoServer implements AutoCloseable {
    public static final String ACCESS_KEY = "testing-key";
    public static final String SECRET_KEY = "testing-secret";
    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);

    private final Process process;
    private final URI endpoint;
    private final S3Client client;

    private MotoServer(Process process, URI endpoint) {
        this.process = process;
        this.endpoint = endpoint;
        this.client = S3Client.builder().endpointOverride(endpoint).forcePathStyle(true).region(Region.US_EAST_1)
                .httpClient(UrlConnectionHttpClient.create())
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS_KEY, SECRET_KEY)))
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED).build();
    }

    /** A store that accepts any credentials. */
    public static MotoServer start() {
        return start(Map.of());
    }

    /**
     * A store whose first {@code allowed} requests need no credentials and every later one must be
     * signed by a key its IAM knows, which the test credentials are not: from then on it answers 403.
     */
    public static MotoServer refusingAfter(int allowed) {
        return start(Map.of("INITIAL_NO_AUTH_ACTION_COUNT", Integer.toString(allowed)));
    }

    private static MotoServer start(Map<String, String> environment) {
        System.setProperty("aws.accessKeyId", ACCESS_KEY);
        System.setProperty("aws.secretAccessKey", SECRET_KEY);
        try {
            int port = freePort();
            Path log = Files.createTempFile("moto-", ".log");
            ProcessBuilder builder = new ProcessBuilder(List.of("python3", "-m", "moto.server", "-H", "127.0.0.1",
                    "-p", Integer.toString(port))).redirectErrorStream(true).redirectOutput(log.toFile());
            builder.environment().putAll(environment);
            Process process = builder.start();
            Runtime.getRuntime().addShutdownHook(new Thread(process::destroyForcibly));
            awaitListening(process, port, log);
            return new MotoServer(process, URI.create("http://127.0.0.1:" + port));
        } catch (IOException e) {
            throw new AssertionError("cannot start the moto S3 server (python3 -m moto.server): " + e.getMessage()
                    + "; install it with: pip install --break-system-packages 'moto[server]'", e);
        }
    }

    private static void awaitListening(Process process, int port, Path log) throws IOException {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new AssertionError("the moto S3 server exited with " + process.exitValue() + "; install it with:"
                        + " pip install --break-system-packages 'moto[server]'\n" + Files.readString(log, StandardCharsets.UTF_8));
            }
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
                return;
            } catch (IOException notYet) {
                sleep(100);
            }
        }
        process.destroyForcibly();
        throw new AssertionError("the moto S3 server did not listen within " + START_TIMEOUT);
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    /** {@code http://127.0.0.1:PORT}, the value of {@code --s3-endpoint} (with {@code --s3-path-style}). */
    public URI endpoint() {
        return endpoint;
    }

    public void createBucket(String bucket) {
        client.createBucket(b -> b.bucket(bucket));
    }

    public void put(String bucket, String key, byte[] bytes) {
        client.putObject(b -> b.bucket(bucket).key(key), RequestBody.fromBytes(bytes));
    }

    public void put(String bucket, String key, String text) {
        put(bucket, key, text.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public void close() {
        client.close();
        process.destroy();
    }
}
