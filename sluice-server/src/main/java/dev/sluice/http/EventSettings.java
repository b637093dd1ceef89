package dev.sluice.http;

import java.time.Duration;

/**
 * Limits of the event streams (docs/operations.md#event-streams). Immutable.
 *
 * @param maxStreams   how many streams may be open at once on this node; each holds one of Jetty's
 *                     request threads while open, so one more is answered {@code 503 too_many_streams}
 * @param heartbeat    the longest a stream stays silent: a comment line is sent after this
 * @param pollInterval the longest a stream waits for a change signal before it reads the database anyway
 */
public record EventSettings(int maxStreams, Duration heartbeat, Duration pollInterval) {
    /** What {@code sluice serve} does by default: 100 streams, a heartbeat every 15 s, a read at least every 2 s. */
    public static EventSettings defaults() {
        return new EventSettings(100, Duration.ofSeconds(15), Duration.ofSeconds(2));
    }
}
