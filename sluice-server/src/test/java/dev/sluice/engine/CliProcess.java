package dev.sluice.engine;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A {@code sluice} command (other than {@code serve}) in a JVM of its own, as a user runs it: its
 * exit code and what it printed.
 */
record CliProcess(int exitCode, String out, String err) {

    /**
     * Runs {@code sluice ARGS...} to its end (at most 60 s).
     *
     * @param name names its output files ({@code NAME.out}, {@code NAME.err} in {@code logDir})
     */
    static CliProcess run(Path logDir, String name, String... args) throws IOException, InterruptedException {
        return run(logDir, name, List.of("-Xmx256m"), 60, args);
    }

    /**
     * As {@link #run(Path, String, String...)}, with these JVM options and at most {@code seconds}.
     */
    static CliProcess run(Path logDir, String name, List<String> jvm, int seconds, String... args)
            throws IOException, InterruptedException {
        Path stdout = logDir.resolve(name + ".out");
        Path stderr = logDir.resolve(name + ".err");
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        command.addAll(jvm);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), "dev.sluice.Main"));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command)
                .redirectOutput(stdout.toFile())
                .redirectError(stderr.toFile())
                .start();
        if (!process.waitFor(seconds, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor(30, TimeUnit.SECONDS);
            throw new AssertionError("sluice " + String.join(" ", args) + " did not end within " + seconds + " s:\n"
                    + Files.readString(stderr, StandardCharsets.UTF_8));
        }
        return new CliProcess(process.exitValue(), Files.readString(stdout, StandardCharsets.UTF_8),
                Files.readString(stderr, StandardCharsets.UTF_8));
    }
}
