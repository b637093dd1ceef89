package dev.sluice.cli;

import dev.sluice.client.ImportJob;

import java.time.Instant;

/** What every command does around its work: connect, run, turn errors into a message and exit code 1. */
final class Commands {
    private Commands() {
    }

    /** The work of a command, given its connection; returns the exit code. */
    @FunctionalInterface
    interface Work {
        int run(TargetOptions.Target target) throws Exception;
    }

    static int run(String command, TargetOptions target, Work work) {
        try (TargetOptions.Target t = target.open()) {
            return work.run(t);
        } catch (Exception e) {
            System.err.println("sluice " + command + ": " + CliFailures.describe(e, target.remote()
                    ? target.server.trim() : null));
            return 1;
        }
    }

    /**
     * Follows a job this command created to its end ({@link JobWatch}), letting an in-process Sluice run
     * it first; returns the exit code of its end state.
     *
     * @param began when the command began, for the summary's time and rate
     */
    static int follow(TargetOptions.Target target, ImportJob job, boolean json, String label, Instant began)
            throws InterruptedException {
        target.claim(job.id());
        return JobWatch.exitCode(new JobWatch(target.client(), target.local(), json).follow(job, label, began));
    }

    /**
     * What a command prints when it is done: {@code document} as JSON when {@code --json} was given,
     * else its {@code text}; returns exit code 0.
     */
    static int answer(boolean json, Object document, Runnable text) throws java.io.IOException {
        if (json) {
            printJson(document);
        } else {
            text.run();
        }
        return 0;
    }

    /** Prints a document as indented JSON on stdout: what {@code --json} gives. */
    static void printJson(Object document) throws java.io.IOException {
        System.out.println(dev.sluice.client.Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(document));
    }
}
