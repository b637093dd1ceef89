package dev.sluice.http;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.client.ImportJob;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedWriter;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two clients follow one 300,000-row import (docs/http-api.md#events), a file written to disk and
 * streamed up: one reads from the first event to {@code end}; the other leaves mid-job and comes back
 * with {@code Last-Event-ID}. Both see {@code progress} counts that only rise and always add up, and
 * between them every log line once and no state twice.
 */
class EventStreamLargeImportTest {
    private static final int ROWS = 300_000;
    /** Where the second client leaves: a third of the way. */
    private static final long LEAVE_AT = ROWS / 3;

    @RegisterExtension
    static final RunningServer server = RunningServer.sqliteOrPostgres(ServerOptions.chunkRows(1_000)
            .commitInterval(Duration.ofMillis(50)));

    @TempDir
    Path dir;

    private String url(String path) {
        return "http://127.0.0.1:" + server.port() + path;
    }

    /** Every 97th row's age is not a number: the job ends completed_with_errors. */
    private Path csv(int rows) throws IOException {
        Path file = dir.resolve("people.csv");
        try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            w.write("email,age\n");
            for (int i = 0; i < rows; i++) {
                w.write("p" + i + "@x.org," + (i % 97 == 0 ? "x" : String.valueOf(i % 90)) + "\n");
            }
        }
        return file;
    }

    private String submit(String collection, Path file) throws IOException {
        server.createCollection(collection, "email:string, age:integer", "email");
        RunningServer.Answer a = server.send(HttpRequest.newBuilder(URI.create(url("/v1/collections/" + collection
                + "/import"))).header("Content-Type", "text/csv").POST(HttpRequest.BodyPublishers.ofFile(file)));
        assertThat(a.status()).as("async import: %s", a).isEqualTo(202);
        return a.as(ImportJob.class).id();
    }

    @Test
    void two_clients_follow_a_300k_row_import_one_leaving_and_resuming_mid_job() throws IOException {
        String id = submit("ev_large", csv(ROWS));
        String events = url("/v1/imports/" + id + "/events");
        try (EventStream whole = EventStream.open(events, null)) {
            List<EventStream.Event> first;
            try (EventStream leaving = EventStream.open(events, null)) {
                first = leaving.until(e -> e.name().equals("end")
                        || e.name().equals("progress") && processed(e) >= LEAVE_AT);
            }
            EventStream.Event left = first.get(first.size() - 1);
            assertThat(left.name()).as("left mid-job").isEqualTo("progress");
            assertThat(processed(left)).isLessThan(ROWS);
            List<EventStream.Event> resumed = new ArrayList<>(first);
            try (EventStream back = EventStream.open(events, left.id())) {
                resumed.addAll(back.until(e -> e.name().equals("end")));
            }
            List<EventStream.Event> all = whole.until(e -> e.name().equals("end"));
            assertFollowedToEnd(id, all);
            assertFollowedToEnd(id, resumed);
            assertThat(all.stream().filter(e -> e.name().equals("file")).map(e -> e.data().get("state").asText()))
                    .contains("completed_with_errors");
            assertThat(all.stream().map(EventStream.Event::id).distinct().count()).as("ids").isEqualTo(all.size());
        }
    }

    /** One client's events: counts rise and add up to all rows, every log line once, each state once, one end. */
    private void assertFollowedToEnd(String id, List<EventStream.Event> events) {
        EventStream.Event last = events.get(events.size() - 1);
        assertThat(last.name()).isEqualTo("end");
        assertThat(last.data().get("state").asText()).isEqualTo("completed_with_errors");
        assertThat(events.stream().filter(e -> e.name().equals("end")).count()).isEqualTo(1);
        List<String> states = events.stream().filter(e -> e.name().equals("state"))
                .map(e -> e.data().get("state").asText()).toList();
        assertThat(states).as("no state twice").doesNotHaveDuplicates().contains("running")
                .endsWith("completed_with_errors");
        long before = -1;
        for (EventStream.Event p : events.stream().filter(e -> e.name().equals("progress")).toList()) {
            JsonNode c = p.data().get("counts");
            long processed = c.get("processed").asLong();
            assertThat(processed).as("counts only rise").isGreaterThan(before);
            assertThat(processed).as("counts add up").isEqualTo(c.get("created").asLong() + c.get("updated").asLong()
                    + c.get("unchanged").asLong() + c.get("skipped").asLong() + c.get("failed").asLong());
            assertThat(p.data().has("current_operation")).isTrue();
            assertThat(p.data().has("estimated_completion")).isTrue();
            before = processed;
        }
        assertThat(before).as("the last progress counts every row").isEqualTo(ROWS);
        assertThat(events.stream().filter(e -> e.name().equals("log")).map(e -> e.data().get("message").asText())
                .toList()).as("every log line once").isEqualTo(serverLog(id));
    }

    private static long processed(EventStream.Event progress) {
        return progress.data().get("counts").get("processed").asLong();
    }

    private List<String> serverLog(String id) {
        assertThat(server.awaitEnd(id).isTerminal()).isTrue();
        List<String> lines = new ArrayList<>();
        server.get("/v1/imports/" + id + "/log?format=json").json().get("log")
                .forEach(l -> lines.add(l.get("message").asText()));
        return lines;
    }
}
