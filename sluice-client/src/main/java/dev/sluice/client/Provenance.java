package dev.sluice.client;

import java.time.Instant;

/** Where the imported data came from; {@code expectedRows} is -1 when not given. */
public record Provenance(String sourceName, String processorName, String processorVersion, String searchString,
                         Instant searchedAt, String notes, long expectedRows) {
    public static final Provenance NONE = new Provenance(null, null, null, null, null, null, -1);
}
