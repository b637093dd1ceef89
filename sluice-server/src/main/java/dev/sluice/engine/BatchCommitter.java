package dev.sluice.engine;

import dev.sluice.job.Counts;
import dev.sluice.job.ImportFile;
import dev.sluice.job.ImportJob;
import dev.sluice.job.ImportOptions;
import dev.sluice.job.RowOutcome;
import dev.sluice.job.RowResult;
import dev.sluice.store.ChunkProgress;
import dev.sluice.store.Database;
import dev.sluice.store.JobStore;
import dev.sluice.store.Leases;
import dev.sluice.store.ResultStore;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.HandleCallback;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;

/**
 * Commits one job's chunks in transactions that each carry records, results, counts and the
 * file's checkpoint together, and keeps the run's totals, which move only when one commits. The
 * transaction loop of {@link RunImport}: group commit, the error allowance cut, the lease check,
 * and the redo of a transaction that lost its connection. One per run; not thread-safe.
 */
final class BatchCommitter {
    /** How often a transaction in progress looks for a cancel request. */
    private static final long CANCEL_CHECK_NANOS = 100_000_000L;

    private final Database db;
    private final Leases leases;
    private final JobStore jobs;
    private final ResultStore results;
    private final EngineSettings settings;
    private final BooleanSupplier shuttingDown;
    private final String jobId;
    private final ImportOptions options;
    private final ChunkSink chunkSink;
    /** What the current operation says the job is doing: {@code writing } or, for a validate-only job, {@code validating }. */
    private final String operation;
    private final Long jobBytesTotal;
    private final Throughput throughput;
    private final EngineMetrics metrics;
    private Counts jobCounts;
    private long jobBytes;
    /** Time spent waiting for the reader inside transactions: where a slow file's time went. */
    private long waitNanos;

    BatchCommitter(ImportParts parts, BooleanSupplier shuttingDown, ImportJob job, ChunkSink chunkSink,
                   String operation) {
        this.db = parts.db();
        this.leases = new Leases(parts.jobs());
        this.jobs = parts.jobs();
        this.results = parts.results();
        this.settings = parts.settings();
        this.shuttingDown = shuttingDown;
        this.jobId = job.id();
        this.options = job.options();
        this.chunkSink = chunkSink;
        this.operation = operation;
        this.jobCounts = job.counts();
        this.jobBytes = job.bytesProcessed();
        this.jobBytesTotal = job.bytesTotal();
        this.throughput = new Throughput(System.nanoTime(), jobCounts.processed(), jobBytes);
        this.metrics = parts.metrics();
    }

    /** The job's counts as committed so far. */
    Counts counts() {
        return jobCounts;
    }

    /** Time spent waiting for the reader since the last call. */
    long takeWaitNanos() {
        long taken = waitNanos;
        waitNanos = 0;
        return taken;
    }

    /** A file's committed position: its counts, bytes and records consumed. */
    record FileCursor(Counts counts, long bytes, long records) {
    }

    /**
     * What one transaction committed.
     *
     * @param after the reader's item that ended the batch when it was not a chunk (end or breakage); null otherwise
     */
    record Batch(FileCursor cursor, boolean budgetExceeded, ChunkReader.Item after) {
    }

    /**
     * With several nodes, a chunk commits only while this node holds the job's lease (the check also
     * locks the job row until the commit, so the reaper waits for it). One process on SQLite owns every job.
     */
    private void holdLease(Handle h) {
        if (!db.singleWriter() && !leases.hold(h, jobId, settings.nodeId())) {
            throw new LeaseLost(jobId);
        }
    }

    /** This node lost the job's lease: another node runs it now; the batch rolls back and the run stops. */
    static final class LeaseLost extends RuntimeException {
        LeaseLost(String jobId) {
            super("the lease of job " + jobId + " was taken over by another node", null, false, false);
        }
    }

    /** Signals that the batch must be cut before entry {@code count} of chunk {@code chunk}, and rolled back. */
    private static final class CutAt extends RuntimeException {
        final int chunk;
        final int count;

        CutAt(int chunk, int count) {
            super(null, null, false, false);
            this.chunk = chunk;
            this.count = count;
        }
    }

