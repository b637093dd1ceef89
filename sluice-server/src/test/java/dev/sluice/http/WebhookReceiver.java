package dev.sluice.http;

import com.sun.net.httpserver.HttpServer;
import dev.sluice.webhook.Signature;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntUnaryOperator;

/**
 * A webhook receiver for tests (docs/http-api.md, "Webhooks"): a small HTTP server on loopback that
 * keeps every POST it gets and answers each with the status its script gives for that request's
 * number (0 for the first). Thread-safe.
 */
final class WebhookReceiver implements AutoCloseable {
    /** One delivery attempt as received. */
    record Received(String event, String delivery, String signature, String body) {
        /** Whether {@code Sluice-Signature} is {@code t=<seconds>,v1=<HMAC-SHA256 of "t.body">} with {@code secret}. */
        boolean signedWith(String secret) {
            String[] parts = signature.split(",");
            if (parts.length != 2 || !parts[0].startsWith("t=") || !parts[1].startsWith("v1=")) {
                return false;
            }
            String t = parts[0].substring(2);
            return parts[1].substring(3).equals(Signature.hmac(secret, t + "." + body));
        }

        long signedAt() {
            return Long.parseLong(signature.split(",")[0].substring(2));
        }
    }

    private final HttpServer server;
    private final ConcurrentLinkedDeque<Received> received = new ConcurrentLinkedDeque<>();
    private final AtomicInteger count = new AtomicInteger();
    private volatile IntUnaryOperator script;

    WebhookReceiver(IntUnaryOperator script) {
        this.script = script;
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            var h = exchange.getRequestHeaders();
            received.add(new Received(h.getFirst("Sluice-Event"), h.getFirst("Sluice-Delivery"),
                    h.getFirst("Sluice-Signature"), body));
            exchange.sendResponseHeaders(this.script.applyAsInt(count.getAndIncrement()), -1);
            exchange.close();
        });
        server.start();
    }

    /** Answers every request from now on with {@code status}. */
    void answerAlways(int status) {
        script = n -> status;
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/hook";
    }

    List<Received> received() {
        return new ArrayList<>(received);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
