package dev.sluice.http;

import dev.sluice.engine.Imports;
import dev.sluice.source.Staging;
import dev.sluice.store.ApiKeys;
import dev.sluice.store.CollectionStore;
import dev.sluice.store.JobFeed;
import dev.sluice.store.JobStore;
import dev.sluice.store.ResultStore;
import dev.sluice.store.Webhooks;

import java.time.Duration;
import java.time.InstantSource;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * What the HTTP API is built from. Immutable.
 *
 * @param adminKey     the key with every right, or null to run open (docs/operations.md)
 * @param ready        answers whether the service can take work (health check)
 * @param metrics      the Prometheus text of {@code GET /metrics}, made at each scrape
 * @param authFailures told the reason of each refused key, for {@code /metrics}
 * @param settings     the browser rules, TLS and size limits
 * @param feed         what event streams read, and the signal they wait on
 * @param events       the event streams' limits
 * @param webhooks     the webhooks and their deliveries
 */
public record HttpParts(CollectionStore collections, JobStore jobs, ResultStore results, Staging staging,
                        Imports imports, ApiKeys keys, Duration retention, String adminKey, BooleanSupplier ready,
                        Supplier<String> metrics, Consumer<String> authFailures, InstantSource clock,
                        HttpSettings settings, JobFeed feed, EventSettings events,
                        Webhooks webhooks) {
}
