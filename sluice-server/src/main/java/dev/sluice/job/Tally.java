package dev.sluice.job;

/**
 * Row counts of a job or a file. {@code processed} and {@code succeeded} are derived, so the
 * invariant {@code processed = created + updated + unchanged + skipped + failed} cannot break.
 * Immutable and thread-safe.
 */
public record Tally(long created, long updated, long unchanged, long skipped, long failed) {
    public static final Tally ZERO = new Tally(0, 0, 0, 0, 0);

    public long processed() {
        return created + updated + unchanged + skipped + failed;
    }

    public long succeeded() {
        return created + updated + unchanged;
    }

    public Tally plus(Tally other) {
        return new Tally(created + other.created, updated + other.updated, unchanged + other.unchanged,
                skipped + other.skipped, failed + other.failed);
    }

    /** What these counts hold beyond {@code earlier}, outcome by outcome. */
    public Tally minus(Tally earlier) {
        return new Tally(created - earlier.created, updated - earlier.updated, unchanged - earlier.unchanged,
                skipped - earlier.skipped, failed - earlier.failed);
    }

    /** Tally of a list of outcomes. */
    public static Tally of(Iterable<? extends RowReport> results) {
        long c = 0, u = 0, n = 0, s = 0, f = 0;
        for (RowReport r : results) {
            RowOutcome o = r.outcome();
            if (o instanceof RowOutcome.Created) {
                c++;
            } else if (o instanceof RowOutcome.Updated) {
                u++;
            } else if (o instanceof RowOutcome.Unchanged) {
                n++;
            } else if (o instanceof RowOutcome.Skipped) {
                s++;
            } else {
                f++;
            }
        }
        return new Tally(c, u, n, s, f);
    }
}
