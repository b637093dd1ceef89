package dev.sluice.client;

import java.time.Instant;
import java.util.List;

/**
 * A webhook as {@code /v1/webhooks} describes it (docs/http-api.md#webhooks). {@code secret}, which
 * signs every delivery, is present only in the answer to its creation.
 *
 * @param events      the event types it is sent, such as {@code job.completed}
 * @param collections the collections whose jobs it hears of, or {@code *}
 */
public record Webhook(String id, String url, List<String> events, List<String> collections, Instant createdAt,
                      String secret) {
}
