package dev.sluice.client;

/** A job-level (or file-level) error: a stable code and a located message. */
public record JobError(String code, String message) {
}
