package dev.sluice.engine;

import dev.sluice.collection.Collection;
import dev.sluice.format.RowConverter;
import dev.sluice.job.Counts;
import dev.sluice.job.ImportFile;
import dev.sluice.job.ImportJob;
import dev.sluice.job.ImportOptions;
import dev.sluice.job.JobState;
import dev.sluice.job.RowOutcome;
import dev.sluice.job.RowResult;
import dev.sluice.store.ChunkProgress;
import dev.sluice.store.CollectionStore;
import dev.sluice.store.Database;
import dev.sluice.store.JobStore;
import dev.sluice.store.Leases;
import dev.sluice.store.ResultStore;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.HandleCallback;

import java.io.IOException;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;

/**
 * Runs one claimed job to its end, or until it must stop: reads each file in chunks, converts
 * and validates every row, and commits each chunk's records, results, counts and checkpoint in one
 * transaction. A resumed job starts at its files' checkpoints, so every row counts exactly once.
 * A validate-only job runs the same way through the sink's validating twin, which writes no record.
 * One instance per run; not thread-safe.
 */
final class RunImport {
    /** Why a run stopped before its job ended. */
    enum Stop { NONE, CANCELLED, RELEASED, BUDGET }

    private final ImportParts parts;
    private final Database db;
    private final Leases leases;
    private final JobStore jobs;
    private final ResultStore results;
    private final CollectionStore collections;
    private final EngineSettings settings;
    private final BooleanSupplier shuttingDown;
    private final String jobId;

    private ChunkSink chunkSink;
    /** What the current operation says the job is doing: {@code writing } or, for a validate-only job, {@code validating }. */
    private String operation;
    private ImportJob job;
    private Collection collection;
    private Counts jobCounts;
    private long jobBytes;
    private Long jobBytesTotal;
    private Throughput throughput;
    private int fileCount;
    /** Time spent waiting for the reader inside transactions, and in the sink: where a slow file's time went. */
    private long waitNanos;

    RunImport(ImportParts parts, BooleanSupplier shuttingDown, String jobId) {
        this.parts = parts;
        this.db = parts.db();
        this.leases = new Leases(parts.jobs());
        this.jobs = parts.jobs();
        this.results = parts.results();
        this.collections = parts.collections();
        this.settings = parts.settings();
        this.shuttingDown = shuttingDown;
        this.jobId = jobId;
    }

    /** Runs the job; never throws for anything the input does. */
    void run() {
        job = jobs.require(jobId);
        var found = collections.find(job.collection());
        if (found.isEmpty()) {
            end(JobState.FAILED, new ImportJob.JobError("collection_not_found",
                    "collection '" + job.collection() + "' no longer exists"), false);
            return;
        }
        collection = found.get();
        boolean validate = job.options().jobType() == ImportOptions.JobType.VALIDATE;
        chunkSink = new ChunkSink(validate ? parts.sink().validating() : parts.sink(), collection, jobId,
                job.options().onConflict());
        operation = validate ? "validating " : "writing ";
        if (job.cancelRequested()) {
            end(JobState.CANCELLED, null, false);
            return;
        }
        List<ImportFile> files = jobs.files(jobId);
        fileCount = files.size();
        jobCounts = job.counts();
        jobBytes = job.bytesProcessed();
        jobBytesTotal = job.bytesTotal();
        throughput = new Throughput(System.nanoTime(), jobCounts.processed(), jobBytes);
        jobs.log(jobId, "INFO", job.counts().processed() == 0 ? "started on " + settings.nodeId() + " (attempt "
                + job.attempt() + ")" : "resumed on " + settings.nodeId() + " (attempt " + job.attempt() + ") after "
                + job.counts().processed() + " committed rows");
        for (ImportFile file : files) {
            if (file.state().isTerminal()) {
                continue;
            }
            Stop stop = jobs.cancelRequested(jobId) ? Stop.CANCELLED : runFile(file);
            if (stop == Stop.RELEASED) {
                jobs.release(jobId, settings.nodeId());
                return;
            }
            if (stop == Stop.CANCELLED) {
                jobs.log(jobId, "INFO", "cancelled; " + jobCounts.processed() + " rows committed before it stay");
                end(JobState.CANCELLED, null, false);
                return;
            }
            if (stop == Stop.BUDGET) {
                end(JobState.FAILED, new ImportJob.JobError(job.options().budgetErrorCode(),
                        job.options().budgetErrorMessage(jobCounts.processed(), jobCounts.failed())), false);
                return;
            }
            if (job.state() == JobState.FAILED) {
                return;
            }
        }
        end(jobCounts.failed() > 0 ? JobState.COMPLETED_WITH_ERRORS : JobState.COMPLETED, null, false);
    }

