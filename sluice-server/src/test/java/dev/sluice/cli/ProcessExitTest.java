package dev.sluice.cli;

import org.junit.jupiter.api.Test;

import java.lang.ref.Reference;
import java.net.http.HttpClient;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What {@link ProcessExit} relies on: it finds a {@code java.net.http} client's selector thread by
 * its name, and the thread ends when interrupted. Only this test's own client is released: other
 * tests in this JVM keep theirs.
 */
class ProcessExitTest {

    @Test
    void an_http_clients_selector_thread_is_found_and_ends_when_interrupted() throws Exception {
        List<Thread> before = ProcessExit.httpSelectors();
        HttpClient client = HttpClient.newHttpClient();
        List<Thread> mine = new ArrayList<>(ProcessExit.httpSelectors());
        mine.removeAll(before);
        assertThat(mine).as("the new client's selector thread, by the name ProcessExit looks for").hasSize(1);

        mine.get(0).interrupt();

        mine.get(0).join(TimeUnit.SECONDS.toMillis(10));
        assertThat(mine.get(0).isAlive()).as("the selector thread still runs after its interrupt").isFalse();
        // the client stays reachable until here: its selector would also end, later, once it was collected
        Reference.reachabilityFence(client);
    }
}
