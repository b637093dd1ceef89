package dev.sluice.engine;

import java.util.ArrayDeque;

/**
 * Rows and bytes per second over a sliding window of recent samples, so the rate and the ETA
 * follow the current speed rather than the average since the start. Not thread-safe.
 */
final class Throughput {
    private static final long WINDOW_NANOS = 10_000_000_000L;

    private record Sample(long nanos, long rows, long bytes) {
    }

    private final ArrayDeque<Sample> samples = new ArrayDeque<>();

    Throughput(long nanos, long rows, long bytes) {
        samples.add(new Sample(nanos, rows, bytes));
    }

    void add(long nanos, long rows, long bytes) {
        samples.addLast(new Sample(nanos, rows, bytes));
        while (samples.size() > 2 && nanos - samples.peekFirst().nanos() > WINDOW_NANOS) {
            samples.removeFirst();
        }
    }

    /** Rows per second over the window, or null before there is a measurable interval. */
    Double rowsPerSecond() {
        return rate(true);
    }

    Double bytesPerSecond() {
        return rate(false);
    }

    /**
     * When the job should end at the current byte rate, or null when its size or the rate is unknown.
     *
     * @param bytesTotal the job's size, or null when some file's size is unknown
     */
    java.time.Instant eta(long bytesDone, Long bytesTotal) {
        Double rate = bytesPerSecond();
        if (bytesTotal == null || rate == null || rate <= 0) {
            return null;
        }
        long left = Math.max(0, bytesTotal - bytesDone);
        return java.time.Instant.now().plusMillis((long) (left / rate * 1000));
    }

    private Double rate(boolean rows) {
        Sample first = samples.peekFirst();
        Sample last = samples.peekLast();
        long dt = last.nanos() - first.nanos();
        if (dt <= 0) {
            return null;
        }
        long delta = rows ? last.rows() - first.rows() : last.bytes() - first.bytes();
        return Math.round(delta * 1e9 / dt * 10.0) / 10.0;
    }
}
