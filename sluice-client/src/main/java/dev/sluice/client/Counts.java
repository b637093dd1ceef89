package dev.sluice.client;

/** Row counts: {@code processed = created + updated + unchanged + skipped + failed}, {@code succeeded = created + updated + unchanged}. */
public record Counts(long processed, long succeeded, long created, long updated, long unchanged, long skipped,
                     long failed) {
}
