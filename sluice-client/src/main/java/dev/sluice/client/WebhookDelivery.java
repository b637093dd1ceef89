package dev.sluice.client;

import java.time.Instant;
import java.util.List;

/**
 * One event sent to a webhook, with every attempt (docs/http-api.md#webhooks). {@code id} is the
 * {@code Sluice-Delivery} header, the same on every attempt.
 *
 * @param state         {@code pending}, {@code delivered} or {@code failed} (given up after 24 h)
 * @param nextAttemptAt while pending, when it is tried next; else null
 */
public record WebhookDelivery(String id, String type, String jobId, Instant createdAt, String state,
                              Instant nextAttemptAt, List<Attempt> attempts) {
    /**
     * One attempt.
     *
     * @param statusCode the receiver's answer, null when none came (refused, timed out)
     * @param error      why it did not count as delivered, null when it did
     */
    public record Attempt(int attempt, Instant at, Integer statusCode, long durationMs, String error) {
    }
}
