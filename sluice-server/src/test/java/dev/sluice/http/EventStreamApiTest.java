package dev.sluice.http;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.client.ImportJob;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The event streams of docs/http-api.md#events over real HTTP, read line by line: a whole import's
 * events in order to {@code end}, the progress rate, a reconnect with {@code Last-Event-ID}, the
 * heartbeat (a short {@code --event-heartbeat} here), and {@code /v1/events} by collection.
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
    void a_whole_import_s_events_arrive_in_order_and_end_with_end() {
        String id = submit("ev_whole", 20_000);
        List<EventStream.Event> events;
        try (EventStream s = EventStream.open(url("/v1/imports/" + id + "/events"), null)) {
            assertThat(s.status()).isEqualTo(200);
            assertThat(s.contentType()).startsWith("text/event-stream");
            events = s.until(e -> e.name().equals("end"));
        }
        EventStream.Event last = events.get(events.size() - 1);
        assertThat(last.name()).isEqualTo("end");
        assertThat(last.data().get("state").asText()).isEqualTo("completed_with_errors");
        EventStream.Event finalState = events.stream().filter(e -> e.name().equals("state")).reduce((a, b) -> b).orElseThrow();
        assertThat(finalState.data().get("state").asText()).isEqualTo("completed_with_errors");
        assertThat(events.stream().filter(e -> e.name().equals("state")).map(e -> e.data().get("state").asText()))
                .contains("running", "completed_with_errors");
        assertThat(events.stream().filter(e -> e.name().equals("file")).map(e -> e.data().get("state").asText()))
                .contains("completed_with_errors");
        List<EventStream.Event> progress = events.stream().filter(e -> e.name().equals("progress")).toList();
        assertThat(progress).isNotEmpty();
        long before = -1;
        for (EventStream.Event p : progress) {
            JsonNode c = p.data().get("counts");
            long processed = c.get("processed").asLong();
            assertThat(processed).as("counts only rise").isGreaterThan(before);
            assertThat(processed).as("counts add up").isEqualTo(c.get("created").asLong() + c.get("updated").asLong()
                    + c.get("unchanged").asLong() + c.get("skipped").asLong() + c.get("failed").asLong());
            assertThat(p.data().has("current_operation")).isTrue();
            assertThat(p.data().has("estimated_completion")).isTrue();
            before = processed;
        }
        assertThat(before).isEqualTo(20_000);
        assertThat(events.stream().map(EventStream.Event::id).distinct().count()).as("ids").isEqualTo(events.size());
        assertThat(logMessages(events)).isEqualTo(serverLog(id));
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
    void a_reconnect_with_last_event_id_misses_nothing_and_repeats_nothing() {
        String id = submit("ev_resume", 20_000);
        List<EventStream.Event> first;
        try (EventStream s = EventStream.open(url("/v1/imports/" + id + "/events"), null)) {
            first = s.until(e -> e.name().equals("progress") || e.name().equals("end"));
        }
        String lastId = first.get(first.size() - 1).id();
        List<EventStream.Event> rest;
        try (EventStream s = EventStream.open(url("/v1/imports/" + id + "/events"), lastId)) {
            rest = s.until(e -> e.name().equals("end"));
        }
        List<EventStream.Event> all = new ArrayList<>(first);
        all.addAll(rest);
        assertThat(logMessages(all)).as("every log line once").isEqualTo(serverLog(id));
        assertThat(all.stream().filter(e -> e.name().equals("end")).count()).isEqualTo(1);
        List<String> states = all.stream().filter(e -> e.name().equals("state")).map(e -> e.data().get("state").asText()).toList();
        assertThat(states).as("no state twice in a row").doesNotHaveDuplicates();
        assertThat(rest.stream().filter(e -> e.name().equals("progress")).map(e -> e.data().get("counts").get("processed")
                .asLong())).as("progress resumes where it was").allMatch(n -> n > first.stream()
                .filter(e -> e.name().equals("progress")).mapToLong(e -> e.data().get("counts").get("processed").asLong())
                .max().orElse(-1));
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

    private static List<String> logMessages(List<EventStream.Event> events) {
        return events.stream().filter(e -> e.name().equals("log")).map(e -> e.data().get("message").asText()).toList();
    }

    private List<String> serverLog(String id) {
        ImportJob ended = server.awaitEnd(id);
        assertThat(ended.isTerminal()).isTrue();
        JsonNode log = server.get("/v1/imports/" + id + "/log?format=json").json().get("log");
        List<String> lines = new ArrayList<>();
        log.forEach(l -> lines.add(l.get("message").asText()));
        return lines.stream().collect(Collectors.toList());
    }
}
