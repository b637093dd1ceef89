package dev.sluice.job;

import java.time.InstantSource;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Time-ordered UUIDs (version 7): job ids sort by creation time, and record ids are cheap to
 * generate on the hot path. Thread-safe.
 */
public final class Uuid7 {
    private Uuid7() {
    }

    public static UUID next(InstantSource clock) {
        return at(clock.millis());
    }

    public static UUID at(long epochMillis) {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        long msb = (epochMillis << 16) | 0x7000L | (random.nextInt() & 0x0FFF);
        long lsb = (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return new UUID(msb, lsb);
    }
}
