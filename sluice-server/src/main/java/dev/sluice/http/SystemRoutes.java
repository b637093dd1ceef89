package dev.sluice.http;

import io.javalin.http.Context;

import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/** Handlers of the service's own routes: health, the OpenAPI document and metrics. Thread-safe. */
final class SystemRoutes {
    /** The Prometheus text exposition format. */
    private static final String PROMETHEUS_TEXT = "text/plain; version=0.0.4; charset=utf-8";

    private final BooleanSupplier ready;
    private final Supplier<String> metrics;

    SystemRoutes(BooleanSupplier ready, Supplier<String> metrics) {
        this.ready = ready;
        this.metrics = metrics;
    }

    void health(Context ctx) {
        boolean ok = ready.getAsBoolean();
        Answers.json(ctx, ok ? 200 : 503, Map.of("status", ok ? "ok" : "starting"));
    }

    void openApi(Context ctx) {
        ctx.contentType("application/json").result(OpenApiDocument.bytes());
    }

    void metrics(Context ctx) {
        ctx.contentType(PROMETHEUS_TEXT).result(metrics.get());
    }
}
