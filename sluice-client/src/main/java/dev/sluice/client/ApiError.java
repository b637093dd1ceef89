package dev.sluice.client;

import java.util.Map;

/** The body of every error answer: {@code {"error": {"code", "message", "details"}}}. */
public record ApiError(Body error) {

    public record Body(String code, String message, Map<String, Object> details) {
    }
}
