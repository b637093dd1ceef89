package dev.sluice.store;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Tells a lost database connection from other failures: a connection cut (SQLState class 08),
 * PostgreSQL shutting down, crashing or starting up, or the pool finding no connection in time.
 * Work that failed on one may be tried again on a fresh connection. Stateless.
 */
public final class ConnectionLoss {
    /** admin_shutdown, crash_shutdown, cannot_connect_now. */
    private static final Set<String> SHUTDOWN_STATES = Set.of("57P01", "57P02", "57P03");

    private ConnectionLoss() {
    }

    /** True when {@code e}, or anything it was caused by or suppressed, says the connection was lost. */
    public static boolean isLost(Throwable e) {
        return find(e, new IdentityHashMap<>());
    }

    /**
     * True when the pool gave up waiting for a connection ({@link SQLTransientConnectionException}):
     * the waiting already happened, so trying again at once would only wait as long again.
     */
    public static boolean isPoolTimeout(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLTransientConnectionException) {
                return true;
            }
        }
        return false;
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
}
