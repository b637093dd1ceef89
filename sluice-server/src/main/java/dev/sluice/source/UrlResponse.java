package dev.sluice.source;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;

/**
 * One response on its own connection ({@code Connection: close}): the head, the framed body, and the
 * socket that closing releases. Not thread-safe, except that {@link #close()} may come from any thread.
 *
 * @param target where the response came from, after redirects
 */
record UrlResponse(UrlTarget target, HttpHead head, InputStream body, Socket socket) implements Closeable {

    int status() {
        return head.status();
    }

    String header(String name) {
        return head.header(name);
    }

    /** "answered 404 Not Found" */
    String answered() {
        return "answered " + head.status() + (head.reason().isEmpty() ? "" : " " + head.reason());
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException e) {
            // nothing more can be done with a connection that will not close
        }
    }
}
