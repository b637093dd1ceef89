package dev.sluice.sink;

import dev.sluice.job.ConflictPolicy;
import dev.sluice.store.Database;
import dev.sluice.store.PostgresTestServer;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;

/** The record sink contract for PostgreSQL's COPY and merge (embedded, or {@code SLUICE_TEST_PG_URL}). */
class PostgresRecordSinkTest extends RecordSinkContractTest {

    @Override
    protected Database openDatabase(Path dataDir) {
        return PostgresTestServer.openFresh();
    }

    @Override
    protected RecordSink sink() {
        return new PostgresRecordSink("public");
    }

    /**
     * A writer numbers a chunk when it writes it, not when its transaction began or commits: a chunk
     * written on another connection while a transaction stays open sorts where it was written.
     * Records numbered by a table's own identity (before chunk numbers, V12) sort first.
     */
    @Test
    void chunks_number_in_the_order_they_are_written_across_connections_after_records_numbered_before_v12() {
        db.write(h -> h.execute("INSERT INTO public.people (_id, _created_at, _updated_at, email, name)"
                + " VALUES (gen_random_uuid(), now(), now(), 'old@x.com', 'from an identity')"));
        db.write(outer -> {
            write(outer, people, JOB_A, ConflictPolicy.SKIP, rows(people, 0, 2, row("m@x.com", "M", "1")));
            // another thread: a connection of its own, committed while this transaction is open
            CompletableFuture.runAsync(() -> db.write(h -> write(h, people, JOB_B, ConflictPolicy.SKIP,
                    rows(people, 0, 2, row("c@x.com", "C", "2"))))).join();
            return write(outer, people, JOB_A, ConflictPolicy.SKIP, rows(people, 0, 3, row("a@x.com", "A", "3")));
        });

        assertThat(emailsInRecordOrder()).containsExactly("old@x.com", "m@x.com", "c@x.com", "a@x.com");
        long newest = db.read(h -> h.createQuery("SELECT min(_seq) FROM public.people WHERE email <> 'old@x.com'")
                .mapTo(Long.class).one());
        assertThat(newest).as("chunk numbers start at 2^20, shifted by 20").isGreaterThanOrEqualTo(1L << 40);
    }
}
