package dev.sluice.engine;

import dev.sluice.collection.Collection;
import dev.sluice.format.RowConverter;
import dev.sluice.job.Counts;
import dev.sluice.job.ImportFile;
import dev.sluice.job.ImportJob;
import dev.sluice.job.ImportOptions;
import dev.sluice.job.JobState;
import dev.sluice.store.CollectionStore;
import dev.sluice.store.JobStore;

import java.io.IOException;
import java.util.List;
import java.util.function.BooleanSupplier;

/**
 * Runs one claimed job to its end, or until it must stop: reads each file in chunks, converts
 * and validates every row, and has {@link BatchCommitter} commit each chunk's records, results,
 * counts and checkpoint in one transaction. A resumed job starts at its files' checkpoints, so every row counts exactly once.
 * A validate-only job runs the same way through the sink's validating twin, which writes no record.
 * One instance per run; not thread-safe.
 */
final class RunImport {
    /** Why a run stopped before its job ended. */
    enum Stop { NONE, CANCELLED, RELEASED, BUDGET }

    private final ImportParts parts;
    private final JobStore jobs;
    private final CollectionStore collections;
    private final EngineSettings settings;
    private final BooleanSupplier shuttingDown;
    private final String jobId;

    private ChunkSink chunkSink;
    private BatchCommitter batches;
    private ImportJob job;
    private Collection collection;
    private int fileCount;

    RunImport(ImportParts parts, BooleanSupplier shuttingDown, String jobId) {
        this.parts = parts;
        this.jobs = parts.jobs();
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
        batches = new BatchCommitter(parts, shuttingDown, job, chunkSink, validate ? "validating " : "writing ");
        if (job.cancelRequested()) {
            end(JobState.CANCELLED, null, false);
            return;
        }
        List<ImportFile> files = jobs.files(jobId);
        fileCount = files.size();
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
                jobs.log(jobId, "INFO", "cancelled; " + batches.counts().processed() + " rows committed before it stay");
                end(JobState.CANCELLED, null, false);
                return;
            }
            if (stop == Stop.BUDGET) {
                end(JobState.FAILED, new ImportJob.JobError(job.options().budgetErrorCode(),
                        job.options().budgetErrorMessage(batches.counts().processed(), batches.counts().failed())), false);
                return;
            }
            if (job.state() == JobState.FAILED) {
                return;
            }
        }
        end(batches.counts().failed() > 0 ? JobState.COMPLETED_WITH_ERRORS : JobState.COMPLETED, null, false);
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
        BatchCommitter.FileCursor cursor = new BatchCommitter.FileCursor(file.counts(), file.bytesProcessed(), file.recordsRead());
        RowFilter filter = file.linesListedUntil() == null ? RowFilter.ALL
                : new ListedLines(parts.retryLines(), jobId, file.ordinal(), file.linesListedUntil(),
                !file.originalLines());
        long fileStart = System.nanoTime();
        batches.takeWaitNanos();
        chunkSink.takeNanos();
        try (ChunkReader chunks = new ChunkReader("sluice-read-" + jobId, opened.reader(), converter, chunkSink::prepare,
                file.recordsRead(), filter, opened.counted()::count, settings.chunkRows(), settings.chunkBytes())) {
            chunks.start();
            ChunkReader.Item item = chunks.take(this::mustStop);
            while (item instanceof ChunkReader.Next next) {
                BatchCommitter.Batch batch = batches.commit(file, label, next.chunk(), chunks, cursor);
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
                item = batch.after() != null ? batch.after() : chunks.take(this::mustStop);
            }
            if (item == null) {
                return jobs.cancelRequested(jobId) ? Stop.CANCELLED : Stop.RELEASED;
            }
            if (item instanceof ChunkReader.Broken broken) {
                if (!(broken.error() instanceof IOException)) {
                    throw new ReaderFailed(file.name() + " (near line " + broken.line() + ")", broken.error());
                }
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
                + seconds(batches.takeWaitNanos()) + " s");
        return Stop.NONE;
    }

    /** While waiting for the reader: the job was cancelled or the process is stopping. */
    private boolean mustStop() {
        return shuttingDown.getAsBoolean() || jobs.cancelRequested(jobId);
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

    private void failFile(ImportFile file, FileReaders.Failure failure) {
        jobs.finishFile(file.id(), JobState.FAILED, failure.error());
        end(JobState.FAILED, failure.error(), failure.retryable());
    }

    private void end(JobState state, ImportJob.JobError error, boolean retryable) {
        if (jobs.finish(jobId, state, error, retryable, settings.retention())) {
            parts.metrics().ended(state);
        }
        job = jobs.require(jobId);
    }

    private static String seconds(long nanos) {
        return String.format(java.util.Locale.ROOT, "%.2f", nanos / 1e9);
    }
}
