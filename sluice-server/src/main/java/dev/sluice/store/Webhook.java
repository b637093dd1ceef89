package dev.sluice.store;

import java.time.Instant;
import java.util.List;

/**
 * A stored webhook (docs/http-api.md, "Webhooks"). Its {@code secret} signs every delivery and is
 * shown to a client only in the answer that created it. Immutable and thread-safe.
 *
 * @param events      event types, e.g. {@code job.completed}
 * @param collections the collections whose jobs it hears of, or {@code ["*"]} for all
 */
public record Webhook(String id, String url, List<String> events, List<String> collections, String secret,
                      Instant createdAt) {
    public Webhook {
        events = List.copyOf(events);
        collections = List.copyOf(collections);
    }
}
