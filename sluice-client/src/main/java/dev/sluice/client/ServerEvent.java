package dev.sluice.client;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One event of a job's event stream ({@code GET /v1/imports/{id}/events}, docs/http-api.md#events):
 * its {@code id} (pass it back to resume), its name ({@code progress}, {@code file}, {@code log},
 * {@code state}, {@code end}) and its JSON data. Immutable.
 */
public record ServerEvent(String id, String name, JsonNode data) {
    /** True for {@code end}, the last event of a job's stream. */
    public boolean isEnd() {
        return "end".equals(name);
    }
}
