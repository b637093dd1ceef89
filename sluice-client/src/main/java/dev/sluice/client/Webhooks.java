package dev.sluice.client;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.List;
import java.util.Map;

/**
 * The webhooks of a server ({@code /v1/webhooks}, docs/http-api.md#webhooks); managing them needs
 * the {@code webhooks:manage} scope, or the admin key. Get one from {@link SluiceClient#webhooks()}.
 * Thread-safe.
 */
public final class Webhooks {
    private final Transport transport;

    Webhooks(Transport transport) {
        this.transport = transport;
    }

    /**
     * Creates a webhook; the answer holds its signing secret in {@link Webhook#secret()}, the only time
     * it is shown.
     *
     * @param events      e.g. {@code job.completed}, {@code job.failed}
     * @param collections the collections it hears of, {@code List.of("*")} for all
     * @param secret      the signing secret, 16 to 200 characters; null to have one generated
     */
    public Webhook create(String url, List<String> events, List<String> collections, String secret) {
        ObjectNode body = transport.json().createObjectNode().put("url", url);
        events.forEach(body.putArray("events")::add);
        collections.forEach(body.putArray("collections")::add);
        if (secret != null) {
            body.put("secret", secret);
        }
        return transport.postJson("/v1/webhooks", body, Webhook.class);
    }

    /** One page of webhooks, never with their secrets; {@code cursor} null for the first. */
    public Page<Webhook> list(String cursor) {
        return transport.page("/v1/webhooks", new QueryParameters().put("cursor", cursor).map(), Webhook.class);
    }

    /** @throws SluiceApiException {@code 404 webhook_not_found} */
    public Webhook get(String id) {
        return transport.get(ApiPaths.webhook(id), Map.of(), Webhook.class);
    }

    /** Deletes a webhook: nothing more is sent to it. @throws SluiceApiException {@code 404} for an unknown id */
    public void delete(String id) {
        transport.delete(ApiPaths.webhook(id));
    }

    /** One page of a webhook's deliveries, newest first, each with its attempts; {@code cursor} null for the first. */
    public Page<WebhookDelivery> deliveries(String id, String cursor) {
        return transport.page(ApiPaths.webhook(id) + "/deliveries",
                new QueryParameters().put("cursor", cursor).map(), WebhookDelivery.class);
    }
}
