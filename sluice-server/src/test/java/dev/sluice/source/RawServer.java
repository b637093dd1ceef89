package dev.sluice.source;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * An HTTP server on 127.0.0.1 that writes whatever the test's handler writes, byte for byte: for
 * answers a well-behaved server would never give (dropped connections, ignored ranges, changed files).
 * Each connection is one request. Thread-safe.
 */
final class RawServer implements AutoCloseable {
    /** One request as received; header names in lower case. */
    record Request(String line, Map<String, String> headers) {
        String header(String name) {
            return headers.get(name);
        }
    }

    @FunctionalInterface
    interface Handler {
        /** Answers the {@code index}th connection (from 0); may close the socket at any point. */
        void answer(Request request, Socket socket, int index) throws Exception;
    }

    private final ServerSocket server;
    private final Handler handler;
    private final ExecutorService threads = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "raw-http");
        t.setDaemon(true);
        return t;
    });
    private final List<Request> requests = new ArrayList<>();

    RawServer(Handler handler) throws IOException {
        this.server = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"));
        this.handler = handler;
        threads.execute(this::accept);
    }

    int port() {
        return server.getLocalPort();
    }

    String url(String path) {
        return "http://127.0.0.1:" + port() + path;
    }

    List<Request> requests() {
        synchronized (requests) {
            return List.copyOf(requests);
        }
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket socket = server.accept();
                threads.execute(() -> serve(socket));
            } catch (IOException e) {
                return;
            }
        }
    }

    private void serve(Socket socket) {
        try (socket) {
            Request request = read(socket.getInputStream());
            int index;
            synchronized (requests) {
                index = requests.size();
                requests.add(request);
            }
            handler.answer(request, socket, index);
        } catch (Exception e) {
            // the client went away, or the test closed the socket on purpose
        }
    }

    private static Request read(InputStream in) throws IOException {
        String line = line(in);
        Map<String, String> headers = new LinkedHashMap<>();
        for (String h = line(in); !h.isEmpty(); h = line(in)) {
            int colon = h.indexOf(':');
            headers.put(h.substring(0, colon).toLowerCase(Locale.ROOT), h.substring(colon + 1).strip());
        }
        return new Request(line, headers);
    }

    private static String line(InputStream in) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) >= 0 && b != '\n') {
            if (b != '\r') {
                bytes.write(b);
            }
        }
        return bytes.toString(StandardCharsets.ISO_8859_1);
    }

    /** Writes a response head. */
    static void head(Socket socket, String statusLine, String... headers) throws IOException {
        StringBuilder h = new StringBuilder("HTTP/1.1 ").append(statusLine).append("\r\n");
        for (String header : headers) {
            h.append(header).append("\r\n");
        }
        OutputStream out = socket.getOutputStream();
        out.write(h.append("\r\n").toString().getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
    }

    /** Closes with a reset (RST) instead of an orderly end (FIN). */
    static void reset(Socket socket) throws IOException {
        socket.setSoLinger(true, 0);
        socket.close();
    }

    @Override
    public void close() throws IOException {
        server.close();
        threads.shutdownNow();
    }
}
