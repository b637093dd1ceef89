package dev.sluice.engine;

import dev.sluice.job.ImportFile;
import dev.sluice.job.ImportOptions;
import dev.sluice.job.Job;
import dev.sluice.job.RowOutcome;
import dev.sluice.job.RowReport;
import dev.sluice.job.Tally;
import dev.sluice.store.ChunkProgress;
import dev.sluice.store.JobStore;
import dev.sluice.store.ResultStore;
import org.jdbi.v3.core.Handle;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Writes one job's chunks inside their transaction: each chunk's records through its sink, its
 * row results, and at the end the transaction's counts, checkpoint and progress. One per run; not
 * thread-safe.
 */
final class BatchWriter {
    private final ChunkSink chunkSink;
    private final ResultStore results;
    private final JobStore jobs;
    private final String jobId;
    private final ImportOptions options;
    /** What the job is doing, for its progress: {@code writing } or, for a validate-only job, {@code validating }. */
    private final String operation;
    private final Long jobBytesTotal;
    private final Throughput throughput;

    BatchWriter(ImportParts parts, Job job, ChunkSink chunkSink, String operation) {
        this.chunkSink = chunkSink;
        this.results = parts.results();
        this.jobs = parts.jobs();
        this.jobId = job.id();
        this.options = job.options();
        this.operation = operation;
        this.jobBytesTotal = job.bytesTotal();
        this.throughput = new Throughput(System.nanoTime(), job.counts().processed(), job.bytesProcessed());
    }

    /** Starts the writing of one transaction, after the job's committed {@code jobCounts} and {@code jobBytes}. */
    Batch begin(ImportFile file, String label, FileCursor start, Tally jobCounts, long jobBytes) {
        return new Batch(file, label, start, jobCounts, jobBytes);
    }

    /** The chunks of one transaction and what they add up to; the run's totals move only on commit. */
    final class Batch {
        private final ImportFile file;
        private final String label;
        private final Tally jobCounts;
        private final long jobBytes;
        private final List<String> samples = new ArrayList<>();
        private FileCursor cursor;
        private Tally counts = Tally.ZERO;
        private long bytes;
        private long lastLine;
        private boolean allowanceSpent;

        private Batch(ImportFile file, String label, FileCursor start, Tally jobCounts, long jobBytes) {
            this.file = file;
            this.label = label;
            this.cursor = start;
            this.jobCounts = jobCounts;
            this.jobBytes = jobBytes;
        }

        /**
         * Writes one chunk and records its results. When {@code mayCut} and the error allowance runs
         * out before the chunk's last row, nothing is recorded and the answer is the number of its
         * entries to keep (the transaction must roll back); otherwise -1.
         */
        int write(Handle h, Chunk chunk, boolean mayCut) {
            List<RowReport> rowResults = chunkSink.write(h.getConnection(), chunk);
            int spentAt = spentAt(rowResults, options.errorAllowance() - jobCounts.failed() - counts.failed());
            if (spentAt >= 0 && mayCut && spentAt < rowResults.size() - 1) {
                return spentAt + 1;
            }
            record(h, rowResults);
            Tally chunkCounts = Tally.of(rowResults);
            long chunkBytes = Math.max(0, chunk.bytesRead() - cursor.bytes());
            counts = counts.plus(chunkCounts);
            bytes += chunkBytes;
            lastLine = chunk.lastLine();
            cursor = new FileCursor(cursor.counts().plus(chunkCounts), cursor.bytes() + chunkBytes, chunk.recordsRead());
            allowanceSpent |= spentAt >= 0;
            return -1;
        }

        /** True once a row has spent the error allowance: the transaction takes no more chunks. */
        boolean allowanceSpent() {
            return allowanceSpent;
        }

        /** Adds the transaction's counts, checkpoint and progress to the file and the job. */
        void progress(Handle h) {
            Tally after = jobCounts.plus(counts);
            long bytesAfter = jobBytes + bytes;
            throughput.add(System.nanoTime(), after.processed(), bytesAfter);
            Double filePercent = file.sizeBytes() == null || file.sizeBytes() == 0 ? null
                    : Math.min(99.9, Math.round(1000.0 * cursor.bytes() / file.sizeBytes()) / 10.0);
            Double jobPercent = jobBytesTotal == null || jobBytesTotal == 0 ? null
                    : Math.min(99.9, Math.round(1000.0 * bytesAfter / jobBytesTotal) / 10.0);
            jobs.addChunk(h, new ChunkProgress(jobId, file.id(), counts, bytes, cursor.records(), lastLine,
                    filePercent, jobPercent, throughput.rowsPerSecond(), throughput.eta(bytesAfter, jobBytesTotal),
                    operation + label, samples));
        }

        /** What the transaction wrote, with the result {@code commit} makes of the file's new position. */
        ChunkTransactions.Written written(Function<FileCursor, Commit> commit) {
            return new ChunkTransactions.Written(commit.apply(cursor), counts, bytes);
        }

        private void record(Handle h, List<RowReport> rowResults) {
            boolean all = options.results() == ImportOptions.Results.ALL;
            List<RowReport> kept = new ArrayList<>();
            for (RowReport r : rowResults) {
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
        }
    }

    /** Index of the result whose failure spends more than {@code allowanceLeft}, or -1. */
    private static int spentAt(List<RowReport> rowResults, long allowanceLeft) {
        long failures = 0;
        for (int i = 0; i < rowResults.size(); i++) {
            if (rowResults.get(i).failed() && ++failures > allowanceLeft) {
                return i;
            }
        }
        return -1;
    }

    private static String sample(ImportFile file, RowReport r) {
        RowOutcome.Failed f = (RowOutcome.Failed) r.outcome();
        return file.name() + " line " + r.line() + ": " + (f.field() == null ? "" : f.field() + ": ") + f.message();
    }
}
