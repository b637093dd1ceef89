package dev.sluice.client;

import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.BufferedReader;
import java.io.IOException;
import java.util.function.Consumer;

/**
 * Reads a {@code text/event-stream} body line by line and hands each complete event on: fields
 * {@code id}, {@code event} and {@code data} (several {@code data} lines are joined by newlines, as
 * EventSource does), comments (heartbeats) skipped. Not thread-safe: one per stream.
 */
final class EventLines {
    private final ObjectMapper json;
    private String id;
    private String name;
    private StringBuilder data;

    EventLines(ObjectMapper json) {
        this.json = json;
    }

    /**
     * Reads until the stream ends or {@code listener} has seen {@code end}.
     *
     * @return the id of the last event read, null when there was none
     * @throws IOException when reading breaks off or an event's data is not JSON
     */
    String read(BufferedReader in, Consumer<ServerEvent> listener) throws IOException {
        String last = null;
        String line;
        while ((line = in.readLine()) != null) {
            if (!line.isEmpty()) {
                field(line);
                continue;
            }
            if (data != null) {
                ServerEvent e = new ServerEvent(id, name == null ? "message" : name, json.readTree(data.toString()));
                last = id;
                name = null;
                data = null;
                listener.accept(e);
                if (e.isEnd()) {
                    break;
                }
            }
        }
        return last;
    }

    private void field(String line) {
        if (line.startsWith(":")) {
            return; // a comment: the server's heartbeat
        }
        int colon = line.indexOf(':');
        String key = colon < 0 ? line : line.substring(0, colon);
        String value = colon < 0 ? "" : line.substring(colon + 1);
        if (value.startsWith(" ")) {
            value = value.substring(1);
        }
        switch (key) {
            case "id" -> id = value;
            case "event" -> name = value;
            case "data" -> data = data == null ? new StringBuilder(value) : data.append('\n').append(value);
            default -> {
                // retry and unknown fields: this reader does not reconnect by itself
            }
        }
    }
}
