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
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * A client of one {@code text/event-stream} answer read line by line through java.net.http, as a
 * browser's EventSource would: events with their id, name, JSON data and arrival time, and
 * heartbeat comments. A daemon thread reads the lines; every read here waits at most
 * {@link #READ_TIMEOUT} and then fails with what arrived so far, so a stream that never ends fails a
 * test fast instead of hanging it. Closing it drops the connection. Not thread-safe.
 */
final class EventStream implements AutoCloseable {
    /** One event. */
    record Event(String id, String name, JsonNode data, long arrivedNanos) {
    }

    /** The longest wait for one line (a heartbeat counts) before a read fails. */
    static final Duration READ_TIMEOUT = Duration.ofSeconds(30);
    /** The longest wait in {@link #until}. */
    static final Duration UNTIL_TIMEOUT = Duration.ofSeconds(120);
    private static final String END = new String("end of stream");

    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    private final HttpResponse<Stream<String>> response;
    private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    private final List<String> names = new ArrayList<>();
    private int heartbeats;
    private boolean ended;

    private EventStream(HttpResponse<Stream<String>> response) {
        this.response = response;
        Thread reader = new Thread(() -> {
            try {
                response.body().forEach(lines::add);
            } catch (RuntimeException e) {
                // closed by the test, or the connection broke: either way the stream has ended
            } finally {
                lines.add(END);
            }
        }, "event-stream-reader");
        reader.setDaemon(true);
        reader.start();
    }

    /** Opens the stream; {@code headers} are name, value pairs sent besides {@code Accept}. */
    static EventStream open(String url, String lastEventId, String... headers) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).GET().header("Accept", "text/event-stream");
        for (int i = 0; i < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
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

    /** The next event, or null when the stream has ended; fails after {@link #READ_TIMEOUT} without one. */
    Event next() {
        return next(System.nanoTime() + READ_TIMEOUT.toNanos());
    }

    private Event next(long deadline) {
        String id = null;
        String name = null;
        JsonNode data = null;
        String line;
        while ((line = nextLine(Duration.ofNanos(Math.max(1, deadline - System.nanoTime())), true)) != null) {
            if (line.isEmpty()) {
                if (name != null) {
                    names.add(name);
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

    /**
     * Events up to and including the first that {@code last} accepts, or to the stream's end.
     *
     * @throws AssertionError when that takes longer than {@link #UNTIL_TIMEOUT}, heartbeats or not
     */
    List<Event> until(Predicate<Event> last) {
        List<Event> events = new ArrayList<>();
        long deadline = System.nanoTime() + UNTIL_TIMEOUT.toNanos();
        Event e;
        while ((e = next(deadline)) != null) {
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
        long left;
        while ((left = end - System.nanoTime()) > 0) {
            String line = nextLine(Duration.ofNanos(left), false);
            if (line == null) {
                return;
            }
            if (line.startsWith(":")) {
                heartbeats++;
            }
        }
    }

    /**
     * The next line; null at the stream's end, or when {@code wait} passes and {@code required} is false.
     *
     * @throws AssertionError when {@code required} and no line comes within {@code wait}
     */
    private String nextLine(Duration wait, boolean required) {
        if (ended) {
            return null;
        }
        String line;
        try {
            line = lines.poll(wait.toNanos(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        if (line == null && required) {
            throw new AssertionError("no event on " + response.uri() + " in time (" + heartbeats + " heartbeats);"
                    + " events so far: " + names);
        }
        if (line == END) {
            ended = true;
            return null;
        }
        return line;
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
