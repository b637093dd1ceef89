package dev.sluice.store;

import dev.sluice.job.OptionSet;
import dev.sluice.job.SourceFormat;
import dev.sluice.job.Job;
import dev.sluice.job.ImportOptions;
import dev.sluice.job.JobState;
import dev.sluice.job.Uuid7;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What {@link Leases} must do, whatever the database: a chunk holds the lease only while its node
 * owns the job, and the reaper requeues a job whose lease expired one attempt later, until the last
 * allowed attempt, which fails it with the retryable {@code lease_expired}.
 */
abstract class LeasesContractTest extends JobDatabaseContract {
    private static final Duration LEASE = Duration.ofSeconds(30);
    private static final Duration RETENTION = Duration.ofHours(1);
    private static final String JOB = Uuid7.at(1_000).toString();

    private Leases leases;

    @BeforeEach
    void setUp() {
        leases = new Leases(jobs);
        jobs.create(new NewJob(JOB, "people", JobState.QUEUED, ImportOptions.DEFAULT, "{}", "{}", null, null, null,
                List.of(new NewJob.NewFile(JOB + "-a", "a.csv", SourceFormat.CSV, OptionSet.EMPTY, 10L, null, JOB + "/a.csv"))));
    }

    private boolean holds(String node) {
        return db.write(h -> leases.hold(h, JOB, node));
    }

    @Test
    void only_the_node_that_claimed_the_job_holds_its_lease() {
        assertThat(jobs.claimNext("node-a", LEASE)).contains(JOB);

        assertThat(holds("node-a")).isTrue();
        assertThat(holds("node-b")).isFalse();
    }

    @Test
    void a_live_lease_is_left_alone_and_an_expired_one_is_requeued_one_attempt_later() {
        jobs.claimNext("node-a", LEASE);
        clock.advance(LEASE.minusSeconds(1));
        assertThat(leases.reapExpired(3, RETENTION)).isEmpty();

        clock.advance(Duration.ofSeconds(2));
        assertThat(leases.reapExpired(3, RETENTION)).containsExactly(JOB);

        Job job = jobs.require(JOB);
        assertThat(job.state()).isEqualTo(JobState.QUEUED);
        assertThat(job.attempt()).isEqualTo(2);
        assertThat(job.leaseOwner()).isNull();
        assertThat(holds("node-a")).as("the dead node's chunk may not commit").isFalse();
        assertThat(jobs.logLines(JOB)).extracting(JobStore.LogLine::message)
                .contains("the lease of node-a expired; requeued to resume from the last checkpoint");
        assertThat(jobs.claimNext("node-b", LEASE)).contains(JOB);
    }

    @Test
    void the_last_allowed_attempt_losing_its_lease_fails_the_job_with_a_retryable_lease_expired() {
        for (int attempt = 1; attempt <= 3; attempt++) {
            assertThat(jobs.claimNext("node-" + attempt, LEASE)).contains(JOB);
            clock.advance(LEASE.plusSeconds(1));
            assertThat(leases.reapExpired(3, RETENTION)).containsExactly(JOB);
        }

        Job job = jobs.require(JOB);
        assertThat(job.state()).isEqualTo(JobState.FAILED);
        assertThat(job.attempt()).isEqualTo(3);
        assertThat(job.error().code()).isEqualTo("lease_expired");
        assertThat(job.error().message()).isEqualTo("the lease of node-3 expired on the last of 3 allowed attempts;"
                + " retry the job to run it again");
        assertThat(job.retryable()).isTrue();
    }
}
