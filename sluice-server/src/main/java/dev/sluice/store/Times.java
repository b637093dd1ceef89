package dev.sluice.store;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * Sluice's own timestamps as stored: fixed-width ISO-8601 UTC with milliseconds, so that text
 * order is time order. Thread-safe.
 */
public final class Times {
    private static final DateTimeFormatter FIXED =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    private Times() {
    }

    public static String text(Instant instant) {
        return instant == null ? null : FIXED.format(instant);
    }

    public static Instant parse(String text) {
        return text == null ? null : Instant.parse(text);
    }
}
