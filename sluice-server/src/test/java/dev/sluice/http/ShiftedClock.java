package dev.sluice.http;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.concurrent.atomic.AtomicLong;

/** The system clock moved forward by as much as a test asks, so it can let a day pass at once. Thread-safe. */
final class ShiftedClock implements InstantSource {
    private final AtomicLong shiftMillis = new AtomicLong();

    void advance(Duration by) {
        shiftMillis.addAndGet(by.toMillis());
    }

    @Override
    public Instant instant() {
        return Instant.now().plusMillis(shiftMillis.get());
    }

    @Override
    public long millis() {
        return System.currentTimeMillis() + shiftMillis.get();
    }
}
