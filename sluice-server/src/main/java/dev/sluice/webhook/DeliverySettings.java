package dev.sluice.webhook;

import java.time.Duration;

/**
 * What the {@link Deliverer} is configured with. Immutable.
 *
 * @param owner        this node's id, holding the lease of each delivery it sends
 * @param retryBase    the wait after a first failed attempt, doubled after each next one ({@code --webhook-retry-base})
 * @param serverSecret signs {@code notify_url} deliveries ({@code --webhook-secret}); null when none is set
 */
public record DeliverySettings(String owner, Duration retryBase, String serverSecret) {
}
