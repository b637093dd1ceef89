package dev.sluice.engine;

import dev.sluice.store.ConnectionLoss;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * Work that failed on a lost database connection ({@link ConnectionLoss}) is retried with backoff (0.5 s
 * doubling to 10 s) for up to {@link #BUDGET}; Hikari replaces the broken connections by itself.
 * Stateless; thread-safe.
 */
final class TransientFaults {
    private static final Logger LOG = LoggerFactory.getLogger(TransientFaults.class);
    /** How long work keeps being retried while the database is away. */
    static final Duration BUDGET = Duration.ofMinutes(2);
    private static final long FIRST_DELAY_MILLIS = 500;
    private static final long MAX_DELAY_MILLIS = 10_000;

    private TransientFaults() {
    }

    /** The database stayed away longer than {@link #BUDGET}, or the process began to stop while it was. */
    static final class Unavailable extends RuntimeException {
        Unavailable(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** True when {@code e} says the database connection was lost. */
    static boolean isTransient(Throwable e) {
        return ConnectionLoss.isLost(e);
    }

    /**
     * Runs {@code work}, again after each transient fault, with backoff, until it succeeds or the
     * budget is spent. Other exceptions pass through at once.
     *
     * @param what names the work in the log
     * @param giveUp checked between attempts: true stops retrying (the process is stopping)
     * @throws Unavailable when the budget is spent or {@code giveUp} said so
     */
    static <T> T retry(String what, BooleanSupplier giveUp, Supplier<T> work) {
        long deadline = System.nanoTime() + BUDGET.toNanos();
        long delay = FIRST_DELAY_MILLIS;
        int failures = 0;
        while (true) {
            try {
                T result = work.get();
                if (failures > 0) {
                    LOG.info("{} succeeded after {} failed attempt(s): the database is back", what, failures);
                }
                return result;
            } catch (RuntimeException e) {
                if (!isTransient(e)) {
                    throw e;
                }
                failures++;
                if (System.nanoTime() + delay * 1_000_000 > deadline || giveUp.getAsBoolean()) {
                    throw new Unavailable(what + " failed: the database connection was lost and did not come back"
                            + " within " + BUDGET.toSeconds() + " s (" + e.getMessage() + ")", e);
                }
                LOG.warn("{} failed on a lost database connection (attempt {}); retrying in {} ms: {}", what,
                        failures, delay, e.getMessage());
                try {
                    Thread.sleep(delay);
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    throw new Unavailable(what + " was interrupted while waiting for the database", e);
                }
                delay = Math.min(MAX_DELAY_MILLIS, delay * 2);
            }
        }
    }
}
