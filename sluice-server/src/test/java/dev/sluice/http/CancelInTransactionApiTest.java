package dev.sluice.http;

import dev.sluice.client.ImportJob;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.charset.StandardCharsets;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A cancel does not wait for the transaction in hand to run its full {@code --commit-interval}: it
 * commits what it has and the job stops (docs/cli.md#ctrl-c). The interval here (30 s) is longer
 * than the whole import, so a cancel seen only between transactions would land after the file's end.
 */
class CancelInTransactionApiTest {
    private static final int BIG = 400_000;

    @RegisterExtension
    static final RunningServer server = RunningServer.sqliteOrPostgres(
            ServerOptions.chunkRows(1_000).commitInterval(Duration.ofSeconds(30)));

    @Test
    void a_cancel_commits_the_chunks_in_hand_and_stops_the_job_without_waiting_for_the_interval() {
        server.createCollection("long_tx", "id:integer, name:string", "id");
        StringBuilder csv = new StringBuilder(BIG * 20).append("id,name\n");
        for (int i = 1; i <= BIG; i++) {
            csv.append(i).append(",person ").append(i).append('\n');
        }
        ImportJob submitted = server.submit("long_tx", "", "text/csv", csv.toString().getBytes(StandardCharsets.UTF_8));
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(2))
                .until(() -> server.job(submitted.id()).state(), s -> !s.equals("queued"));

        long asked = System.nanoTime();
        RunningServer.Answer a = server.post("/v1/imports/" + submitted.id() + "/cancel", null, new byte[0]);
        ImportJob job = server.awaitEnd(submitted.id());
        Duration took = Duration.ofNanos(System.nanoTime() - asked);

        assertThat(a.status()).as("%s", a).isIn(200, 202);
        assertThat(job.state()).isEqualTo("cancelled");
        assertThat(job.counts().processed()).isLessThan(BIG);
        assertThat(server.get("/v1/collections/long_tx").json().get("record_count").asLong())
                .isEqualTo(job.counts().processed());
        assertThat(took).as("from the cancel to the job's end").isLessThan(Duration.ofSeconds(5));
    }
}
