package dev.sluice.http;

import dev.sluice.client.ImportJob;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code GET /metrics}: what Prometheus scrapes. The counters move with committed rows, so after
 * imports whose counts are known they say exactly those counts; the jobs gauge reads the database.
 * The server is this class's alone, so its counters start at zero.
 */
class MetricsApiTest {
    private static final String FIRST = "id,name\n1,a\n2,b\nx,c\n1,d\n3,e\n";
    private static final String SECOND = "id,name\n1,z\n4,y\n";
    private static final Pattern SAMPLE = Pattern.compile("^([a-z_]+(?:\\{[^}]*})?) (\\S+)$", Pattern.MULTILINE);

    @RegisterExtension
    static final RunningServer server = RunningServer.sqliteOrPostgres(ServerOptions.chunkRows(2)
            .with(b -> b.eventHeartbeat(java.time.Duration.ofMillis(200))));

    /** Each sample line as name{labels} → value. */
    private static Map<String, Double> scrape() {
        RunningServer.Answer answer = server.get("/metrics");
        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.header("Content-Type")).startsWith("text/plain; version=0.0.4");
        Map<String, Double> samples = new HashMap<>();
        Matcher m = SAMPLE.matcher(answer.text());
        while (m.find()) {
            samples.put(m.group(1), Double.parseDouble(m.group(2)));
        }
        return samples;
    }

    @Test
    void the_counters_and_the_jobs_gauge_say_what_the_imports_committed() {
        server.createCollection("people", "id:integer, name:string", "id");
        ImportJob first = server.importCsv("people", "", FIRST); // 3 created, 1 failed (x), 1 skipped (1 again)
        ImportJob second = server.importCsv("people", "on_conflict=update", SECOND); // 1 updated, 1 created

        Map<String, Double> m = scrape();

        assertThat(first.state()).isEqualTo("completed_with_errors");
        assertThat(second.state()).isEqualTo("completed");
        assertThat(m).containsEntry("sluice_rows_total{outcome=\"created\"}", 4.0)
                .containsEntry("sluice_rows_total{outcome=\"updated\"}", 1.0)
                .containsEntry("sluice_rows_total{outcome=\"unchanged\"}", 0.0)
                .containsEntry("sluice_rows_total{outcome=\"skipped\"}", 1.0)
                .containsEntry("sluice_rows_total{outcome=\"failed\"}", 1.0)
                .containsEntry("sluice_jobs_ended_total{state=\"completed\"}", 1.0)
                .containsEntry("sluice_jobs_ended_total{state=\"completed_with_errors\"}", 1.0)
                .containsEntry("sluice_jobs{state=\"completed\"}", 1.0)
                .containsEntry("sluice_jobs{state=\"completed_with_errors\"}", 1.0)
                .containsEntry("sluice_jobs{state=\"running\"}", 0.0)
                .containsEntry("sluice_source_bytes_total", (double) (FIRST.length() + SECOND.length()));
        // group commit may put several chunks in one transaction: at least one transaction per import
        assertThat(m.get("sluice_commit_seconds_count")).isGreaterThanOrEqualTo(2.0);
        assertThat(m.get("sluice_commit_seconds_sum")).isPositive();
        assertThat(m.keySet()).anyMatch(k -> k.startsWith("jvm_memory_used_bytes{area=\"heap\""));
        assertThat(m).containsKey("process_uptime_seconds");
    }

    @Test
    void the_event_streams_gauge_counts_the_streams_open_now() {
        assertThat(scrape()).containsEntry("sluice_event_streams", 0.0);
        try (EventStream open = EventStream.open("http://127.0.0.1:" + server.port() + "/v1/events", null)) {
            assertThat(open.status()).isEqualTo(200);
            assertThat(scrape()).containsEntry("sluice_event_streams", 1.0);
        }
        // a stream learns its client left at its next write: a heartbeat, every 200 ms here
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(20))
                .until(() -> scrape().get("sluice_event_streams") == 0.0);
    }
}
