package dev.sluice.metrics;

import dev.sluice.engine.EngineMetrics;
import dev.sluice.job.Tally;
import dev.sluice.job.JobState;
import dev.sluice.webhook.DeliveryMetrics;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

import java.time.Duration;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * What {@code GET /metrics} shows, in the Prometheus text format. Per node: rows and source bytes
 * committed ({@code sluice_rows_total{outcome}}, {@code sluice_source_bytes_total}), chunk
 * transactions ({@code sluice_commit_seconds}), jobs this node ended ({@code sluice_jobs_ended_total{state}}),
 * and the JVM's memory, GC, threads, CPU and uptime. From the database, so the same on every
 * node: jobs by state ({@code sluice_jobs{state}}), read at most once a second. Thread-safe.
 */
public final class Metrics implements EngineMetrics, DeliveryMetrics, AutoCloseable {
    private static final Duration JOB_COUNTS_MAX_AGE = Duration.ofSeconds(1);

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final Map<String, Counter> rows = new HashMap<>();
    private final Counter bytes;
    private final Timer commits;
    private final Map<JobState, Counter> ended = new EnumMap<>(JobState.class);
    private final JvmGcMetrics gc = new JvmGcMetrics();
    private final Supplier<Map<JobState, Long>> jobCounts;
    private Map<JobState, Long> lastJobCounts = Map.of();
    private long lastJobCountsAt;

    /** @param jobCounts the database's jobs by state (called at most once a second, at scrape time) */
    public Metrics(Supplier<Map<JobState, Long>> jobCounts) {
        this.jobCounts = jobCounts;
        for (String outcome : new String[]{"created", "updated", "unchanged", "skipped", "failed"}) {
            rows.put(outcome, Counter.builder("sluice.rows").tag("outcome", outcome)
                    .description("Rows committed by this node, by outcome").register(registry));
        }
        bytes = Counter.builder("sluice.source.bytes").baseUnit("bytes")
                .description("Source bytes whose rows this node committed").register(registry);
        commits = Timer.builder("sluice.commit").description("Chunk transactions this node committed, retries included")
                .register(registry);
        for (JobState state : JobState.values()) {
            if (state.isTerminal()) {
                ended.put(state, Counter.builder("sluice.jobs.ended").tag("state", state.wireName())
                        .description("Jobs whose run on this node ended them, by final state").register(registry));
            }
            Gauge.builder("sluice.jobs", () -> jobCount(state)).tag("state", state.wireName())
                    .description("Jobs in the database by state (all nodes)").register(registry);
        }
        new JvmMemoryMetrics().bindTo(registry);
        gc.bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
    }

    /**
     * Counts a request refused for its key ({@code sluice_auth_failures_total{reason}}): {@code missing},
     * {@code unknown}, {@code revoked}, {@code expired} or {@code scope}.
     */
    public void authFailed(String reason) {
        Counter.builder("sluice.auth.failures").tag("reason", reason)
                .description("Requests refused for their key on this node, by reason").register(registry).increment();
    }

    @Override
    public void committed(Tally counts, long sourceBytes, long nanos) {
        rows.get("created").increment(counts.created());
        rows.get("updated").increment(counts.updated());
        rows.get("unchanged").increment(counts.unchanged());
        rows.get("skipped").increment(counts.skipped());
        rows.get("failed").increment(counts.failed());
        bytes.increment(sourceBytes);
        commits.record(nanos, TimeUnit.NANOSECONDS);
    }

    @Override
    public void ended(JobState state) {
        Counter counter = ended.get(state);
        if (counter != null) {
            counter.increment();
        }
    }

    /** Shows {@code sluice_event_streams}, the event streams open on this node, as {@code open} tells. */
    public void eventStreams(java.util.function.IntSupplier open) {
        Gauge.builder("sluice.event.streams", open::getAsInt).description("Event streams open on this node")
                .register(registry);
    }

    /**
     * One webhook delivery attempt ({@code sluice_webhook_deliveries_total{outcome}}: {@code delivered},
     * {@code retried}, {@code given_up}) and how long it took ({@code sluice_webhook_delivery_seconds}).
     */
    @Override
    public void attempted(String outcome, long nanos) {
        Counter.builder("sluice.webhook.deliveries").tag("outcome", outcome)
                .description("Webhook delivery attempts this node made, by outcome").register(registry).increment();
        Timer.builder("sluice.webhook.delivery").description("Webhook delivery attempts this node made, by time to"
                + " the answer or the failure").register(registry).record(nanos, TimeUnit.NANOSECONDS);
    }

    private synchronized double jobCount(JobState state) {
        long now = System.nanoTime();
        if (lastJobCountsAt == 0 || now - lastJobCountsAt > JOB_COUNTS_MAX_AGE.toNanos()) {
            try {
                lastJobCounts = jobCounts.get();
                lastJobCountsAt = now;
            } catch (RuntimeException e) {
                return Double.NaN; // the database is away: the scrape still answers, without this figure
            }
        }
        return lastJobCounts.getOrDefault(state, 0L);
    }

    /** Everything, in the Prometheus text exposition format (version 0.0.4). */
    public String scrape() {
        return registry.scrape();
    }

    @Override
    public void close() {
        gc.close();
        registry.close();
    }
}
