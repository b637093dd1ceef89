package dev.sluice.http;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The event streams of docs/http-api.md#events over real HTTP, read line by line: the progress rate,
 * the heartbeat (a short {@code --event-heartbeat} here), and {@code /v1/events} by collection. A whole
 * 300,000-row import followed to {@code end}, and a reconnect with {@code Last-Event-ID}, are
 * {@link EventStreamLargeImportTest}.
 */
class EventStreamApiTest {
    private static final Duration HEARTBEAT = Duration.ofMillis(300);

    @RegisterExtension
    static final RunningServer server = RunningServer.sqliteOrPostgres(ServerOptions.chunkRows(50)
            .commitInterval(Duration.ofMillis(20)).with(b -> b.eventHeartbeat(HEARTBEAT)));

    private String url(String path) {
        return "http://127.0.0.1:" + server.port() + path;
    }

    private static byte[] rows(int n) {
        StringBuilder sb = new StringBuilder("email,age\n");
        for (int i = 0; i < n; i++) {
            sb.append("p").append(i).append("@x.org,").append(i % 97 == 0 ? "x" : String.valueOf(i % 90)).append('\n');
        }
        return sb.toString().getBytes(StandardCharsets.UTF_8);
    }

    private String submit(String collection, int rows) {
        server.createCollection(collection, "email:string, age:integer", "email");
        return server.submit(collection, "", "text/csv", rows(rows)).id();
    }

    @Test
    void progress_events_come_at_most_every_250_ms() {
        String id = submit("ev_rate", 30_000);
        List<EventStream.Event> progress;
        try (EventStream s = EventStream.open(url("/v1/imports/" + id + "/events"), null)) {
            progress = s.until(e -> e.name().equals("end")).stream().filter(e -> e.name().equals("progress")).toList();
        }
        assertThat(progress.size()).isGreaterThan(1);
        // the last progress comes with the end at once; every other one waited its turn
        for (int i = 1; i < progress.size() - 1; i++) {
            long gap = progress.get(i).arrivedNanos() - progress.get(i - 1).arrivedNanos();
            assertThat(gap).as("gap before progress %s", i).isGreaterThanOrEqualTo(200_000_000L);
        }
    }

    @Test
    void an_idle_stream_sends_a_heartbeat_each_interval() {
        server.createCollection("ev_idle", "email:string", "email");
        try (EventStream s = EventStream.open(url("/v1/events?collection=ev_idle"), null)) {
            assertThat(s.status()).isEqualTo(200);
            s.idleFor(HEARTBEAT.multipliedBy(5));
            assertThat(s.heartbeats()).isGreaterThanOrEqualTo(3);
        }
    }

    @Test
    void the_stream_of_every_job_sends_only_the_named_collection_s_states() {
        server.createCollection("ev_other", "email:string", "email");
        try (EventStream s = EventStream.open(url("/v1/events?collection=ev_mine"), null)) {
            server.importCsv("ev_other", "", "email\na@x.org\n");
            String mine = submit("ev_mine", 10);
            // the first row's age is "x": the job ends completed_with_errors
            List<EventStream.Event> events = s.until(e -> e.data().get("id").asText().equals(mine)
                    && e.data().get("state").asText().equals("completed_with_errors"));
            assertThat(events).isNotEmpty().allMatch(e -> e.name().equals("state")
                    && e.data().get("collection").asText().equals("ev_mine"));
        }
    }

    @Test
    void a_job_s_stream_of_an_unknown_job_is_404() {
        assertThat(server.get("/v1/imports/0193f5a2-7c1e-7d4b-9a51-3f1c2b9e8d99/events").status()).isEqualTo(404);
    }
}
