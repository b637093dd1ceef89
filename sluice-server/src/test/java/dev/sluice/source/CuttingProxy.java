package dev.sluice.source;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A TCP proxy on a loopback port in front of a store, which can drop one connection for real: once
 * armed, the first whole-object {@code GET} of a path has its connection closed after a number of
 * response bytes, as a network that fails mid-download does. It notes each request it passes on
 * (method, path and {@code Range}), so a test can see how a reader resumed.
 */
public final class CuttingProxy implements AutoCloseable {
    private static final Pattern REQUEST = Pattern.compile("(GET|HEAD|PUT|POST|DELETE) (\\S+) HTTP/1\\.1\\r\\n");
    private static final Pattern RANGE = Pattern.compile("(?i)\\r\\nrange: *(bytes=[0-9-]+)");

    private final ServerSocket listener;
    private final URI upstream;
    private final AtomicBoolean armed = new AtomicBoolean();
    private final List<String> requests = new ArrayList<>();
    private volatile String cutPath;
    private volatile long cutAfter;
    private volatile Runnable onCut = () -> { };
    private volatile boolean cut;

    private CuttingProxy(ServerSocket listener, URI upstream) {
        this.listener = listener;
        this.upstream = upstream;
    }

    public static CuttingProxy to(URI upstream) throws IOException {
        CuttingProxy proxy = new CuttingProxy(new ServerSocket(0, 50, InetAddress.getLoopbackAddress()), upstream);
        Thread accepting = new Thread(proxy::accept, "cutting-proxy");
        accepting.setDaemon(true);
        accepting.start();
        return proxy;
    }

    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + listener.getLocalPort());
    }

    /**
     * Drops the connection of the next whole {@code GET path} after {@code afterBytes} bytes of its
     * response (headers included), once; {@code then} runs just before the connection is closed.
     */
    public void cutOnce(String path, long afterBytes, Runnable then) {
        cutPath = path;
        cutAfter = afterBytes;
        onCut = then;
        cut = false;
        armed.set(true);
    }

    /** Whether the armed cut happened. */
    public boolean cut() {
        return cut;
    }

    /** Each request passed on so far, as {@code "GET /bucket/key"} plus {@code " bytes=N-"} when ranged. */
    public synchronized List<String> requests() {
        return List.copyOf(requests);
    }

    private void accept() {
        while (!listener.isClosed()) {
            try {
                Socket client = listener.accept();
                Socket server = new Socket(upstream.getHost(), upstream.getPort());
                Connection connection = new Connection(client, server);
                start(() -> connection.forward(), "proxy-up");
                start(() -> connection.back(), "proxy-down");
            } catch (IOException e) {
                return;
            }
        }
    }

    private static void start(Runnable task, String name) {
        Thread thread = new Thread(task, name);
        thread.setDaemon(true);
        thread.start();
    }

    private synchronized void noted(String request) {
        requests.add(request);
    }

    /** One client connection and its connection to the store. */
    private final class Connection {
        private final Socket client;
        private final Socket server;
        private volatile boolean watched;
        private volatile long sent;

        Connection(Socket client, Socket server) {
            this.client = client;
            this.server = server;
        }

        void forward() {
            byte[] buffer = new byte[16 * 1024];
            try (InputStream in = client.getInputStream(); OutputStream out = server.getOutputStream()) {
                for (int n; (n = in.read(buffer)) > 0; ) {
                    look(new String(buffer, 0, n, StandardCharsets.ISO_8859_1));
                    out.write(buffer, 0, n);
                }
            } catch (IOException ignored) {
                // either side closed
            } finally {
                closeBoth();
            }
        }

        private void look(String text) {
            Matcher request = REQUEST.matcher(text);
            while (request.find()) {
                Matcher range = RANGE.matcher(text.substring(request.start()));
                String ranged = range.find() ? " " + range.group(1) : "";
                noted(request.group(1) + " " + request.group(2) + ranged);
                if (armed.get() && request.group(1).equals("GET") && request.group(2).equals(cutPath)
                        && ranged.isEmpty()) {
                    sent = 0;
                    watched = true;
                }
            }
        }

        void back() {
            byte[] buffer = new byte[16 * 1024];
            try (InputStream in = server.getInputStream(); OutputStream out = client.getOutputStream()) {
                for (int n; (n = in.read(buffer)) > 0; ) {
                    if (watched && sent + n >= cutAfter && armed.compareAndSet(true, false)) {
                        out.write(buffer, 0, (int) (cutAfter - sent));
                        out.flush();
                        onCut.run();
                        cut = true;
                        return;
                    }
                    sent += n;
                    out.write(buffer, 0, n);
                }
            } catch (IOException ignored) {
                // either side closed
            } finally {
                closeBoth();
            }
        }

        private void closeBoth() {
            try {
                client.close();
                server.close();
            } catch (IOException ignored) {
                // closing anyway
            }
        }
    }

    @Override
    public void close() throws IOException {
        listener.close();
    }
}
