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

    private static long lastMillis;
    private static int sequence;

    /**
     * A time-ordered id that also sorts after every id this process made before it, even within one
     * millisecond (the 12 bits below the time count up): job ids list newest first exactly.
     */
    public static synchronized UUID next(InstantSource clock) {
        long millis = Math.max(clock.millis(), lastMillis);
        if (millis == lastMillis) {
            if (++sequence > 0x0FFF) {
                millis++;
                sequence = 0;
            }
        } else {
            sequence = ThreadLocalRandom.current().nextInt(0x0400);
        }
        lastMillis = millis;
        long msb = (millis << 16) | 0x7000L | sequence;
        long lsb = (ThreadLocalRandom.current().nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return new UUID(msb, lsb);
    }

    /** A version 7 id for this time, with random low bits: for record ids, made a million a second. */
    public static UUID at(long epochMillis) {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        long msb = (epochMillis << 16) | 0x7000L | (random.nextInt() & 0x0FFF);
        long lsb = (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return new UUID(msb, lsb);
    }
}