    private Stop runFile(ImportFile file) {
        String label = file.name() + " (file " + (file.ordinal() + 1) + " of " + fileCount + ")";
        jobs.startFile(jobId, file.id(), (file.recordsRead() > 0 ? "resuming " : "reading ") + label);
        FileReaders.Opened opened;
        try {
            opened = parts.readers().open(file);
        } catch (IOException | RuntimeException e) {
            failFile(file, FileReaders.failure(file.name(), e));
            return Stop.NONE;
        }
        List<String> columns = opened.reader().columns();
        if (file.columns().isEmpty() && !columns.isEmpty()) {
            jobs.recordColumns(file.id(), columns);
        }
        RowConverter converter = new RowConverter(collection, file.ordinal(), columns, opened.dialect().strict());
        FileCursor cursor = new FileCursor(file.counts(), file.bytesProcessed(), file.recordsRead());
        RowFilter filter = file.linesListedUntil() == null ? RowFilter.ALL
                : new ListedLines(parts.retryLines(), jobId, file.ordinal(), file.linesListedUntil(),
                !file.originalLines());
        long fileStart = System.nanoTime();
        waitNanos = 0;
        chunkSink.takeNanos();
        try (ChunkReader chunks = new ChunkReader("sluice-read-" + jobId, opened.reader(), converter, chunkSink::prepare,
                file.recordsRead(), filter, opened.counted()::count, settings.chunkRows(), settings.chunkBytes())) {
            chunks.start();
            ChunkReader.Item item = chunks.take();
            while (item instanceof ChunkReader.Next next) {
                Batch batch = commitBatch(file, label, next.chunk(), chunks, cursor);
                cursor = batch.cursor();
                if (batch.budgetExceeded()) {
                    jobs.finishFile(file.id(), JobState.FAILED, null);
                    return Stop.BUDGET;
                }
                if (batch.after() instanceof ChunkReader.End) {
                    // the file is wholly committed: a cancel arriving now is honoured before the next file
                    item = batch.after();
                    break;
                }
                if (jobs.cancelRequested(jobId)) {
                    return Stop.CANCELLED;
                }
                if (shuttingDown.getAsBoolean()) {
                    return Stop.RELEASED;
                }
                item = batch.after() != null ? batch.after() : chunks.take();
            }
            if (item instanceof ChunkReader.Broken broken) {
                failFile(file, FileReaders.failure(file.name() + " line " + broken.line(), broken.error()));
                return Stop.NONE;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Stop.RELEASED;
        }
        Counts fileCounts = cursor.counts();
        long fileNanos = System.nanoTime() - fileStart;
        jobs.finishFile(file.id(), fileCounts.failed() > 0 ? JobState.COMPLETED_WITH_ERRORS : JobState.COMPLETED, null);
        jobs.log(jobId, "INFO", file.name() + ": " + fileCounts.processed() + " rows (" + fileCounts.created()
                + " created, " + fileCounts.updated() + " updated, " + fileCounts.unchanged() + " unchanged, "
                + fileCounts.skipped() + " skipped, " + fileCounts.failed() + " failed) in "
                + seconds(fileNanos) + " s; writing took " + seconds(chunkSink.takeNanos()) + " s, waiting for the reader "
                + seconds(waitNanos) + " s");
        return Stop.NONE;
    }

    /** A file's committed position: its counts, bytes and records consumed. */
    private record FileCursor(Counts counts, long bytes, long records) {
    }

    /**
     * What one transaction committed.
     *
     * @param after the reader's item that ended the batch when it was not a chunk (end or breakage); null otherwise
     */
    private record Batch(FileCursor cursor, boolean budgetExceeded, ChunkReader.Item after) {
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
    private Batch commitBatch(ImportFile file, String label, Chunk first, ChunkReader chunks, FileCursor start) {
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
                while (after[0] == null && !writer.budgetExceeded && System.nanoTime() < deadline) {
                    long waitStart = System.nanoTime();
                    ChunkReader.Item next = chunks.poll(deadline - System.nanoTime());
                    waitNanos += System.nanoTime() - waitStart;
                    if (next == null) {
                        break;
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
            long allowanceLeft = job.options().errorAllowance() - jobCounts.failed() - counts.failed();
            int exceededAt = exceededAt(rowResults, allowanceLeft);
            if (exceededAt >= 0 && !redo && exceededAt < rowResults.size() - 1) {
                throw new CutAt(index, exceededAt + 1);
            }
            boolean all = job.options().results() == ImportOptions.Results.ALL;
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

    private void failFile(ImportFile file, FileReaders.Failure failure) {
        jobs.finishFile(file.id(), JobState.FAILED, failure.error());
        end(JobState.FAILED, failure.error(), failure.retryable());
    }

    private void end(JobState state, ImportJob.JobError error, boolean retryable) {
        jobs.finish(jobId, state, error, retryable, settings.retention());
        job = jobs.require(jobId);
    }

    private static String seconds(long nanos) {
        return String.format(java.util.Locale.ROOT, "%.2f", nanos / 1e9);
    }
}
