package dev.sluice.cli;

import dev.sluice.Config;
import dev.sluice.Service;
import dev.sluice.client.ImportJob;
import dev.sluice.client.SluiceClient;
import dev.sluice.engine.ClaimScope;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * docs/cli.md, watching a job: when the event stream drops before {@code end}, the watch opens it
 * again with {@code Last-Event-ID} and goes on following it, instead of falling back to polling.
 * A proxy between the watch and the server cuts the first stream after its first bytes.
 */
class StreamReconnectTest {
    @TempDir
    Path dir;

    @Test
    void a_stream_that_drops_mid_job_is_resumed_with_last_event_id() throws Exception {
        try (Service server = Service.start(Config.builder().port(0).dataDir(dir.resolve("server")).workers(1)
                .nodeId("reconnect-test").build(), ClaimScope.none());
             CuttingProxy proxy = new CuttingProxy(server.port())) {
            String direct = "http://127.0.0.1:" + server.port();
            SluiceClient client = SluiceClient.create(direct);
            ImportJob job = StatusWatchTest.queuedJob(dir, direct);

            JobUpdates updates = JobUpdates.streamed(SluiceClient.create("http://127.0.0.1:" + proxy.port()), job);
            await().atMost(Duration.ofSeconds(20)).until(() -> streamRequests(proxy).size() >= 2);
            client.cancel(job.id());
            assertThat(StatusWatchTest.followToEnd(updates, job).state()).isEqualTo("cancelled");
            await().atMost(Duration.ofSeconds(10)).until(updates::sawEnd);
            assertThat(updates.fallback()).as("the stream was followed again, not polled").isNull();
            // the watch may also read the job's document between the two streams: only the streams count
            List<String> streams = streamRequests(proxy);
            assertThat(streams.get(0)).doesNotContainIgnoringCase("Last-Event-ID");
            assertThat(streams.get(1)).containsIgnoringCase("Last-Event-ID: ");
        }
    }

    private static List<String> streamRequests(CuttingProxy proxy) {
        return proxy.requests().stream().filter(r -> r.startsWith("GET ") && r.contains("/events")).toList();
    }

    /** Forwards to the server; the first connection is cut right after the first whole event of the answer. */
    private static final class CuttingProxy implements AutoCloseable {
        private final ServerSocket listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        private final List<String> requests = new CopyOnWriteArrayList<>();

        CuttingProxy(int target) throws IOException {
            Thread accept = new Thread(() -> {
                try {
                    for (int n = 0; ; n++) {
                        Socket client = listener.accept();
                        Socket server = new Socket(InetAddress.getLoopbackAddress(), target);
                        pipe(client.getInputStream(), server.getOutputStream(), false, true);
                        pipe(server.getInputStream(), client.getOutputStream(), n == 0, false);
                    }
                } catch (IOException closed) {
                    // the proxy is closed
                }
            });
            accept.setDaemon(true);
            accept.start();
        }

        private void pipe(InputStream in, OutputStream out, boolean cut, boolean record) {
            Thread t = new Thread(() -> {
                byte[] buffer = new byte[8192];
                StringBuilder seen = new StringBuilder();
                try (in; out) {
                    int n;
                    while ((n = in.read(buffer)) > 0) {
                        if (record) {
                            requests.add(new String(buffer, 0, n, StandardCharsets.ISO_8859_1));
                        }
                        out.write(buffer, 0, n);
                        out.flush();
                        seen.append(new String(buffer, 0, n, StandardCharsets.ISO_8859_1));
                        int id = seen.indexOf("\nid: ");
                        if (cut && id >= 0 && seen.indexOf("\n\n", id) >= 0) {
                            // cut after a whole event: both sockets close, once the watch has had time to read
                            // the event (an end of stream that arrives with the event's bytes may overtake them
                            // in the HTTP client, and the test is about a watch that saw an event)
                            Thread.sleep(300);
                            return;
                        }
                    }
                } catch (IOException broken) {
                    // one side went away
                } catch (InterruptedException stop) {
                    Thread.currentThread().interrupt();
                }
            });
            t.setDaemon(true);
            t.start();
        }

        int port() {
            return listener.getLocalPort();
        }

        List<String> requests() {
            return requests;
        }

        @Override
        public void close() throws IOException {
            listener.close();
        }
    }
}
