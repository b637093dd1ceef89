package dev.sluice.engine;

import dev.sluice.collection.CollectionSchema;
import dev.sluice.format.LocalForms;
import dev.sluice.format.RowConverter;
import dev.sluice.job.ConflictPolicy;
import dev.sluice.job.ImportFile;
import dev.sluice.job.Job;
import dev.sluice.job.JobState;
import dev.sluice.job.Tally;
import dev.sluice.store.JobStore;
import org.jdbi.v3.core.Handle;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.BooleanSupplier;

/**
 * The chunk loop of one job, file by file: its {@link ChunkReader} reads, converts and prepares each
 * chunk once on its own thread; here each chunk is written, its results recorded, and committed with
 * the file's checkpoint ({@link BatchWriter}, {@link ChunkTransactions}). Chunks are grouped into one
 * transaction until the commit interval has passed or the file ends ("group commit"): SQLite rewrites
 * every index page a transaction touches, so fewer, larger transactions write far less, while each
 * chunk still bounds memory. Should the error allowance run out part way, the transaction is rolled
 * back and written again up to the row that spent it, from the rows already prepared. One per run;
 * not thread-safe.
 */
final class ChunkLoop {
    /** How often a transaction in progress looks for a cancel request. */
    private static final long CANCEL_CHECK_NANOS = 100_000_000L;

    /** Why a file's loop stopped before the file ended. */
    enum Stop { CANCELLED, RELEASED, BUDGET, LEASE_LOST }

    /** How one file's loop ended. */
    sealed interface FileEnd {
    }

    /** Every record of the file was committed, and the file is finished. */
    record Read() implements FileEnd {
    }

    /** The loop stopped before the file ended; what it committed stays. */
    record Stopped(Stop stop) implements FileEnd {
    }

    /** The source broke part way (its fault, not this process's); the rows before the break are committed. */
    record Unreadable(FileReaders.Failure failure) implements FileEnd {
    }

    private final ImportParts parts;
    private final JobStore jobs;
    private final EngineSettings settings;
    private final BooleanSupplier shuttingDown;
    private final String jobId;
    /** {@code on_conflict=merge}: rows carry which fields the source gave, and may leave required ones out. */
    private final boolean partial;
    private final CollectionSchema collection;
    private final ChunkSink chunkSink;
    private final BatchWriter writer;
    private final ChunkTransactions transactions;
    /** Time spent waiting for the reader inside transactions: where a slow file's time went. */
    private long waitNanos;
    /** The current file's converter, and whether its column report is stored. */
    private RowConverter converter;
    private boolean columnsRecorded;

    ChunkLoop(ImportParts parts, BooleanSupplier shuttingDown, Job job, CollectionSchema collection,
              ChunkSink chunkSink, String operation) {
        this.parts = parts;
        this.jobs = parts.jobs();
        this.settings = parts.settings();
        this.shuttingDown = shuttingDown;
        this.jobId = job.id();
        this.partial = job.options().onConflict() == ConflictPolicy.MERGE;
        this.collection = collection;
        this.chunkSink = chunkSink;
        this.writer = new BatchWriter(parts, job, chunkSink, operation);
        this.transactions = new ChunkTransactions(parts, shuttingDown, job);
    }

    /** The job's counts as committed so far. */
    Tally counts() {
        return transactions.counts();
    }

