package dev.sluice.engine;

import dev.sluice.job.ImportFile;
import dev.sluice.job.Job;
import dev.sluice.job.Tally;
import dev.sluice.store.Database;
import dev.sluice.store.JobStore;
import dev.sluice.store.Leases;
import org.jdbi.v3.core.Handle;

import java.util.function.BooleanSupplier;
import java.util.function.Function;

/**
 * Runs the transactions of one job's chunks on the writer and keeps the run's totals, which move
 * only when one commits. Each transaction first checks this node's lease; one that fails on a lost
 * database connection rolled back as a whole (the checkpoint is in it), so it is run again with
 * backoff ({@link TransientFaults}), unless the file's stored checkpoint shows that its commit went
 * through before the connection broke. One per run; not thread-safe.
 */
final class ChunkTransactions {
    /**
     * What one attempt did: its result, and what it adds to the run's totals once committed.
     *
     * @param counts the rows it wrote, by outcome
     * @param bytes  the source bytes it consumed
     */
    record Written(Commit commit, Tally counts, long bytes) {
        /** An attempt that committed nothing. */
        static Written nothing(Commit commit) {
            return new Written(commit, Tally.ZERO, 0);
        }
    }

    private final Database db;
    private final Leases leases;
    private final JobStore jobs;
    private final EngineSettings settings;
    private final EngineMetrics metrics;
    private final BooleanSupplier shuttingDown;
    private final String jobId;
    private Tally counts;
    private long bytes;

    ChunkTransactions(ImportParts parts, BooleanSupplier shuttingDown, Job job) {
        this.db = parts.db();
        this.leases = new Leases(parts.jobs());
        this.jobs = parts.jobs();
        this.settings = parts.settings();
        this.metrics = parts.metrics();
        this.shuttingDown = shuttingDown;
        this.jobId = job.id();
        this.counts = job.counts();
        this.bytes = job.bytesProcessed();
    }

    /** The job's counts as committed so far. */
    Tally counts() {
        return counts;
    }

    /** The job's source bytes as committed so far. */
    long bytes() {
        return bytes;
    }

    /**
     * Runs {@code work} in one transaction of {@code file}, whose committed position is {@code start},
     * and adds what it wrote to the totals once it committed.
     *
     * @throws TransientFaults.Unavailable when the database stays away
     */
    Commit run(ImportFile file, FileCursor start, Function<Handle, Written> work) {
        long started = System.nanoTime();
        Attempts attempts = new Attempts(file, start, work);
        Written written = TransientFaults.retry("job " + jobId + ": committing a chunk of " + file.name(),
                shuttingDown, attempts::next);
        counts = counts.plus(written.counts());
        bytes += written.bytes();
        if (!(written.commit() instanceof Commit.CutAt || written.commit() instanceof Commit.LeaseLost)) {
            metrics.committed(written.counts(), written.bytes(), System.nanoTime() - started);
        }
        return written.commit();
    }

    /** The attempts at one transaction; the last is kept, so a commit whose answer was lost is not made twice. */
    private final class Attempts {
        private final ImportFile file;
        private final FileCursor start;
        private final Function<Handle, Written> work;
        private Written last;

        Attempts(ImportFile file, FileCursor start, Function<Handle, Written> work) {
            this.file = file;
            this.start = start;
            this.work = work;
        }

        Written next() {
            if (last != null && last.commit().cursor().records() != start.records()
                    && committedRecords() == last.commit().cursor().records()) {
                return last;
            }
            last = null;
            return db.write(h -> {
                last = holdsLease(h) ? work.apply(h) : Written.nothing(new Commit.LeaseLost(start));
                return last;
            });
        }

        /** The records of the file consumed as far as its committed checkpoint. */
        private long committedRecords() {
            return jobs.files(jobId).stream().filter(f -> f.id().equals(file.id())).findFirst()
                    .map(ImportFile::recordsRead).orElse(-1L);
        }
    }

    /**
     * With several nodes, a chunk commits only while this node holds the job's lease (the check also
     * locks the job row until the commit, so the reaper waits for it). One process on SQLite owns every job.
     */
    private boolean holdsLease(Handle h) {
        return db.singleWriter() || leases.hold(h, jobId, settings.nodeId());
    }
}
