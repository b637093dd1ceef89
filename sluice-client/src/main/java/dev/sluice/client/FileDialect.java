package dev.sluice.client;

/**
 * How a CSV/TSV file of a job is read, decided when its reading starts: the delimiter, quote,
 * header and encoding given, and what was sniffed from the file's first bytes for those not given.
 * {@code delimiter}, {@code quote} and {@code header} are null for JSON sources.
 *
 * @param detected true when any of them was sniffed rather than given
 */
public record FileDialect(String delimiter, String quote, Boolean header, String encoding, boolean detected) {
}
