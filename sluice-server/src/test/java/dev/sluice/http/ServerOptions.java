package dev.sluice.http;

import java.time.Duration;
import java.time.InstantSource;
import java.util.Set;

/**
 * How a {@link RunningServer} is started, each setting by name: rows per chunk, commit interval,
 * retention, the hosts URL sources may name (as {@code --allow-url-hosts}) and the clock its
 * timestamps come from, and the admin key (none: open). Two workers always. Immutable.
 */
record ServerOptions(int chunkRows, Duration commitInterval, Duration retention, Set<String> allowUrlHosts,
                     InstantSource clock, String adminKey) {

    /** Chunks of {@code rows}, a 200 ms commit interval, a week's retention, public URLs only, the system clock. */
    static ServerOptions chunkRows(int rows) {
        return new ServerOptions(rows, Duration.ofMillis(200), RunningServer.RETENTION, Set.of(), InstantSource.system(), null);
    }

    ServerOptions commitInterval(Duration interval) {
        return new ServerOptions(chunkRows, interval, retention, allowUrlHosts, clock, adminKey);
    }

    ServerOptions retention(Duration kept) {
        return new ServerOptions(chunkRows, commitInterval, kept, allowUrlHosts, clock, adminKey);
    }

    ServerOptions allowUrlHosts(Set<String> hosts) {
        return new ServerOptions(chunkRows, commitInterval, retention, Set.copyOf(hosts), clock, adminKey);
    }

    ServerOptions clock(InstantSource source) {
        return new ServerOptions(chunkRows, commitInterval, retention, allowUrlHosts, source, adminKey);
    }

    /** Runs with an admin key ({@code --admin-key}): every route but /health then needs a key. */
    ServerOptions adminKey(String key) {
        return new ServerOptions(chunkRows, commitInterval, retention, allowUrlHosts, clock, key);
    }
}
