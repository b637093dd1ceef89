package dev.sluice.http;

import dev.sluice.client.FileStatus;
import dev.sluice.client.ImportJob;
import dev.sluice.client.LogLine;
import dev.sluice.store.JobFeed;
import dev.sluice.store.JobSignals;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.Function;

/**
 * The events of one job ({@code GET /v1/imports/{id}/events}, docs/http-api.md#events), sent on the
 * calling thread until the job ends ({@code end}), the client leaves, or the server stops. Each
 * round reads the status document, then the log lines after the last one sent, and sends what
 * differs from what the client has seen ({@link JobEventId}); between rounds it waits for
 * {@link JobSignals}, a heartbeat, or the poll interval. Not thread-safe: one per request.
 */
final class JobEventStream {
    /** The least time between two {@code progress} events. */
    static final long PROGRESS_NANOS = 250_000_000L;
    private static final int LINES_PER_READ = 500;

    private final String jobId;
    private final Function<String, Optional<ImportJob>> documents;
    private final JobFeed feed;
    private final EventSettings settings;
    private final BooleanSupplier stopping;
    private final SseOut out;
    private JobEventId seen;
    private long lastProgress = System.nanoTime() - PROGRESS_NANOS;

    JobEventStream(String jobId, Function<String, Optional<ImportJob>> documents, JobFeed feed, EventSettings settings,
                   BooleanSupplier stopping, SseOut out, JobEventId seen) {
        this.jobId = jobId;
        this.documents = documents;
        this.feed = feed;
        this.settings = settings;
        this.stopping = stopping;
        this.out = out;
        this.seen = seen;
    }

    /** Sends events until the job ends, the client goes away ({@link IOException}) or the server stops. */
    void run() throws IOException, InterruptedException {
        JobSignals signals = feed.signals();
        while (!stopping.getAsBoolean()) {
            long pulses = signals.count();
            Optional<ImportJob> job = documents.apply(jobId);
            if (job.isEmpty()) {
                return; // deleted while watched: nothing more will happen
            }
            if (round(job.get())) {
                return;
            }
            waitForChange(signals, pulses);
        }
    }

    /** One round; true once {@code end} is sent. */
    private boolean round(ImportJob job) throws IOException {
        sendLog();
        sendFiles(job);
        boolean terminal = job.isTerminal();
        long rows = job.counts().processed();
        if (rows != seen.rows() && (terminal || System.nanoTime() - lastProgress >= PROGRESS_NANOS)) {
            seen = seen.withRows(rows);
            lastProgress = System.nanoTime();
            out.event(seen.text(), "progress", progress(job));
        }
        if (JobEventId.code(job.state()) != seen.jobState()) {
            seen = seen.withStates(JobEventId.states(job));
            out.event(seen.text(), "state", job);
        }
        if (terminal) {
            sendLog(); // lines written after the document was read (a retry's note, a deletion) are not waited for
            if (feed.heldBack(jobId, seen.log())) {
                return false; // the job's last lines committed behind an open transaction: sent once it closes
            }
            out.event(seen.endText(), "end", Map.of("state", job.state()));
        }
        return terminal;
    }

    private void sendLog() throws IOException {
        List<JobFeed.Line> lines;
        do {
            lines = feed.linesAfter(jobId, seen.log(), LINES_PER_READ);
            for (JobFeed.Line l : lines) {
                seen = seen.withLog(l.position());
                out.event(seen.text(), "log", new LogLine(l.at(), l.level(), l.message()));
            }
        } while (lines.size() == LINES_PER_READ);
    }

    private void sendFiles(ImportJob job) throws IOException {
        List<FileStatus> files = job.files();
        for (int i = 0; i < files.size(); i++) {
            char now = JobEventId.code(files.get(i).state());
            if (now != seen.fileState(i)) {
                StringBuilder states = new StringBuilder(seen.states().isEmpty() ? " " : seen.states());
                while (states.length() < i + 2) {
                    states.append(' ');
                }
                states.setCharAt(i + 1, now);
                seen = seen.withStates(states.toString().replace(' ', 'z'));
                out.event(seen.text(), "file", files.get(i));
            }
        }
    }

    /** The data of a {@code progress} event. */
    static Map<String, Object> progress(ImportJob job) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("state", job.state());
        data.put("progress", job.progress());
        data.put("counts", job.counts());
        data.put("current_operation", job.currentOperation());
        data.put("estimated_completion", job.estimatedCompletion());
        return data;
    }

    private void waitForChange(JobSignals signals, long pulses) throws IOException, InterruptedException {
        settings.idle(out, signals, pulses);
        // a change arriving sooner than the progress interval is read once the interval has passed
        long sinceProgress = System.nanoTime() - lastProgress;
        if (sinceProgress < PROGRESS_NANOS) {
            Thread.sleep(Math.max(1, (PROGRESS_NANOS - sinceProgress) / 1_000_000));
        }
    }
}