    /**
     * Writes chunks in one transaction until the commit interval has passed or the file ends
     * ("group commit"): SQLite rewrites every index page a transaction touches, so fewer, larger
     * transactions write far less, while each chunk still bounds memory. Should the error allowance
     * run out part way, the transaction is rolled back and redone up to the row that exhausted it.
     * A transaction that fails on a lost database connection rolled back as a whole (the checkpoint
     * is in it), so it is redone with the same chunks, with backoff ({@link TransientFaults}).
     */
    Batch commit(ImportFile file, String label, Chunk first, ChunkReader chunks, FileCursor start) {
        List<Chunk> taken = new ArrayList<>();
        taken.add(first);
        ChunkReader.Item[] after = {null};
        try {
            return transaction(file, start, h -> {
                holdLease(h);
                long deadline = System.nanoTime() + settings.commitInterval().toNanos();
                Writer writer = new Writer(file, label, start);
                // a redo after a lost connection writes again what the rolled-back attempt had taken
                for (int i = 0; i < taken.size(); i++) {
                    writer.write(h, taken.get(i), i, false);
                }
                long checked = System.nanoTime();
                while (after[0] == null && !writer.budgetExceeded && System.nanoTime() < deadline) {
                    if (System.nanoTime() - checked >= CANCEL_CHECK_NANOS) {
                        // a cancel commits what is in hand now, not at the end of the interval (docs/cli.md#ctrl-c)
                        checked = System.nanoTime();
                        if (jobs.cancelAsked(jobId)) {
                            break;
                        }
                    }
                    long waitStart = System.nanoTime();
                    ChunkReader.Item next = chunks.poll(Math.min(deadline - System.nanoTime(), CANCEL_CHECK_NANOS));
                    waitNanos += System.nanoTime() - waitStart;
                    if (next == null) {
                        continue;
                    }
                    if (!(next instanceof ChunkReader.Next n)) {
                        after[0] = next;
                        break;
                    }
                    taken.add(n.chunk());
                    writer.write(h, n.chunk(), taken.size() - 1, false);
                }
                writer.progress(h);
                return writer.done(after[0]);
            });
        } catch (CutAt cut) {
            return transaction(file, start, h -> {
                holdLease(h);
                Writer writer = new Writer(file, label, start);
                for (int i = 0; i < cut.chunk; i++) {
                    writer.write(h, taken.get(i), i, true);
                }
                writer.write(h, taken.get(cut.chunk).prefix(cut.count, chunkSink::prepare), cut.chunk, true);
                writer.progress(h);
                return writer.done(null);
            });
        }
    }

    /**
     * Runs one batch's transaction, again while it fails on a lost connection. A connection lost
     * during the commit itself leaves it unknown whether the commit happened: the file's stored
     * checkpoint tells, so a committed batch is never written twice.
     */
    private Batch transaction(ImportFile file, FileCursor start, HandleCallback<Batch, RuntimeException> work) {
        Counts countsBefore = jobCounts;
        long bytesBefore = jobBytes;
        long started = System.nanoTime();
        Batch batch = retryingLostConnections(file, start, work, countsBefore, bytesBefore);
        metrics.committed(jobCounts.minus(countsBefore), jobBytes - bytesBefore, System.nanoTime() - started);
        return batch;
    }

    private Batch retryingLostConnections(ImportFile file, FileCursor start, HandleCallback<Batch, RuntimeException> work,
                                          Counts countsBefore, long bytesBefore) {
        Batch[] done = {null};
        Counts[] countsDone = {null};
        long[] bytesDone = {0};
        return TransientFaults.retry("job " + jobId + ": committing a chunk of " + file.name(), shuttingDown, () -> {
            if (done[0] != null && done[0].cursor().records() != start.records()
                    && committedRecords(file) == done[0].cursor().records()) {
                // the last attempt's commit went through before its connection broke
                jobCounts = countsDone[0];
                jobBytes = bytesDone[0];
                return done[0];
            }
            jobCounts = countsBefore;
            jobBytes = bytesBefore;
            done[0] = null;
            return db.write(h -> {
                Batch b = work.withHandle(h);
                done[0] = b;
                countsDone[0] = jobCounts;
                bytesDone[0] = jobBytes;
                return b;
            });
        });
    }

