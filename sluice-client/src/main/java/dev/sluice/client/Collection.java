package dev.sluice.client;

import java.time.Instant;
import java.util.List;

/**
 * A collection: a table with typed fields and a dedupe key. {@code recordCount}, {@code createdAt}
 * and {@code table} are filled by the server.
 */
public record Collection(String name, List<Field> fields, List<String> key, boolean keyCaseInsensitive,
                         Long recordCount, Instant createdAt, String table) {

    /**
     * A field.
     *
     * @param type {@code string}, {@code integer}, {@code number}, {@code decimal}, {@code boolean}, {@code date},
     *             {@code timestamp}, {@code uuid} or {@code json}
     * @param format for {@code date} and {@code timestamp} fields, the pattern their values are written in
     *               ({@code dd.MM.yyyy}), {@code epoch_seconds} or {@code epoch_millis}; null for ISO-8601
     */
    public record Field(String name, String type, boolean required, Integer maxLength, String format) {

        /** A field without a format. */
        public Field(String name, String type, boolean required, Integer maxLength) {
            this(name, type, required, maxLength, null);
        }
    }
}
