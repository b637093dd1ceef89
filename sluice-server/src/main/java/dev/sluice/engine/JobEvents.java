package dev.sluice.engine;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Tells waiting threads that jobs ended or were queued, so {@code wait=true} answers and idle
 * workers wake at once instead of on their next poll. Signals are hints: waiters re-check the
 * store. Thread-safe.
 */
public final class JobEvents {
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private long queuedSignals;

    /** A job reached a terminal state. */
    public void ended(String jobId) {
        signal();
    }

    /** A job was queued: a worker may claim it. */
    public void queued() {
        lock.lock();
        try {
            queuedSignals++;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    private void signal() {
        lock.lock();
        try {
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** Waits until something changes or {@code timeout} passes. */
    public void awaitChange(Duration timeout) throws InterruptedException {
        lock.lock();
        try {
            changed.await(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } finally {
            lock.unlock();
        }
    }

    /** Waits for a queue signal newer than {@code seen}; returns the newest signal count. */
    long awaitQueued(long seen, Duration timeout) throws InterruptedException {
        lock.lock();
        try {
            long deadline = System.nanoTime() + timeout.toNanos();
            while (queuedSignals == seen) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    break;
                }
                changed.awaitNanos(left);
            }
            return queuedSignals;
        } finally {
            lock.unlock();
        }
    }

    long queuedSignals() {
        lock.lock();
        try {
            return queuedSignals;
        } finally {
            lock.unlock();
        }
    }
}
