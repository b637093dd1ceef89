package dev.sluice.store;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;

/** A clock the test moves by hand, so stored times can be asserted exactly. Thread-safe. */
final class TestClock implements InstantSource {
    static final Instant T0 = Instant.parse("2026-11-22T10:00:00Z");

    private volatile Instant now;

    TestClock(Instant start) {
        this.now = start;
    }

    @Override
    public Instant instant() {
        return now;
    }

    Instant advance(Duration by) {
        now = now.plus(by);
        return now;
    }
}
