package dev.sluice.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sluice.collection.Collection;
import dev.sluice.format.ConvertedRow;
import dev.sluice.format.Dialect;
import dev.sluice.format.Readers;
import dev.sluice.format.RowConverter;
import dev.sluice.format.RowReader;
import dev.sluice.format.SourceFormat;
import dev.sluice.job.Counts;
import dev.sluice.job.ImportFile;
import dev.sluice.job.ImportJob;
import dev.sluice.job.ImportOptions;
import dev.sluice.job.JobState;
import dev.sluice.job.RowOutcome;
import dev.sluice.job.RowResult;
import dev.sluice.sink.PreparedRows;
import dev.sluice.sink.RecordSink;
import dev.sluice.source.Staging;
import dev.sluice.store.ChunkProgress;
import dev.sluice.store.CollectionStore;
import dev.sluice.store.Database;
import dev.sluice.store.JobStore;
import dev.sluice.store.ResultStore;
import org.jdbi.v3.core.Handle;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.BooleanSupplier;

/**
 * Runs one claimed job to its end, or until it must stop: reads each file in chunks, converts
 * and validates every row, and commits each chunk's records, results, counts and checkpoint in one
 * transaction. A resumed job starts at its files' checkpoints, so every row counts exactly once.
 * One instance per run; not thread-safe.
 */
final class RunImport {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Why a run stopped before its job ended. */
    enum Stop { NONE, CANCELLED, RELEASED, BUDGET }

    private final Database db;
    private final JobStore jobs;
    private final ResultStore results;
    private final CollectionStore collections;
    private final RecordSink sink;
    private final Staging staging;
    private final EngineSettings settings;
    private final BooleanSupplier shuttingDown;
    private final String jobId;

    private ImportJob job;
    private Collection collection;
    private Counts jobCounts;
    private long jobBytes;
    private Long jobBytesTotal;
    private Throughput throughput;
    private int fileCount;
    /** Time spent waiting for the reader inside transactions, and in the sink: where a slow file's time went. */
    private long waitNanos;
    private long sinkNanos;

