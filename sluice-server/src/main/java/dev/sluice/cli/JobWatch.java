package dev.sluice.cli;

import dev.sluice.client.Counts;
import dev.sluice.client.ImportJob;
import dev.sluice.client.Json;
import dev.sluice.client.SluiceClient;
import sun.misc.Signal;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Follows a job to its end for the command line: progress while it runs (from the job's event
 * stream when the job runs on a server, see {@link JobUpdates}), Ctrl-C handling, the summary at the end. Ctrl-C cancels a local job (it stops at its next commit; what was
 * committed stays); for a job on a server it asks first, and may leave the job running.
 * Not thread-safe: one watch per command.
 */
final class JobWatch {
    private static final Duration POLL = Duration.ofMillis(250);
    /**
     * How often a job this process runs is read: a read over loopback of a job in the same JVM costs
     * next to nothing, and the command ends that much sooner after the job does.
     */
    private static final Duration LOCAL_POLL = Duration.ofMillis(100);

    private static final Signal INT = new Signal("INT");

    private final SluiceClient client;
    private final boolean local;
    private final boolean json;
    private final boolean terminal;
    private final PrintStream err;
    private final BufferedReader answers;

    private final AtomicBoolean interrupted = new AtomicBoolean();
    private final sun.misc.SignalHandler onInterrupt = sig -> interrupted.set(true);

    JobWatch(SluiceClient client, boolean local, boolean json) {
        this(client, local, json, !json && ProgressView.onTerminal(), System.err,
                new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)));
    }

    /** @param terminal draw a live bar; {@code err} gets progress and messages, {@code answers} the user's replies */
    JobWatch(SluiceClient client, boolean local, boolean json, boolean terminal, PrintStream err,
             BufferedReader answers) {
        this.client = client;
        this.local = local;
        this.json = json;
        this.terminal = terminal;
        this.err = err;
        this.answers = answers;
    }

    /** What Ctrl-C does: the watch acts on it at its next update (at most {@link #POLL} away). */
    void interrupt() {
        interrupted.set(true);
    }

    /**
     * Polls until the job ends (or the user detaches); prints the summary or the JSON document.
     *
     * @param since when the command began, for the summary's time and rate (uploads included); null
     *              to time the job by its own timestamps (watching a job that began before the command)
     */
    ImportJob follow(ImportJob started, String label, Instant since) throws InterruptedException {
        ImportJob job = started;
        boolean cancelled = false;
        // a job on a server is followed through its event stream; a local one is read where it runs
        JobUpdates updates = local || job.isTerminal() ? JobUpdates.polled(client, job) : JobUpdates.streamed(client, job);
        boolean toldFallback = false;
        try (ProgressView view = new ProgressView(err, terminal, label)) {
            while (!job.isTerminal()) {
                if (interrupted.getAndSet(false) && !cancelled) {
                    // the bar stops drawing first: neither the question nor the answer may be drawn over
                    view.close();
                    if (!local && !confirmCancel(job)) {
                        err.println("left job " + job.id() + " running on the server; follow it with"
                                + " '" + Invocation.name() + " status " + job.id() + " --watch'");
                        return job;
                    }
                    client.cancel(job.id());
                    cancelled = true;
                    err.println("cancelling job " + job.id() + " at its next commit...");
                }
                if (!json) {
                    view.show(job);
                }
                // again on every poll: the progress bar's terminal library installs a handler of its own
                // (asynchronously, on its first draw), which would end the process at Ctrl-C
                Signal.handle(INT, onInterrupt);
                job = updates.next(local ? LOCAL_POLL : POLL);
                toldFallback = toldFallback || tellFallback(updates);
            }
            if (!json) {
                view.show(job);
            }
        }
        report(job, since == null ? ranFor(job) : Duration.between(since, Instant.now()));
        return job;
    }

    /**
     * Says once, where no bar is drawn, why the watch polls instead of following the stream.
     *
     * @return true once said
     */
    private boolean tellFallback(JobUpdates updates) {
        String why = updates.fallback();
        if (why == null || terminal || json) {
            return false;
        }
        err.println("following job by polling every " + POLL.toMillis() + " ms: " + why);
        return true;
    }

    /** How long a job has run by its own timestamps: from its start (or creation) to its last change. */
    static Duration ranFor(ImportJob job) {
        Instant from = job.startedAt() == null ? job.createdAt() : job.startedAt();
        return Duration.between(from, job.updatedAt());
    }

    private boolean confirmCancel(ImportJob job) {
        err.print("\nCancel job " + job.id() + " on the server? Committed rows stay. [y/N] ");
        err.flush();
        try {
            String answer = answers.readLine();
            return answer != null && answer.trim().toLowerCase(Locale.ROOT).startsWith("y");
        } catch (java.io.IOException e) {
            return false;
        }
    }

    private void report(ImportJob job, Duration took) {
        if (json) {
            try {
                System.out.println(Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(job));
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            return;
        }
        err.println(summary(job, took));
    }

    /** The end-of-job summary: state, counts, time, rate, and where the failed rows are. */
    static String summary(ImportJob job, Duration took) {
        Counts c = job.counts();
        double seconds = Math.max(0.001, took.toMillis() / 1000.0);
        StringBuilder sb = new StringBuilder();
        boolean validating = "validate".equals(job.jobType());
        sb.append(String.format(Locale.ROOT, "%s%s: %,d rows in %.1f s (%,.0f rows/s)%n",
                validating ? "validated, " : "", job.state(), c.processed(), seconds, c.processed() / seconds));
        if (validating) {
            sb.append("  validate only: nothing was written to ").append(job.collection())
                    .append("; the counts say what an import would do").append(System.lineSeparator());
        }
        sb.append(String.format(Locale.ROOT, "  created %,d, updated %,d, unchanged %,d, skipped %,d, failed %,d%n",
                c.created(), c.updated(), c.unchanged(), c.skipped(), c.failed()));
        if (job.error() != null) {
            sb.append("  error: ").append(CliFailures.jobError(job.error())).append(System.lineSeparator());
        }
        for (String sample : job.errorSamples().subList(0, Math.min(3, job.errorSamples().size()))) {
            sb.append("  ").append(sample).append(System.lineSeparator());
        }
        sb.append("  job ").append(job.id());
        if (c.failed() > 0) {
            sb.append("; failed rows: ").append(Invocation.name()).append(" results ").append(job.id()).append(" --failed -o failed.csv");
        }
        return sb.toString();
    }

    /** 0 completed, 2 completed_with_errors, 1 anything else. */
    static int exitCode(ImportJob job) {
        return switch (job.state()) {
            case "completed" -> 0;
            case "completed_with_errors" -> 2;
            default -> 1;
        };
    }
}
