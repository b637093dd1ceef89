package dev.sluice.store;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A pulse that says "some job changed; read again": raised after a commit that touched a job (on
 * SQLite by {@link Database#write} itself, on PostgreSQL by the node's {@link PostgresListener} when a
 * {@code NOTIFY} arrives, from any node) and awaited by event streams. A pulse carries nothing: the
 * database stays the only source of what changed, so a missed pulse costs only a poll interval.
 * Thread-safe.
 */
public final class JobSignals {
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private long pulses;

    /** Something changed. */
    public void pulse() {
        lock.lock();
        try {
            pulses++;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** How many pulses there have been; pass it to {@link #awaitAfter}. */
    public long count() {
        lock.lock();
        try {
            return pulses;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Waits until a pulse newer than {@code seen} or until {@code timeout} passes.
     *
     * @return the pulse count on return
     */
    public long awaitAfter(long seen, Duration timeout) throws InterruptedException {
        lock.lock();
        try {
            long left = timeout.toNanos();
            while (pulses == seen && left > 0) {
                left = changed.awaitNanos(left);
            }
            return pulses;
        } finally {
            lock.unlock();
        }
    }
}
