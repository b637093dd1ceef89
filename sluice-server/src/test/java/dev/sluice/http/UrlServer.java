package dev.sluice.http;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A small HTTP server on 127.0.0.1 that URL sources fetch test data from (the service under test
 * runs with {@code --allow-url-hosts 127.0.0.1}). Each path is served by a handler of its own: a
 * plain file with or without a length, a refusal, a body held back until the test lets it go, or a
 * transfer that drops part way. Counts the GET requests per path. Thread-safe.
 */
final class UrlServer implements AutoCloseable {
    private static final Pattern RANGE = Pattern.compile("bytes=(\\d+)-");

    private final HttpServer server;
    private final Map<String, AtomicInteger> gets = new ConcurrentHashMap<>();

    private UrlServer(HttpServer server) {
        this.server = server;
    }

    static UrlServer start() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            server.setExecutor(Executors.newCachedThreadPool());
            server.start();
            return new UrlServer(server);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    int port() {
        return server.getAddress().getPort();
    }

    String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    int gets(String path) {
        return gets.computeIfAbsent(path, p -> new AtomicInteger()).get();
    }

    private void handle(String path, HttpHandler handler) {
        server.createContext(path, exchange -> {
            try (exchange) {
                if (exchange.getRequestMethod().equals("GET")) {
                    gets.computeIfAbsent(path, p -> new AtomicInteger()).incrementAndGet();
                }
                handler.handle(exchange);
            }
        });
    }

    /** Serves {@code body} with its length declared, or sent in chunks with no length ({@code declareLength} false). */
    void file(String path, String contentType, byte[] body, boolean declareLength) {
        handle(path, exchange -> {
            exchange.getResponseHeaders().set("Content-Type", contentType);
            if (head(exchange, declareLength ? Long.valueOf(body.length) : null)) {
                return;
            }
            exchange.sendResponseHeaders(200, declareLength ? body.length : 0);
            exchange.getResponseBody().write(body);
        });
    }

    /** Answers every request with {@code status} and a short text. */
    void status(String path, int status) {
        handle(path, exchange -> {
            byte[] text = ("status " + status).getBytes();
            if (exchange.getRequestMethod().equals("HEAD")) {
                exchange.sendResponseHeaders(status, -1);
                return;
            }
            exchange.sendResponseHeaders(status, text.length);
            exchange.getResponseBody().write(text);
        });
    }

    /** Serves {@code body} while {@code up} is true, and answers 503 while it is not. */
    void switchable(String path, String contentType, byte[] body, java.util.concurrent.atomic.AtomicBoolean up) {
        handle(path, exchange -> {
            if (!up.get()) {
                exchange.sendResponseHeaders(503, -1);
                return;
            }
            exchange.getResponseHeaders().set("Content-Type", contentType);
            if (head(exchange, (long) body.length)) {
                return;
            }
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
        });
    }

    /** Answers HEAD with 200 and a length, and GET with {@code status}: a file that is there until it is fetched. */
    void goneOnGet(String path, String contentType, int status) {
        handle(path, exchange -> {
            exchange.getResponseHeaders().set("Content-Type", contentType);
            if (head(exchange, 100L)) {
                return;
            }
            exchange.sendResponseHeaders(status, -1);
        });
    }

    /**
     * Sends the first {@code headBytes} of {@code body} at once, then the rest only once {@code gate}
     * opens, so a test can watch a job part way through a download.
     */
    void gated(String path, String contentType, byte[] body, int headBytes, CountDownLatch gate, boolean declareLength) {
        handle(path, exchange -> {
            exchange.getResponseHeaders().set("Content-Type", contentType);
            if (head(exchange, declareLength ? Long.valueOf(body.length) : null)) {
                return;
            }
            exchange.sendResponseHeaders(200, declareLength ? body.length : 0);
            OutputStream out = exchange.getResponseBody();
            out.write(body, 0, headBytes);
            out.flush();
            try {
                gate.await(60, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            out.write(body, headBytes, body.length - headBytes);
        });
    }

    /**
     * Declares the whole length but drops the connection after {@code cut} bytes, the first
     * {@code drops} times. With {@code ranges} it answers a {@code Range} request with the rest (206,
     * same ETag), so the download resumes; without, it answers 200 with the whole file again, which a
     * resumed download cannot use.
     */
    void dropping(String path, String contentType, byte[] body, int cut, int drops, boolean ranges) {
        AtomicInteger dropped = new AtomicInteger();
        handle(path, exchange -> {
            exchange.getResponseHeaders().set("Content-Type", contentType);
            exchange.getResponseHeaders().set("ETag", "\"v1\"");
            if (ranges) {
                exchange.getResponseHeaders().set("Accept-Ranges", "bytes");
            }
            if (head(exchange, (long) body.length)) {
                return;
            }
            String range = exchange.getRequestHeaders().getFirst("Range");
            Matcher m = range == null ? null : RANGE.matcher(range);
            if (ranges && m != null && m.matches()) {
                int from = Integer.parseInt(m.group(1));
                exchange.getResponseHeaders().set("Content-Range", "bytes " + from + "-" + (body.length - 1) + "/"
                        + body.length);
                exchange.sendResponseHeaders(206, body.length - from);
                exchange.getResponseBody().write(body, from, body.length - from);
                return;
            }
            exchange.sendResponseHeaders(200, body.length);
            if (dropped.getAndIncrement() >= drops) {
                exchange.getResponseBody().write(body);
                return;
            }
            exchange.getResponseBody().write(body, 0, cut);
            exchange.getResponseBody().flush();
            // closing with bytes still owed ends the connection: the client sees the body cut short
            throw new IOException("dropping the connection after " + cut + " bytes, as asked");
        });
    }

    /** Answers a HEAD request (true) with the length, when known; a GET is left to the caller (false). */
    private static boolean head(HttpExchange exchange, Long length) throws IOException {
        if (!exchange.getRequestMethod().equals("HEAD")) {
            return false;
        }
        if (length != null) {
            exchange.getResponseHeaders().set("Content-Length", String.valueOf(length));
        }
        exchange.sendResponseHeaders(200, -1);
        return true;
    }

    @Override
    public void close() {
        server.stop(0);
        ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
    }
}
