package dev.sluice.store;

import dev.sluice.job.OptionSet;
import dev.sluice.job.SourceFormat;
import dev.sluice.error.SluiceException;
import dev.sluice.job.ImportOptions;
import dev.sluice.job.JobState;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The stores write exactly the job moves that {@link JobState}'s table allows (docs/concepts.md,
 * job states): each store operation that changes a job's state is tried on a job put directly in
 * every state; it must move the job only where the table allows the move, and every move the table
 * allows must be made by some operation. A subclass per database supplies the {@link Database}.
 */
abstract class JobTransitionsContractTest extends JobDatabaseContract {
    private static final Duration LEASE = Duration.ofSeconds(30);
    private static final Duration RETENTION = Duration.ofHours(1);
    private static final String OWNER = "node-a";
    private static final String UNTOUCHED = "set by the test";

    private int jobCount;

    /** A store operation meant to move a job to {@code to}. */
    private record Operation(String name, JobState to, Consumer<String> run) {
    }

    private List<Operation> operations() {
        Leases leases = new Leases(jobs);
        JobIntake intake = new JobIntake(jobs);
        List<Operation> ops = new ArrayList<>(List.of(
                new Operation("start", JobState.QUEUED, intake::start),
                new Operation("claimNext", JobState.RUNNING, id -> jobs.claimNext(OWNER, LEASE)),
                new Operation("release", JobState.QUEUED, id -> jobs.release(id, OWNER)),
                new Operation("requeueOrphans", JobState.QUEUED, id -> leases.requeueOrphans()),
                new Operation("reapExpired", JobState.QUEUED, id -> leases.reapExpired(10, RETENTION))));
        for (JobState end : JobState.values()) {
            if (end.isTerminal()) {
                ops.add(new Operation("finish " + end.wireName(), end, id -> jobs.finish(id, end, null, false, RETENTION)));
            }
        }
        return ops;
    }

    @Test
    void every_state_change_the_stores_write_is_one_the_table_allows_and_every_allowed_one_is_written() {
        TreeSet<String> allowed = new TreeSet<>();
        for (JobState from : JobState.values()) {
            for (JobState to : JobState.values()) {
                if (from.canMoveTo(to)) {
                    allowed.add(from.wireName() + " -> " + to.wireName());
                }
            }
        }
        TreeSet<String> written = new TreeSet<>();
        List<String> forbidden = new ArrayList<>();
        for (Operation op : operations()) {
            for (JobState from : JobState.values()) {
                if (moves(op, from)) {
                    String move = from.wireName() + " -> " + op.to().wireName();
                    written.add(move);
                    if (!from.canMoveTo(op.to())) {
                        forbidden.add(op.name() + ": " + move);
                    }
                }
            }
        }
        assertThat(forbidden).as("moves the table forbids").isEmpty();
        assertThat(written).as("moves the stores write").isEqualTo(allowed);
    }

    @Test
    void a_move_the_table_forbids_cannot_be_declared() {
        assertThatThrownBy(() -> JobTransitions.move(JobState.QUEUED, "", JobState.COMPLETED))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("a job cannot move from completed to queued");
    }

    /** Puts a fresh job in {@code from} (leased by {@link #OWNER}, lease expired), runs the operation, and says whether it moved the job. */
    private boolean moves(Operation op, JobState from) {
        String id = new UUID(0x0190_0000_0000_7000L + jobCount, 0x8000_0000_0000_0000L | jobCount).toString();
        jobCount++;
        jobs.create(new NewJob(id, "items", JobState.OPEN, ImportOptions.DEFAULT, "{}", "{}", null, null, null,
                List.of(new NewJob.NewFile(id + "-f", "a.csv", SourceFormat.CSV, OptionSet.EMPTY, 10L, null, id + "/a.csv"))));
        db.write(h -> h.execute("UPDATE _sluice_jobs SET state = ?, lease_owner = ?, lease_expires_at = ?,"
                + " current_operation = ? WHERE id = ?", from.wireName(), OWNER,
                Times.text(clock.instant().minusSeconds(60)), UNTOUCHED, id));
        try {
            op.run().accept(id);
        } catch (SluiceException refused) {
            // a store may also refuse a move out loud; the job must still be as it was
        }
        Map<String, Object> row = db.read(h -> h.createQuery("SELECT state, current_operation FROM _sluice_jobs"
                + " WHERE id = ?").bind(0, id).mapToMap().one());
        boolean moved = !UNTOUCHED.equals(row.get("current_operation"));
        assertThat(row.get("state")).as(op.name() + " from " + from.wireName())
                .isEqualTo(moved ? op.to().wireName() : from.wireName());
        db.write(h -> h.execute("UPDATE _sluice_jobs SET state = 'cancelled' WHERE id = ?", id));
        jobs.delete(id);
        return moved;
    }
}
