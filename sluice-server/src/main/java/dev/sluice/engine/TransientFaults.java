package dev.sluice.engine;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * Lost database connections: a connection cut, PostgreSQL restarting or shutting down, or the pool
 * finding no connection in time. Work that failed on one of those is retried with backoff (0.5 s
 * doubling to 10 s) for up to {@link #BUDGET}; Hikari replaces the broken connections by itself.
 * Stateless; thread-safe.
 */
final class TransientFaults {
    private static final Logger LOG = LoggerFactory.getLogger(TransientFaults.class);
    /** How long work keeps being retried while the database is away. */
    static final Duration BUDGET = Duration.ofMinutes(2);
    private static final long FIRST_DELAY_MILLIS = 500;
    private static final long MAX_DELAY_MILLIS = 10_000;
    /** admin_shutdown, crash_shutdown, cannot_connect_now. */
    private static final Set<String> SHUTDOWN_STATES = Set.of("57P01", "57P02", "57P03");

    private TransientFaults() {
    }

    /** The database stayed away longer than {@link #BUDGET}, or the process began to stop while it was. */
    static final class Unavailable extends RuntimeException {
        Unavailable(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** True when {@code e}, or anything it was caused by or suppressed, says the connection was lost. */
    static boolean isTransient(Throwable e) {
        return find(e, new IdentityHashMap<>());
    }

    private static boolean find(Throwable e, Map<Throwable, Boolean> seen) {
        if (e == null || seen.put(e, Boolean.TRUE) != null) {
            return false;
        }
        if (e instanceof SQLTransientConnectionException) {
            return true;
        }
        if (e instanceof SQLException sql && sql.getSQLState() != null
                && (sql.getSQLState().startsWith("08") || SHUTDOWN_STATES.contains(sql.getSQLState()))) {
            return true;
        }
        for (Throwable s : e.getSuppressed()) {
            if (find(s, seen)) {
                return true;
            }
        }
        return find(e.getCause(), seen);
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
