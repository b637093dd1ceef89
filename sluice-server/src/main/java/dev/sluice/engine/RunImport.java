package dev.sluice.engine;

import dev.sluice.collection.CollectionSchema;
import dev.sluice.job.ImportFile;
import dev.sluice.job.ImportOptions;
import dev.sluice.job.Job;
import dev.sluice.job.JobState;
import dev.sluice.sink.RecordSink;
import dev.sluice.sink.StagingSink;
import dev.sluice.store.CollectionStore;
import dev.sluice.store.JobStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.util.List;
import java.util.function.BooleanSupplier;

/**
 * Runs one claimed job to its end, or until it must stop: puts each file through the job's
 * {@link ChunkLoop}, which commits each chunk's records, results, counts and checkpoint in one
 * transaction, and ends the job by how its files ended. A resumed job starts at its files'
 * checkpoints, so every row counts exactly once.
 * A validate-only job runs the same way through the sink's validating twin, which writes no record.
 * One instance per run; not thread-safe.
 */
final class RunImport {
    private static final Logger LOG = LoggerFactory.getLogger(RunImport.class);

    private final ImportParts parts;
    private final JobStore jobs;
    private final CollectionStore collections;
    private final EngineSettings settings;
    private final BooleanSupplier shuttingDown;
    private final String jobId;

    private ChunkLoop loop;
    private Job job;
    private CollectionSchema collection;
    private int fileCount;
    /** The end of an atomic job (its apply); null for any other job. */
    private AtomicApply atomic;

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
        boolean validate = job.options().jobType() == ImportOptions.JobType.VALIDATE;
        if (job.options().atomic() && !validate) {
            atomic = new AtomicApply(parts, job, found.orElse(null));
        }
        if (found.isEmpty()) {
            end(JobState.FAILED, new Job.JobError("collection_not_found",
                    "collection '" + job.collection() + "' no longer exists"), false);
            return;
        }
        collection = found.get();
        RecordSink sink = validate ? parts.sink().validating()
                : atomic != null ? new StagingSink(parts.sink(), parts.db().dialect()) : parts.sink();
        ChunkSink chunkSink = new ChunkSink(sink, collection, jobId, job.options().onConflict());
        loop = new ChunkLoop(parts, shuttingDown, job, collection, chunkSink,
                validate ? "validating " : atomic != null ? "staging " : "writing ");
        if (atomic != null) {
            atomic.createStaging();
        }
        if (job.cancelRequested()) {
            cancelled(job.counts().processed());
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
            ChunkLoop.Stop stop = jobs.cancelRequested(jobId) ? ChunkLoop.Stop.CANCELLED : runFile(file);
            if (stop == ChunkLoop.Stop.LEASE_LOST) {
                LOG.warn("job {}: the lease was taken over by another node; this node stops running it", jobId);
                return;
            }
            if (stop == ChunkLoop.Stop.RELEASED) {
                jobs.release(jobId, settings.nodeId());
                return;
            }
            if (stop == ChunkLoop.Stop.CANCELLED) {
                cancelled(loop.counts().processed());
                return;
            }
            if (stop == ChunkLoop.Stop.BUDGET) {
                end(JobState.FAILED, new Job.JobError(job.options().budgetErrorCode(),
                        job.options().budgetErrorMessage(loop.counts().processed(), loop.counts().failed())), false);
                return;
            }
            if (job.state() == JobState.FAILED) {
                return;
            }
        }
        end(loop.counts().failed() > 0 ? JobState.COMPLETED_WITH_ERRORS : JobState.COMPLETED, null, false);
    }

    private ChunkLoop.Stop runFile(ImportFile file) {
        String label = file.name() + " (file " + (file.ordinal() + 1) + " of " + fileCount + ")";
        jobs.startFile(jobId, file.id(), (file.recordsRead() > 0 ? "resuming " : "reading ") + label);
        FileReaders.Opened opened;
        try {
            opened = parts.readers().open(file);
        } catch (IOException | RuntimeException e) {
            failFile(file, FileReaders.failure(file.name(), e));
            return null;
        }
        ChunkLoop.FileEnd end = loop.run(file, label, opened);
        if (end instanceof ChunkLoop.Unreadable unreadable) {
            failFile(file, unreadable.failure());
        }
        return end instanceof ChunkLoop.Stopped stopped ? stopped.stop() : null;
    }

    private void failFile(ImportFile file, FileReaders.Failure failure) {
        jobs.finishFile(file.id(), JobState.FAILED, failure.error());
        end(JobState.FAILED, failure.error(), failure.retryable());
    }

    /** Ends a cancelled job; its log says how many rows stay whether or not a chunk ran. */
    private void cancelled(long committed) {
        jobs.log(jobId, "INFO", "cancelled; " + committed + " rows committed before it stay");
        end(JobState.CANCELLED, null, false);
    }

    private void end(JobState state, Job.JobError error, boolean retryable) {
        boolean ended = atomic != null ? atomic.end(state, error, retryable)
                : jobs.finish(jobId, state, error, retryable, settings.retention());
        if (ended) {
            parts.metrics().ended(state);
        }
        job = jobs.require(jobId);
    }
}
