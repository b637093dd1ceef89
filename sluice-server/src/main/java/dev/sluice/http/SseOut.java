package dev.sluice.http;

import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * One open {@code text/event-stream} answer: writes events ({@code id}, {@code event}, one
 * {@code data} line of JSON) and heartbeat comments, flushing each so that proxies pass it on at
 * once. Not thread-safe: one stream's thread writes it.
 */
final class SseOut {
    private final OutputStream out;
    private final ObjectMapper json;
    private long lastWrite = System.nanoTime();

    SseOut(OutputStream out, ObjectMapper json) {
        this.out = out;
        this.json = json;
    }

    /** Writes one event; {@code data} is written as JSON on one line. */
    void event(String id, String name, Object data) throws IOException {
        String text = "id: " + id + "\nevent: " + name + "\ndata: " + json.writeValueAsString(data) + "\n\n";
        write(text);
    }

    /** A comment line, which clients ignore: keeps idle connections (and proxies) open. */
    void heartbeat() throws IOException {
        write(": heartbeat\n\n");
    }

    /** Nanoseconds since anything was written. */
    long silentFor() {
        return System.nanoTime() - lastWrite;
    }

    private void write(String text) throws IOException {
        out.write(text.getBytes(StandardCharsets.UTF_8));
        out.flush();
        lastWrite = System.nanoTime();
    }
}
