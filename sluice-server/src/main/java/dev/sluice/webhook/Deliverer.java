package dev.sluice.webhook;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sluice.client.Json;
import dev.sluice.error.SluiceException;
import dev.sluice.source.UrlSources;
import dev.sluice.store.Deliveries;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * Sends the outbox's deliveries (docs/http-api.md, "Webhooks"): every poll it leases the ones due,
 * as many as it has free senders, and for each POSTs the JSON {@code {id, type, created_at, data}}
 * signed with {@link Signature}. A 2xx answer delivers it; any other answer, a timeout (10 s), a
 * refused connection or an address the URL guard refuses is tried again after an exponential backoff
 * ({@code retryBase} doubled per attempt, at most an hour) until 24 hours after the event. The body
 * is made once, at the first attempt, and every retry sends the same bytes under the same
 * {@code Sluice-Delivery}. Thread-safe; {@link #close} stops it, a delivery in flight keeps its lease
 * and is tried again by whichever node leases it next.
 */
public final class Deliverer implements AutoCloseable {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(Deliverer.class);
    static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final Duration LEASE = Duration.ofMinutes(1);
    private static final Duration LONGEST_WAIT = Duration.ofHours(1);
    private static final int SENDERS = 4;

    private final Deliveries deliveries;
    private final UrlSources guard;
    private final Function<String, Object> documents;
    private final DeliverySettings settings;
    private final DeliveryMetrics metrics;
    private final InstantSource clock;
    private final ObjectMapper json = Json.mapper();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT)
            .followRedirects(HttpClient.Redirect.NEVER).build();
    private final Semaphore free = new Semaphore(SENDERS);
    private final ScheduledExecutorService poll = Executors.newSingleThreadScheduledExecutor(r -> thread(r, "poll"));
    private final ExecutorService senders = Executors.newFixedThreadPool(SENDERS, r -> thread(r, "send"));

    /** @param documents a job's status document by id, as {@code GET /v1/imports/{id}} answers it; null once purged */
    public Deliverer(Deliveries deliveries, UrlSources guard, Function<String, Object> documents,
                     DeliverySettings settings, DeliveryMetrics metrics, InstantSource clock) {
        this.deliveries = deliveries;
        this.guard = guard;
        this.documents = documents;
        this.settings = settings;
        this.metrics = metrics;
        this.clock = clock;
    }

    public void start() {
        long every = Math.min(settings.retryBase().toMillis(), 1_000);
        poll.scheduleWithFixedDelay(this::sweep, every, every, TimeUnit.MILLISECONDS);
    }

    private void sweep() {
        try {
            int permits = free.drainPermits();
            int taken = 0;
            try {
                for (Deliveries.Due due : permits == 0 ? java.util.List.<Deliveries.Due>of()
                        : deliveries.claim(settings.owner(), LEASE, permits)) {
                    taken++;
                    senders.execute(() -> {
                        try {
                            send(due);
                        } finally {
                            free.release();
                        }
                    });
                }
            } finally {
                free.release(permits - taken);
            }
        } catch (RuntimeException e) {
            LOG.warn("webhook deliveries could not be read: {}; trying again shortly", e.getMessage());
        }
    }

    private void send(Deliveries.Due due) {
        try {
            if (due.gone()) {
                deliveries.drop(due, settings.owner());
                return;
            }
            String body = due.body() != null ? due.body() : deliveries.keepBody(due.id(), render(due));
            Deliveries.Outcome outcome = attempt(due, body);
            Instant retryAt = outcome.delivered() ? null : outcome.at().plus(backoff(due.attempts() + 1));
            deliveries.record(due, settings.owner(), outcome, retryAt);
            metrics.attempted(outcome.delivered() ? "delivered" : retryAt.isAfter(due.giveUpAt()) ? "given_up"
                    : "retried", outcome.durationMs() * 1_000_000);
        } catch (RuntimeException e) {
            LOG.warn("webhook delivery {} could not be recorded: {}; its lease runs out and it is tried again",
                    due.id(), e.getMessage());
        }
    }

    /** How long to wait after attempt {@code n} (1 for the first) failed. */
    Duration backoff(int n) {
        Duration wait = settings.retryBase().multipliedBy(1L << Math.min(n - 1, 30));
        return wait.compareTo(LONGEST_WAIT) > 0 ? LONGEST_WAIT : wait;
    }

    private String render(Deliveries.Due due) {
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("id", due.id());
        event.put("type", due.type());
        event.put("created_at", due.createdAt());
        event.put("data", documents.apply(due.jobId()));
        try {
            return json.writeValueAsString(event);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Deliveries.Outcome attempt(Deliveries.Due due, String body) {
        Instant at = clock.instant();
        long start = System.nanoTime();
        String secret = due.secret() != null ? due.secret() : settings.serverSecret();
        try {
            if (secret == null) {
                return failed(at, start, null, "no --webhook-secret is configured to sign a notify_url delivery");
            }
            guard.check(due.url());
            HttpRequest request = HttpRequest.newBuilder(URI.create(due.url())).timeout(TIMEOUT)
                    .header("Content-Type", "application/json").header("User-Agent", "Sluice-Webhooks")
                    .header("Sluice-Event", due.type()).header("Sluice-Delivery", due.id())
                    .header("Sluice-Signature", Signature.header(secret, at.getEpochSecond(), body))
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build();
            int status = http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
            boolean ok = status >= 200 && status < 300;
            return new Deliveries.Outcome(at, status, elapsedMs(start), ok ? null : "answered " + status, ok);
        } catch (SluiceException e) {
            return failed(at, start, null, "refused by the URL guard: " + e.getMessage());
        } catch (IOException | IllegalArgumentException e) {
            return failed(at, start, null, e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": "
                    + e.getMessage()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return failed(at, start, null, "interrupted: the node is stopping");
        }
    }

    private static Deliveries.Outcome failed(Instant at, long start, Integer status, String error) {
        return new Deliveries.Outcome(at, status, elapsedMs(start), error, false);
    }

    private static long elapsedMs(long start) {
        return (System.nanoTime() - start) / 1_000_000;
    }

    private static Thread thread(Runnable r, String role) {
        Thread t = new Thread(r, "sluice-webhook-" + role);
        t.setDaemon(true);
        return t;
    }

    @Override
    public void close() {
        poll.shutdownNow();
        senders.shutdownNow();
        try {
            senders.awaitTermination(TIMEOUT.toSeconds() + 1, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
