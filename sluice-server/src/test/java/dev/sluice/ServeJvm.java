package dev.sluice;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Starts {@code sluice serve} in a JVM of its own on a free port, as an operator runs it, its output
 * in files, and waits until it prints the address it listens on: the one launcher of the tests that
 * need a real process (to kill it, or to measure its memory).
 */
public final class ServeJvm {
    private static final Pattern LISTENING = Pattern.compile("Sluice listening on http://([^\\s:]+):(\\d+)");

    private ServeJvm() {
    }

    /** A started server: its process and the base address it answers on. */
    public record Started(Process process, URI base) {
    }

    /**
     * @param heap the JVM's {@code -Xmx}
     * @param serveOptions options after {@code serve --host 127.0.0.1 --port 0 --data-dir DIR}
     * @throws AssertionError when the process exits, or prints no address within {@code timeout}
     */
    public static Started start(String heap, Path dataDir, List<String> serveOptions, Path stdout, Path stderr,
                                Duration timeout) throws IOException, InterruptedException {
        return start(heap, List.of(), dataDir, serveOptions, stdout, stderr, timeout);
    }

    /** As {@link #start(String, Path, List, Path, Path, Duration)}, with more JVM options (e.g. {@code -Dname=value}). */
    public static Started start(String heap, List<String> jvmOptions, Path dataDir, List<String> serveOptions,
                                Path stdout, Path stderr, Duration timeout) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx" + heap));
        command.addAll(jvmOptions);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), "dev.sluice.Main", "serve",
                "--host", "127.0.0.1", "--port", "0", "--data-dir", dataDir.toString()));
        command.addAll(serveOptions);
        ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(stdout.toFile()).redirectError(stderr.toFile());
        // test credentials for an S3 store, held as the AWS chain's system properties, go on as its environment
        for (String[] pair : new String[][] {{"aws.accessKeyId", "AWS_ACCESS_KEY_ID"},
                {"aws.secretAccessKey", "AWS_SECRET_ACCESS_KEY"}}) {
            if (System.getProperty(pair[0]) != null) {
                builder.environment().put(pair[1], System.getProperty(pair[0]));
            }
        }
        Process process = builder.start();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            Matcher m = LISTENING.matcher(Files.readString(stdout, StandardCharsets.UTF_8));
            if (m.find()) {
                return new Started(process, URI.create("http://" + m.group(1) + ":" + m.group(2)));
            }
            if (!process.isAlive()) {
                throw new AssertionError("sluice serve exited with " + process.exitValue() + " before listening:\n"
                        + Files.readString(stderr, StandardCharsets.UTF_8));
            }
            Thread.sleep(20);
        }
        process.destroyForcibly();
        throw new AssertionError("sluice serve did not print its address within " + timeout);
    }
}
