package dev.sluice.cli;

import dev.sluice.client.ImportJob;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;

/**
 * Shows a running job: a live bar with rows, bytes, rate and ETA on a terminal, or a plain line
 * every few seconds otherwise (logs, pipes, CI). Everything goes to stderr, so stdout stays free
 * for {@code --json}. Not thread-safe: one view per job, updated from one thread.
 */
final class ProgressView implements AutoCloseable {
    private static final Duration PLAIN_EVERY = Duration.ofSeconds(5);
    private static final long MB = 1L << 20;

    private final PrintStream out;
    private final boolean terminal;
    private final String label;
    private ProgressBar bar;
    private Instant lastLine = Instant.EPOCH;
    private volatile Instant eta;

    /** @param terminal true to draw a live bar; false for plain lines */
    ProgressView(PrintStream out, boolean terminal, String label) {
        this.out = out;
        this.terminal = terminal;
        this.label = label;
    }

    /** True when stderr is an interactive terminal. */
    static boolean onTerminal() {
        return System.console() != null && System.getenv("CI") == null;
    }

    void show(ImportJob job) {
        if (terminal) {
            bar(job);
        } else if (Duration.between(lastLine, Instant.now()).compareTo(PLAIN_EVERY) >= 0) {
            lastLine = Instant.now();
            out.println(line(job));
        }
    }

    private void bar(ImportJob job) {
        Long total = job.progress().bytesTotal();
        long done = Math.min(job.progress().bytesProcessed() / MB, total == null ? Long.MAX_VALUE : total / MB);
        if (bar == null) {
            // the clock starts at the job's start, not at the first draw: a watched job is already under way.
            // The rate is the job's own (its bytes over its running time): the bar's would start at "?"
            bar = new ProgressBarBuilder().setTaskName(label).setStyle(ProgressBarStyle.ASCII)
                    .setInitialMax(total == null ? -1 : Math.max(1, total / MB)).setUnit(" MB", 1)
                    .startsFrom(done, running(job)).setEtaFunction(state -> timeLeft())
                    .setUpdateIntervalMillis(250).setConsumer(
                            new me.tongfei.progressbar.ConsoleProgressBarConsumer(out)).build();
        }
        eta = job.estimatedCompletion();
        bar.stepTo(done);
        bar.setExtraMessage(" " + megabytesPerSecond(job) + " " + rows(job) + (rate(job).isEmpty() ? "" : "," + rate(job)));
    }

    /** The job's own estimate, which knows the rows to come; the bar's would know only this view's bytes. */
    private Optional<Duration> timeLeft() {
        Instant at = eta;
        return at == null ? Optional.empty() : Optional.of(Duration.between(Instant.now(), at))
                .map(d -> d.isNegative() ? Duration.ZERO : d);
    }

    /** The label of a job: its file's name, or how many files it has; {@code import} labels its bar alike. */
    static String label(ImportJob job) {
        if (job.files() == null || job.files().isEmpty()) {
            return job.collection();
        }
        return job.files().size() == 1 ? job.files().get(0).name() : job.files().size() + " files";
    }

    private static Duration running(ImportJob job) {
        if (job.startedAt() == null) {
            return Duration.ZERO;
        }
        Duration d = Duration.between(job.startedAt(), Instant.now());
        return d.isNegative() ? Duration.ZERO : d;
    }

    private static String megabytesPerSecond(ImportJob job) {
        double seconds = running(job).toMillis() / 1000.0;
        return seconds < 0.5 ? "" : String.format(Locale.ROOT, " %.1f MB/s,",
                job.progress().bytesProcessed() / (double) MB / seconds);
    }

    /** The plain progress line, e.g. {@code people.csv: running 42.0%, 420,000 rows (210,000 rows/s), 0:00:05 left}. */
    String line(ImportJob job) {
        StringBuilder sb = new StringBuilder(label).append(": ").append(job.state());
        if (job.progress().percent() != null) {
            sb.append(String.format(Locale.ROOT, " %.1f%%", job.progress().percent()));
        }
        sb.append(", ").append(rows(job));
        String rate = rate(job);
        if (!rate.isEmpty()) {
            sb.append(" (").append(rate.trim()).append(')');
        }
        if (job.estimatedCompletion() != null) {
            sb.append(", ").append(remaining(job.estimatedCompletion(), Instant.now())).append(" left");
        }
        if (job.currentOperation() != null) {
            sb.append(" — ").append(job.currentOperation());
        }
        return sb.toString();
    }

    /** The time until {@code eta} as {@code h:mm:ss}, as the bar shows it; never negative. */
    static String remaining(Instant eta, Instant now) {
        long s = Math.max(0, Duration.between(now, eta).toSeconds());
        return String.format(Locale.ROOT, "%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60);
    }

    private static String rows(ImportJob job) {
        return String.format(Locale.ROOT, "%,d rows", job.counts().processed())
                + (job.counts().failed() > 0 ? String.format(Locale.ROOT, ", %,d failed", job.counts().failed()) : "");
    }

    private static String rate(ImportJob job) {
        Double r = job.progress().rowsPerSecond();
        return r == null ? "" : String.format(Locale.ROOT, " %,.0f rows/s", r);
    }

    @Override
    public void close() {
        if (bar != null) {
            bar.close();
            bar = null;
        }
    }
}
