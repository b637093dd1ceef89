package dev.sluice.client;

/**
 * How far a job or file has come. {@code percent} only rises and is 100 at the end; it is null
 * when the size of the input is unknown.
 */
public record Progress(Double percent, long rowsProcessed, Long rowsTotal, Long rowsTotalEstimate,
                       long bytesProcessed, Long bytesTotal, Double rowsPerSecond) {
}
