package dev.sluice.client;

import java.time.Instant;

/** One event of a job's log ({@code GET /v1/imports/{id}/log?format=json}). Immutable and thread-safe. */
public record LogLine(Instant at, String level, String message) {
}