    /** The records of {@code file} consumed as far as its committed checkpoint. */
    private long committedRecords(ImportFile file) {
        return jobs.files(jobId).stream().filter(f -> f.id().equals(file.id())).findFirst()
                .map(ImportFile::recordsRead).orElse(-1L);
    }

    /** Writes the chunks of one transaction and adds up what they did; the run's totals move only on commit. */
    private final class Writer {
        private final ImportFile file;
        private final String label;
        private final List<String> samples = new ArrayList<>();
        private FileCursor cursor;
        private Counts counts = Counts.ZERO;
        private long bytes;
        private long lastLine;
        private boolean budgetExceeded;

        Writer(ImportFile file, String label, FileCursor start) {
            this.file = file;
            this.label = label;
            this.cursor = start;
        }

        void write(Handle h, Chunk chunk, int index, boolean redo) {
            List<RowResult> rowResults = chunkSink.write(h.getConnection(), chunk);
            long allowanceLeft = options.errorAllowance() - jobCounts.failed() - counts.failed();
            int exceededAt = exceededAt(rowResults, allowanceLeft);
            if (exceededAt >= 0 && !redo && exceededAt < rowResults.size() - 1) {
                throw new CutAt(index, exceededAt + 1);
            }
            boolean all = options.results() == ImportOptions.Results.ALL;
            List<RowResult> kept = new ArrayList<>();
            for (RowResult r : rowResults) {
                if (all || r.failed() || r.outcome() instanceof RowOutcome.Skipped) {
                    kept.add(r);
                }
                if (r.failed() && samples.size() < 10) {
                    samples.add(sample(file, r));
                }
            }
            try {
                results.insert(h, jobId, kept);
            } catch (SQLException e) {
                throw new IllegalStateException("storing results failed: " + e.getMessage(), e);
            }
            Counts chunkCounts = Counts.of(rowResults);
            long chunkBytes = Math.max(0, chunk.bytesRead() - cursor.bytes());
            counts = counts.plus(chunkCounts);
            bytes += chunkBytes;
            lastLine = chunk.lastLine();
            cursor = new FileCursor(cursor.counts().plus(chunkCounts), cursor.bytes() + chunkBytes, chunk.recordsRead());
            budgetExceeded |= exceededAt >= 0;
        }

        /** Adds the transaction's counts, checkpoint and progress to the file and the job. */
        void progress(Handle h) {
            Counts after = jobCounts.plus(counts);
            long bytesAfter = jobBytes + bytes;
            throughput.add(System.nanoTime(), after.processed(), bytesAfter);
            Double filePercent = file.sizeBytes() == null || file.sizeBytes() == 0 ? null
                    : Math.min(99.9, Math.round(1000.0 * cursor.bytes() / file.sizeBytes()) / 10.0);
            Double jobPercent = jobBytesTotal == null || jobBytesTotal == 0 ? null
                    : Math.min(99.9, Math.round(1000.0 * bytesAfter / jobBytesTotal) / 10.0);
            jobs.addChunk(h, new ChunkProgress(jobId, file.id(), counts, bytes, cursor.records(), lastLine,
                    filePercent, jobPercent, throughput.rowsPerSecond(), throughput.eta(bytesAfter, jobBytesTotal), operation + label, samples));
        }

        /** Called last inside the transaction, so a rollback leaves the run's totals as they were. */
        Batch done(ChunkReader.Item after) {
            jobCounts = jobCounts.plus(counts);
            jobBytes += bytes;
            return new Batch(cursor, budgetExceeded, after);
        }
    }

    /** Index of the result whose failure exceeds the allowance, or -1. */
    private static int exceededAt(List<RowResult> rowResults, long allowanceLeft) {
        long failures = 0;
        for (int i = 0; i < rowResults.size(); i++) {
            if (rowResults.get(i).failed() && ++failures > allowanceLeft) {
                return i;
            }
        }
        return -1;
    }

    private static String sample(ImportFile file, RowResult r) {
        RowOutcome.Failed f = (RowOutcome.Failed) r.outcome();
        return file.name() + " line " + r.line() + ": " + (f.field() == null ? "" : f.field() + ": ") + f.message();
    }
}
