package dev.sluice.client;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Large uploads streamed from a file and from a generated stream (200,000 rows, about 20 MB: more than
 * the server's in-memory request limit, so only a streamed body gets through), and waiting for the
 * end with {@link SluiceClient#awaitCompletion}: backoff, timeout, cancel.
 */
class LargeUploadClientTest {
    private static final int ROWS = 200_000;
    private static final String PADDING = "x".repeat(70);

    @TempDir
    static Path dataDir;
    @RegisterExtension
    static final StartedService server = StartedService.sqliteOrPostgres(1_000, Duration.ofMillis(20));
    static SluiceClient client;

    @BeforeAll
    static void start() {
        client = server.client();
    }

    private static String row(int i) {
        return i + ",person " + i + " " + PADDING + "," + (i % 100) + "\n";
    }

    private static Path bigFile(String name) throws IOException {
        Path file = dataDir.resolve(name);
        try (BufferedWriter w = Files.newBufferedWriter(file)) {
            w.write("id,name,age\n");
            for (int i = 1; i <= ROWS; i++) {
                w.write(row(i));
            }
        }
        return file;
    }

    private static void createBig(String collection) {
        client.createCollection(Definitions.collection(collection, "id:integer, name:string, age:integer", "id"));
    }

    /** Rows made as they are read: the body never exists whole, on either side. */
    private static final class GeneratedCsv extends InputStream {
        private byte[] current = "id,name,age\n".getBytes(StandardCharsets.US_ASCII);
        private int pos;
        private int next = 1;
        private long total;

        @Override
        public int read() {
            if (pos == current.length) {
                if (next > ROWS) {
                    return -1;
                }
                current = row(next++).getBytes(StandardCharsets.US_ASCII);
                pos = 0;
            }
            total++;
            return current[pos++];
        }

        @Override
        public int read(byte[] b, int off, int len) {
            int n = 0;
            while (n < len) {
                int c = read();
                if (c < 0) {
                    return n == 0 ? -1 : n;
                }
                b[off + n++] = (byte) c;
            }
            return n;
        }
    }

    @Test
    void a_large_file_streams_up_and_awaiting_it_backs_off_from_50_ms_to_2_s() throws IOException {
        createBig("bigfile");
        Path file = bigFile("big.csv");
        assertThat(Files.size(file)).as("bigger than the 16 MB a buffered request may hold").isGreaterThan(16L << 20);

        ImportJob submitted = client.importFile("bigfile", file, ImportRequest.defaults());
        List<Long> polledAt = new ArrayList<>();
        ImportJob ended = client.awaitCompletion(submitted.id(), Duration.ofMinutes(2),
                job -> polledAt.add(System.nanoTime()));

        assertThat(ended.state()).isEqualTo("completed");
        assertThat(ended.counts()).isEqualTo(new Counts(ROWS, ROWS, ROWS, 0, 0, 0, 0));
        assertThat(ended.files().get(0).sizeBytes()).isEqualTo(Files.size(file));
        assertThat(ended.progress().bytesTotal()).isEqualTo(Files.size(file));
        assertThat(client.getCollection("bigfile").recordCount()).isEqualTo(ROWS);
        assertThat(polledAt).as("the job takes more than one poll").hasSizeGreaterThan(2);
        for (int k = 1; k < polledAt.size(); k++) {
            long gapMillis = (polledAt.get(k) - polledAt.get(k - 1)) / 1_000_000;
            long pause = Math.min(50L << (k - 1), 2_000L);
            assertThat(gapMillis).as("gap before poll %d", k + 1).isBetween(pause, pause + 1_500);
        }
    }

    /**
     * The server answers 404 before reading the body and closes the connection, so the client, still
     * sending, may see the connection reset instead of the answer; it then asks for the collection and
     * throws the error that answers.
     */
    @Test
    void a_large_upload_refused_before_it_is_read_still_answers_the_typed_error() throws IOException {
        Path file = bigFile("refused.csv");

        assertThatThrownBy(() -> client.importFile("nosuchcollection", file, ImportRequest.defaults()))
                .isInstanceOfSatisfying(SluiceApiException.class, e -> {
                    assertThat(e.status()).isEqualTo(404);
                    assertThat(e.code()).isEqualTo("collection_not_found");
                });
        assertThatThrownBy(() -> client.importStream("nosuchcollection", new GeneratedCsv(), "g.csv",
                ImportRequest.defaults()))
                .isInstanceOfSatisfying(SluiceApiException.class, e -> assertThat(e.code()).isEqualTo("collection_not_found"));
        assertThat(client.health().isReady()).isTrue();
    }

    @Test
    void a_large_generated_stream_imports_whole() {
        createBig("bigstream");
        GeneratedCsv body = new GeneratedCsv();

        ImportJob ended = client.importStream("bigstream", body, "generated.csv",
                ImportRequest.builder().waitForCompletion(true).waitTimeout(Duration.ofMinutes(2)).build());

        assertThat(ended.state()).isEqualTo("completed");
        assertThat(ended.counts().created()).isEqualTo(ROWS);
        assertThat(ended.files().get(0).sizeBytes()).isEqualTo(body.total).isGreaterThan(16L << 20);
        assertThat(ended.results()).isEmpty();
        assertThat(client.recordByKey("bigstream", String.valueOf(ROWS))).get()
                .satisfies(r -> assertThat(r.get("age").asInt()).isEqualTo(ROWS % 100));
    }

    @Test
    void waiting_gives_up_after_its_timeout_and_a_running_job_can_be_cancelled() throws IOException {
        createBig("bigcancel");
        ImportJob submitted = client.importFile("bigcancel", bigFile("cancel.csv"), ImportRequest.defaults());

        assertThatThrownBy(() -> client.awaitCompletion(submitted.id(), Duration.ofMillis(30)))
                .isInstanceOfSatisfying(SluiceTimeoutException.class, e -> {
                    assertThat(e.lastSeen().id()).isEqualTo(submitted.id());
                    assertThat(e.lastSeen().isTerminal()).isFalse();
                    assertThat(e.getMessage()).contains(submitted.id()).contains("after 30 ms");
                });
        assertThatThrownBy(() -> client.deleteImport(submitted.id()))
                .isInstanceOfSatisfying(SluiceApiException.class, e -> {
                    assertThat(e.status()).isEqualTo(409);
                    assertThat(e.code()).isEqualTo("import_running");
                });
        assertThatThrownBy(() -> client.dropCollection("bigcancel"))
                .isInstanceOfSatisfying(SluiceApiException.class, e -> {
                    assertThat(e.status()).isEqualTo(409);
                    assertThat(e.code()).isEqualTo("collection_busy");
                });

        ImportJob answered = client.cancel(submitted.id());
        ImportJob ended = client.awaitCompletion(submitted.id(), Duration.ofSeconds(30));

        assertThat(answered.state()).isIn("running", "cancelled");
        assertThat(ended.state()).isEqualTo("cancelled");
        assertThat(ended.counts().processed()).isLessThan(ROWS);
        client.deleteImport(submitted.id());
        client.dropCollection("bigcancel");
    }
}
