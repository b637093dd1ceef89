package dev.sluice.http;

import dev.sluice.client.ImportJob;
import dev.sluice.store.JobFeed;
import dev.sluice.store.JobSignals;
import dev.sluice.store.LogPosition;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * The {@code state} events of every job the caller may see ({@code GET /v1/events},
 * docs/http-api.md#events), until the client leaves or the server stops. Every state move writes a
 * line to its job's log in the same transaction, so the jobs that logged after the last line seen
 * are the jobs that may have moved; a job's {@code state} event is sent when its state differs from
 * the one last sent on this stream (or the stream has not sent one for it yet). The event id is
 * that log line's position ({@link LogPosition}, in commit order). Not thread-safe: one per request.
 */
final class AllJobsStream {
    private static final int JOBS_PER_READ = 200;
    private static final int REMEMBERED = 10_000;

    private final Function<String, Optional<ImportJob>> documents;
    private final JobFeed feed;
    private final EventSettings settings;
    private final BooleanSupplier stopping;
    private final SseOut out;
    private final Predicate<String> visible;
    private final Map<String, String> sentStates = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, String> eldest) {
            return size() > REMEMBERED;
        }
    };
    private LogPosition seen;

    /**
     * @param visible which collections' jobs this stream sends
     * @param seen    the log position to start after
     */
    AllJobsStream(Function<String, Optional<ImportJob>> documents, JobFeed feed, EventSettings settings,
                  BooleanSupplier stopping, SseOut out, Predicate<String> visible, LogPosition seen) {
        this.documents = documents;
        this.feed = feed;
        this.settings = settings;
        this.stopping = stopping;
        this.out = out;
        this.visible = visible;
        this.seen = seen;
    }

    /** Sends events until the client goes away ({@link IOException}) or the server stops. */
    void run() throws IOException, InterruptedException {
        JobSignals signals = feed.signals();
        while (!stopping.getAsBoolean()) {
            long pulses = signals.count();
            List<JobFeed.Activity> active;
            do {
                active = feed.activeAfter(seen, JOBS_PER_READ);
                for (JobFeed.Activity a : active) {
                    send(a);
                }
            } while (active.size() == JOBS_PER_READ);
            settings.idle(out, signals, pulses);
        }
    }

    private void send(JobFeed.Activity a) throws IOException {
        if (a.position().compareTo(seen) > 0) {
            seen = a.position();
        }
        Optional<ImportJob> job = documents.apply(a.jobId());
        if (job.isEmpty() || !visible.test(job.get().collection())) {
            return;
        }
        String state = job.get().state();
        if (!state.equals(sentStates.put(a.jobId(), state))) {
            out.event(a.position().text(), "state", job.get());
        }
    }
}
