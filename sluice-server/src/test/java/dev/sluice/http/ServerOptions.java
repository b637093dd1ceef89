package dev.sluice.http;

import dev.sluice.ConfigBuilder;

import java.time.Duration;
import java.time.InstantSource;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * How a {@link RunningServer} is started, each setting by name: rows per chunk, commit interval,
 * retention, the hosts URL sources may name (as {@code --allow-url-hosts}) and the clock its
 * timestamps come from, and any other setting (the admin key, access settings, limits). Two workers always. Immutable.
 */
record ServerOptions(int chunkRows, Duration commitInterval, Duration retention, Set<String> allowUrlHosts,
                     InstantSource clock, UnaryOperator<ConfigBuilder> more) {

    /** Chunks of {@code rows}, a 200 ms commit interval, a week's retention, public URLs only, the system clock. */
    static ServerOptions chunkRows(int rows) {
        return new ServerOptions(rows, Duration.ofMillis(200), RunningServer.RETENTION, Set.of(), InstantSource.system(),
                UnaryOperator.identity());
    }

    ServerOptions commitInterval(Duration interval) {
        return new ServerOptions(chunkRows, interval, retention, allowUrlHosts, clock, more);
    }

    ServerOptions retention(Duration kept) {
        return new ServerOptions(chunkRows, commitInterval, kept, allowUrlHosts, clock, more);
    }

    ServerOptions allowUrlHosts(Set<String> hosts) {
        return new ServerOptions(chunkRows, commitInterval, retention, Set.copyOf(hosts), clock, more);
    }

    /** Any other setting of {@code sluice serve}, such as the access settings and limits. */
    ServerOptions with(UnaryOperator<ConfigBuilder> settings) {
        return new ServerOptions(chunkRows, commitInterval, retention, allowUrlHosts, clock, settings);
    }

    ServerOptions clock(InstantSource source) {
        return new ServerOptions(chunkRows, commitInterval, retention, allowUrlHosts, source, more);
    }

    /** Runs with an admin key ({@code --admin-key}): every route but /health then needs a key. */
    ServerOptions adminKey(String key) {
        UnaryOperator<ConfigBuilder> before = more;
        return with(b -> before.apply(b).adminKey(key));
    }
}
