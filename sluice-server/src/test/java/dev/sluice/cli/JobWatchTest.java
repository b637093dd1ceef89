package dev.sluice.cli;

import dev.sluice.client.ImportJob;
import dev.sluice.client.Json;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

class JobWatchTest {

    private static ImportJob job(String createdAt, String startedAt, String updatedAt) throws Exception {
        return Json.mapper().readValue("""
                {"id": "01a2311c-a2be-72b7-af5b-14258e940cad", "collection": "people", "state": "completed",
                 "counts": {"processed": 90000, "succeeded": 90000, "created": 90000, "updated": 0,
                            "unchanged": 0, "skipped": 0, "failed": 0},
                 "error_samples": [], "created_at": "%s", "started_at": %s, "updated_at": "%s"}
                """.formatted(createdAt, startedAt == null ? "null" : '"' + startedAt + '"', updatedAt), ImportJob.class);
    }

    @Test
    void a_watched_job_is_timed_by_its_own_start_not_by_when_watching_began() throws Exception {
        ImportJob done = job("2026-12-01T10:00:00Z", "2026-12-01T10:00:05Z", "2026-12-01T10:00:35Z");

        assertThat(JobWatch.ranFor(done)).isEqualTo(Duration.ofSeconds(30));
        assertThat(JobWatch.summary(done, JobWatch.ranFor(done))).startsWith("completed: 90,000 rows in 30.0 s (3,000 rows/s)");
    }

    @Test
    void a_job_that_never_started_is_timed_from_its_creation() throws Exception {
        assertThat(JobWatch.ranFor(job("2026-12-01T10:00:00Z", null, "2026-12-01T10:00:02Z")))
                .isEqualTo(Duration.ofSeconds(2));
    }
}
