package dev.sluice.collection;

import java.time.Instant;
import java.time.LocalDate;

/**
 * A local text form of a {@code date} or {@code timestamp} field, compiled once per field and job:
 * a pattern such as {@code dd.MM.yyyy} ({@link DatePattern}), or {@code epoch_seconds} /
 * {@code epoch_millis} ({@link EpochFormat}) for timestamps. A field without one takes ISO-8601
 * ({@link ValueSyntax#parseDate}, {@link TimestampSyntax}). The syntax is in docs/concepts.md
 * ("Local formats"). Implementations are immutable and thread-safe.
 */
sealed interface TemporalFormat permits DatePattern, EpochFormat {

    /**
     * The compiled form of {@code spec} for a field of {@code type}.
     *
     * @throws IllegalArgumentException saying what is wrong with the spec, when it does not parse or does
     *                                  not suit the type (a time part in a date's pattern, epoch for a date)
     */
    static TemporalFormat compile(FieldType type, String spec) {
        if (type != FieldType.DATE && type != FieldType.TIMESTAMP) {
            throw new IllegalArgumentException("a format applies to date and timestamp fields only");
        }
        EpochFormat epoch = EpochFormat.named(spec);
        if (epoch != null) {
            if (type == FieldType.DATE) {
                throw new IllegalArgumentException("'" + spec + "' applies to timestamp fields only");
            }
            return epoch;
        }
        return DatePattern.compile(spec, type == FieldType.TIMESTAMP);
    }

    /** The spec as written, named in messages. */
    String spec();

    /** The date {@code text} (trimmed, not empty) holds. */
    LocalDate date(String text) throws InvalidValue;

    /** The instant {@code text} (trimmed, not empty) holds; a form without a zone is UTC. */
    Instant timestamp(String text) throws InvalidValue;
}
