package dev.sluice.collection;

import java.time.Instant;
import java.time.LocalDate;

/**
 * Timestamps written as a count since 1970-01-01T00:00:00Z: {@code epoch_seconds} (a fraction of
 * up to six digits allowed) or {@code epoch_millis} (up to three). An optional {@code -} sign; the
 * instant must fall within years 0000 to 9999, the range of the ISO form. Immutable and thread-safe.
 */
enum EpochFormat implements TemporalFormat {
    SECONDS("epoch_seconds", 1, 6),
    MILLIS("epoch_millis", 1000, 3);

    private static final long MIN_SECOND = LocalDate.of(0, 1, 1).toEpochDay() * 86_400L;
    private static final long MAX_SECOND = LocalDate.of(10_000, 1, 1).toEpochDay() * 86_400L - 1;

    private final String spec;
    private final int perSecond;
    private final int fractionDigits;

    EpochFormat(String spec, int perSecond, int fractionDigits) {
        this.spec = spec;
        this.perSecond = perSecond;
        this.fractionDigits = fractionDigits;
    }

    /** The format with this name, or null. */
    static EpochFormat named(String spec) {
        for (EpochFormat f : values()) {
            if (f.spec.equals(spec)) {
                return f;
            }
        }
        return null;
    }

    @Override
    public String spec() {
        return spec;
    }

    @Override
    public LocalDate date(String text) throws InvalidValue {
        throw new IllegalStateException(spec + " is refused for date fields when the collection is defined");
    }

    @Override
    public Instant timestamp(String text) throws InvalidValue {
        int dot = text.indexOf('.');
        String whole = dot < 0 ? text : text.substring(0, dot);
        String fraction = dot < 0 ? "" : text.substring(dot + 1);
        if (whole.isEmpty() || whole.equals("-") || whole.startsWith("+")
                || (dot >= 0 && (fraction.isEmpty() || fraction.length() > fractionDigits))
                || !allDigits(fraction)) {
            throw Messages.notATimestampIn(text, spec);
        }
        long count;
        try {
            count = NumberSyntax.parseLong(whole);
        } catch (InvalidValue e) {
            throw Messages.notATimestampIn(text, spec);
        }
        long second = Math.floorDiv(count, perSecond);
        long fractionNanos = whole.startsWith("-") ? -fractionNanos(fraction) : fractionNanos(fraction);
        long nanos = Math.floorMod(count, perSecond) * (1_000_000_000L / perSecond) + fractionNanos;
        if (second < MIN_SECOND - 1 || second > MAX_SECOND) {
            throw Messages.notATimestampIn(text, spec);
        }
        Instant instant = Instant.ofEpochSecond(second, nanos);
        if (instant.getEpochSecond() < MIN_SECOND || instant.getEpochSecond() > MAX_SECOND) {
            throw Messages.notATimestampIn(text, spec);
        }
        return instant;
    }

    /** The nanoseconds a fraction of this format's unit says. */
    private long fractionNanos(String fraction) {
        long value = 0;
        for (int i = 0; i < 9; i++) {
            value = value * 10 + (i < fraction.length() ? fraction.charAt(i) - '0' : 0);
        }
        return value / perSecond;
    }

    private static boolean allDigits(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (!NumberSyntax.isDigit(s.charAt(i))) {
                return false;
            }
        }
        return true;
    }
}