    /**
     * Imports the opened {@code file} from its checkpoint until it ends or the run must stop.
     *
     * @throws ReaderFailed when the reader thread stopped on something that is not the source's fault
     */
    FileEnd run(ImportFile file, String label, FileReaders.Opened opened) {
        long fileStart = System.nanoTime();
        waitNanos = 0;
        chunkSink.takeNanos();
        FileCursor cursor = FileCursor.of(file);
        try (ChunkReader chunks = reader(file, opened)) {
            chunks.start();
            ChunkReader.Item item;
            while ((item = chunks.take(this::mustStop)) instanceof ChunkReader.Next next) {
                recordColumnReport(file);
                Commit commit = commitGroup(file, label, next.chunk(), chunks, cursor);
                cursor = commit.cursor();
                Stop stop = stopAfter(commit, chunks);
                if (stop == Stop.BUDGET) {
                    jobs.finishFile(file.id(), JobState.FAILED, null);
                }
                if (stop != null) {
                    return new Stopped(stop);
                }
            }
            if (item == null) {
                return new Stopped(jobs.cancelRequested(jobId) ? Stop.CANCELLED : Stop.RELEASED);
            }
            if (item instanceof ChunkReader.Broken broken) {
                if (!(broken.error() instanceof IOException)) {
                    throw new ReaderFailed(file.name() + " (near line " + broken.line() + ")", broken.error());
                }
                return new Unreadable(FileReaders.failure(file.name() + " line " + broken.line(), broken.error(),
                        opened.decision().likeliest()));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Stopped(Stop.RELEASED);
        }
        finished(file, cursor.counts(), System.nanoTime() - fileStart);
        return new Read();
    }

    /**
     * Stores what the converter decided about the file's columns, once it is settled: at once for a
     * tabular source, after the first chunk for JSON (docs/concepts.md, "Column mapping").
     */
    private void recordColumnReport(ImportFile file) {
        if (!columnsRecorded && converter.columns() != null) {
            jobs.recordColumnReport(file.id(), converter.columns());
            columnsRecorded = true;
        }
    }

    /** Whether the loop stops after {@code commit}; null to go on. */
    private Stop stopAfter(Commit commit, ChunkReader chunks) {
        if (commit instanceof Commit.LeaseLost) {
            return Stop.LEASE_LOST;
        }
        if (commit instanceof Commit.BudgetSpent) {
            return Stop.BUDGET;
        }
        if (chunks.atEnd()) {
            // the file is wholly committed: a cancel arriving now is honoured before the next file
            return null;
        }
        if (commit instanceof Commit.Cancelled || jobs.cancelRequested(jobId)) {
            return Stop.CANCELLED;
        }
        return shuttingDown.getAsBoolean() ? Stop.RELEASED : null;
    }

    private ChunkReader reader(ImportFile file, FileReaders.Opened opened) {
        if (file.readDialect() == null) {
            jobs.recordDialect(file.id(), opened.decision().read());
            jobs.log(jobId, "INFO", file.name() + ": read as " + DialectChoice.describe(opened.decision().read()));
        }
        List<String> columns = opened.reader().columns();
        if (file.columns().isEmpty() && !columns.isEmpty()) {
            jobs.recordColumns(file.id(), columns);
        }
        converter = new RowConverter(collection, file.ordinal(), columns, opened.dialect().strict(),
                LocalForms.valueFormats(file.dialect()), LocalForms.mapping(file.dialect()));
        if (partial) {
            converter.partial();
        }
        columnsRecorded = false;
        recordColumnReport(file);
        RowFilter filter = file.linesListedUntil() == null ? RowFilter.ALL
                : new ListedLines(parts.retryLines(), jobId, file.ordinal(), file.linesListedUntil(),
                !file.originalLines());
        return new ChunkReader("sluice-read-" + jobId, opened.reader(), converter, chunkSink::prepare,
                file.recordsRead(), filter, opened.bytesRead(), settings.chunkRows(), settings.chunkBytes());
    }

    /**
     * Commits {@code first} and whatever more the reader hands over within the commit interval. When
     * the error allowance runs out before a chunk's last row, that transaction rolls back and the
     * chunks are written again up to the row that spent it: their prepared rows cut, not prepared again.
     */
    private Commit commitGroup(ImportFile file, String label, Chunk first, ChunkReader chunks, FileCursor start) {
        List<Chunk> taken = new ArrayList<>(List.of(first));
        Commit commit = transactions.run(file, start, h -> gather(h, file, label, start, taken, chunks));
        if (commit instanceof Commit.CutAt cut) {
            List<Chunk> kept = new ArrayList<>(taken.subList(0, cut.chunk()));
            kept.add(taken.get(cut.chunk()).prefix(cut.count()));
            commit = transactions.run(file, start, h -> {
                BatchWriter.Batch batch = writer.begin(file, label, start, transactions.counts(), transactions.bytes());
                for (Chunk chunk : kept) {
                    batch.write(h, chunk, false);
                }
                batch.progress(h);
                return batch.written(Commit.BudgetSpent::new);
            });
        }
        return commit;
    }

    /**
     * One group's transaction: writes the chunks taken so far (again, when a lost connection made it
     * start over), then takes more from the reader until the interval passes, the file ends, the
     * allowance is spent or a cancel comes.
     */
    private ChunkTransactions.Written gather(Handle h, ImportFile file, String label, FileCursor start,
                                             List<Chunk> taken, ChunkReader chunks) {
        BatchWriter.Batch batch = writer.begin(file, label, start, transactions.counts(), transactions.bytes());
        long deadline = System.nanoTime() + settings.commitInterval().toNanos();
        for (int i = 0; i < taken.size(); i++) {
            int keep = batch.write(h, taken.get(i), true);
            if (keep >= 0) {
                return cut(h, start, i, keep);
            }
        }
        long checked = System.nanoTime();
        while (!batch.allowanceSpent() && System.nanoTime() < deadline) {
            if (System.nanoTime() - checked >= CANCEL_CHECK_NANOS) {
                // a cancel commits what is in hand now, not at the end of the interval (docs/cli.md#ctrl-c)
                checked = System.nanoTime();
                if (jobs.cancelPending(jobId)) {
                    batch.progress(h);
                    return batch.written(Commit.Cancelled::new);
                }
            }
            long waitStart = System.nanoTime();
            ChunkReader.Item next = chunks.poll(Math.min(deadline - System.nanoTime(), CANCEL_CHECK_NANOS));
            waitNanos += System.nanoTime() - waitStart;
            if (next != null && !(next instanceof ChunkReader.Next)) {
                break;
            }
            if (next instanceof ChunkReader.Next n) {
                taken.add(n.chunk());
                int keep = batch.write(h, n.chunk(), true);
                if (keep >= 0) {
                    return cut(h, start, taken.size() - 1, keep);
                }
            }
        }
        batch.progress(h);
        return batch.written(batch.allowanceSpent() ? Commit.BudgetSpent::new : Commit.Committed::new);
    }

    /** Rolls the transaction back: it is to be written again up to entry {@code count} of chunk {@code chunk}. */
    private static ChunkTransactions.Written cut(Handle h, FileCursor start, int chunk, int count) {
        h.rollback();
        return ChunkTransactions.Written.nothing(new Commit.CutAt(start, chunk, count));
    }

    private void finished(ImportFile file, Tally counts, long nanos) {
        jobs.finishFile(file.id(), counts.failed() > 0 ? JobState.COMPLETED_WITH_ERRORS : JobState.COMPLETED, null);
        jobs.log(jobId, "INFO", file.name() + ": " + counts.processed() + " rows (" + counts.created()
                + " created, " + counts.updated() + " updated, " + counts.unchanged() + " unchanged, "
                + counts.skipped() + " skipped, " + counts.failed() + " failed) in "
                + seconds(nanos) + " s; writing took " + seconds(chunkSink.takeNanos()) + " s, waiting for the reader "
                + seconds(waitNanos) + " s");
    }

    /** While waiting for the reader: the job was cancelled or the process is stopping. */
    private boolean mustStop() {
        return shuttingDown.getAsBoolean() || jobs.cancelPending(jobId);
    }

    private static String seconds(long nanos) {
        return String.format(Locale.ROOT, "%.2f", nanos / 1e9);
    }

    /**
     * The reader thread stopped on something that is not the source's fault ({@code Error}s
     * included): the job ends with {@code internal_error}.
     */
    static final class ReaderFailed extends RuntimeException {
        ReaderFailed(String where, Throwable cause) {
            super("reading " + where + " failed: " + cause, cause);
        }

        @Override
        public String toString() {
            return getMessage();
        }
    }
}
