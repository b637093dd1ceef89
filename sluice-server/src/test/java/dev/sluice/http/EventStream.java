package dev.sluice.http;

import com.fasterxml.jackson.databind.JsonNode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * A client of one {@code text/event-stream} answer read line by line through java.net.http, as a
 * browser's EventSource would: events with their id, name, JSON data and arrival time, and
 * heartbeat comments. Closing it drops the connection. Not thread-safe.
 */
final class EventStream implements AutoCloseable {
    /** One event. */
    record Event(String id, String name, JsonNode data, long arrivedNanos) {
    }

    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    private final HttpResponse<Stream<String>> response;
    private final Iterator<String> lines;
    private int heartbeats;

    private EventStream(HttpResponse<Stream<String>> response) {
        this.response = response;
        this.lines = response.body().iterator();
    }

    static EventStream open(String url, String lastEventId) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).GET().header("Accept", "text/event-stream");
        if (lastEventId != null) {
            b.header("Last-Event-ID", lastEventId);
        }
        try {
            return new EventStream(HTTP.send(b.build(), HttpResponse.BodyHandlers.ofLines()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    int status() {
        return response.statusCode();
    }

    String contentType() {
        return response.headers().firstValue("Content-Type").orElse("");
    }

    int heartbeats() {
        return heartbeats;
    }

    /** The next event, or null when the stream has ended. */
    Event next() {
        String id = null;
        String name = null;
        JsonNode data = null;
        while (lines.hasNext()) {
            String line = lines.next();
            if (line.isEmpty()) {
                if (name != null) {
                    return new Event(id, name, data, System.nanoTime());
                }
            } else if (line.startsWith(":")) {
                heartbeats++;
            } else if (line.startsWith("id: ")) {
                id = line.substring(4);
            } else if (line.startsWith("event: ")) {
                name = line.substring(7);
            } else if (line.startsWith("data: ")) {
                data = parse(line.substring(6));
            }
        }
        return null;
    }

    /** Events up to and including the first that {@code last} accepts, or to the stream's end. */
    List<Event> until(Predicate<Event> last) {
        List<Event> events = new ArrayList<>();
        Event e;
        while ((e = next()) != null) {
            events.add(e);
            if (last.test(e)) {
                break;
            }
        }
        return events;
    }

    /** Reads (and counts heartbeats) for about {@code time}; a heartbeat must arrive to return. */
    void idleFor(Duration time) {
        long end = System.nanoTime() + time.toNanos();
        while (System.nanoTime() < end && lines.hasNext()) {
            if (lines.next().startsWith(":")) {
                heartbeats++;
            }
        }
    }

    private static JsonNode parse(String text) {
        try {
            return RunningServer.JSON.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        response.body().close();
    }
}