    RunImport(Database db, JobStore jobs, ResultStore results, CollectionStore collections, RecordSink sink,
              Staging staging, EngineSettings settings, BooleanSupplier shuttingDown, String jobId) {
        this.db = db;
        this.jobs = jobs;
        this.results = results;
        this.collections = collections;
        this.sink = sink;
        this.staging = staging;
        this.settings = settings;
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
                ImportOptions o = job.options();
                String message = o.errorMode() == ImportOptions.ErrorMode.ABORT
                        ? "stopped at the first failed row (error_mode=abort); " + jobCounts.processed()
                        + " rows were processed and their effects committed"
                        : jobCounts.failed() + " rows failed, more than max_errors=" + o.maxErrors() + "; "
                        + jobCounts.processed() + " rows were processed and their effects committed";
                end(JobState.FAILED, new ImportJob.JobError(o.budgetErrorCode(), message), false);
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
        Dialect dialect;
        RowReader reader;
        CountingInputStream counted;
        try {
            dialect = dialect(file.dialectJson());
            InputStream raw = staging.open(file.stagedPath());
            counted = new CountingInputStream(raw);
            reader = Readers.open(counted, SourceFormat.fromWireName(file.format()), dialect);
        } catch (IOException | RuntimeException e) {
            failFile(file, file.name() + ": " + message(e));
            return Stop.NONE;
        }
        if (file.columns().isEmpty() && !reader.columns().isEmpty()) {
            jobs.recordColumns(file.id(), reader.columns());
        }
        RowConverter converter = new RowConverter(collection, file.ordinal(), reader.columns(), dialect.strict());
        FileCursor cursor = new FileCursor(file.counts(), file.bytesProcessed(), file.recordsRead());
        long fileStart = System.nanoTime();
        waitNanos = 0;
        sinkNanos = 0;
        try (ChunkReader chunks = new ChunkReader("sluice-read-" + jobId, reader, converter, this::prepare,
                file.recordsRead(),
                counted::count, settings.chunkRows(), settings.chunkBytes())) {
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
                failFile(file, file.name() + " line " + broken.line() + ": " + message(broken.error()));
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
                + seconds(fileNanos) + " s; writing took " + seconds(sinkNanos) + " s, waiting for the reader "
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
     */
    private Batch commitBatch(ImportFile file, String label, Chunk first, ChunkReader chunks, FileCursor start) {
        List<Chunk> taken = new ArrayList<>();
        taken.add(first);
        try {
            return db.write(h -> {
                long deadline = System.nanoTime() + settings.commitInterval().toNanos();
                Writer writer = new Writer(file, label, start);
                writer.write(h, first, 0, false);
                ChunkReader.Item after = null;
                while (!writer.budgetExceeded && System.nanoTime() < deadline) {
                    long waitStart = System.nanoTime();
                    ChunkReader.Item next = chunks.poll(deadline - System.nanoTime());
                    waitNanos += System.nanoTime() - waitStart;
                    if (next == null) {
                        break;
                    }
                    if (!(next instanceof ChunkReader.Next n)) {
                        after = next;
                        break;
                    }
                    taken.add(n.chunk());
                    writer.write(h, n.chunk(), taken.size() - 1, false);
                }
                writer.progress(h);
                return writer.done(after);
            });
        } catch (CutAt cut) {
            return db.write(h -> {
                Writer writer = new Writer(file, label, start);
                for (int i = 0; i < cut.chunk; i++) {
                    writer.write(h, taken.get(i), i, true);
                }
                writer.write(h, taken.get(cut.chunk).prefix(cut.count, writer.cursor.records(), this::prepare), cut.chunk,
                        true);
                writer.progress(h);
                return writer.done(null);
            });
        }
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
            List<RowResult> rowResults = RunImport.this.write(h.getConnection(), chunk);
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
                    filePercent, jobPercent, throughput.rowsPerSecond(), eta(bytesAfter), "writing " + label, samples));
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

    private PreparedRows prepare(List<ConvertedRow> rows) {
        return sink.prepare(collection, job.options().onConflict(), rows);
    }

    /** Writes the chunk's convertible rows and merges their outcomes with the conversion failures, in order. */
    private List<RowResult> write(java.sql.Connection connection, Chunk chunk) {
        List<RowOutcome> outcomes;
        long sinkStart = System.nanoTime();
        try {
            outcomes = sink.write(connection, collection, jobId, job.options().onConflict(), chunk.prepared());
            sinkNanos += System.nanoTime() - sinkStart;
        } catch (SQLException e) {
            throw new IllegalStateException("writing to " + collection.name() + " failed: " + e.getMessage(), e);
        }
        List<RowResult> merged = new ArrayList<>(chunk.entries().size());
        int next = 0;
        for (RowConverter.Conversion c : chunk.entries()) {
            if (c.row() == null) {
                merged.add(c.failure());
                continue;
            }
            ConvertedRow row = c.row();
            RowOutcome outcome = outcomes.get(next++);
            merged.add(new RowResult(row.file(), row.line(), row.key(), outcome,
                    outcome instanceof RowOutcome.Failed ? RowConverter.sourceText(row.source()) : null));
        }
        return merged;
    }

    private Instant eta(long bytesDone) {
        Double rate = throughput.bytesPerSecond();
        if (jobBytesTotal == null || rate == null || rate <= 0) {
            return null;
        }
        long left = Math.max(0, jobBytesTotal - bytesDone);
        return Instant.now().plusMillis((long) (left / rate * 1000));
    }

    private static String sample(ImportFile file, RowResult r) {
        RowOutcome.Failed f = (RowOutcome.Failed) r.outcome();
        return file.name() + " line " + r.line() + ": " + (f.field() == null ? "" : f.field() + ": ") + f.message();
    }

    private void failFile(ImportFile file, String message) {
        ImportJob.JobError error = new ImportJob.JobError("unreadable_source", message);
        jobs.finishFile(file.id(), JobState.FAILED, error);
        end(JobState.FAILED, error, false);
    }

    private void end(JobState state, ImportJob.JobError error, boolean retryable) {
        jobs.finish(jobId, state, error, retryable, settings.retention());
        job = jobs.require(jobId);
    }

    private static String seconds(long nanos) {
        return String.format(java.util.Locale.ROOT, "%.2f", nanos / 1e9);
    }

    private static String message(Throwable e) {
        return e.getMessage() == null ? e.toString() : e.getMessage();
    }

    /** The dialect stored with a file. */
    static Dialect dialect(String json) throws IOException {
        if (json == null || json.isBlank() || json.equals("{}")) {
            return Dialect.DEFAULT;
        }
        JsonNode n = JSON.readTree(json);
        List<String> columns = new ArrayList<>();
        n.path("columns").forEach(c -> columns.add(c.asText()));
        Set<String> nulls = new HashSet<>();
        n.path("null_values").forEach(c -> nulls.add(c.asText()));
        String delimiter = n.path("delimiter").asText(null);
        return new Dialect(delimiter == null || delimiter.isEmpty() ? null : delimiter.charAt(0),
                n.path("quote").asText("\"").charAt(0), n.path("header").asBoolean(true), columns, nulls,
                Charset.forName(n.path("encoding").asText("UTF-8")), n.path("strict").asBoolean(false));
    }
}
