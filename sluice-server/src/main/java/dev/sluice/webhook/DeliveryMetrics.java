package dev.sluice.webhook;

/** Where the {@link Deliverer} reports each attempt, for {@code GET /metrics}. Implementations are thread-safe. */
public interface DeliveryMetrics {
    /** Nothing recorded. */
    DeliveryMetrics NONE = (outcome, nanos) -> { };

    /**
     * One attempt: {@code delivered} (a 2xx answer), {@code retried} (to be tried again) or
     * {@code given_up}; {@code nanos} from the request's start to its answer or failure.
     */
    void attempted(String outcome, long nanos);
}
