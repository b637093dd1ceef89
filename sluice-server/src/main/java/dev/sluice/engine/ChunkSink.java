package dev.sluice.engine;

import dev.sluice.collection.CollectionSchema;
import dev.sluice.format.ConvertedRow;
import dev.sluice.format.RowConverter;
import dev.sluice.job.ConflictPolicy;
import dev.sluice.job.ImportOptions;
import dev.sluice.job.RowOutcome;
import dev.sluice.job.RowReport;
import dev.sluice.sink.JobWriter;
import dev.sluice.sink.PreparedRows;
import dev.sluice.sink.RecordSink;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * Puts one job's chunks through its sink: prepares their rows on the reading thread, writes them on
 * the writer inside the chunk's transaction, and gives every row of the chunk its result in source
 * order (conversion failures where they were). {@link #prepare} is pure and may run on any thread;
 * {@link #write} belongs to the writer.
 */
final class ChunkSink {
    private final JobWriter writer;
    private final CollectionSchema collection;
    private long nanos;

    ChunkSink(RecordSink sink, CollectionSchema collection, String jobId, ConflictPolicy onConflict) {
        this.writer = sink.forJob(collection, jobId, onConflict);
        this.collection = collection;
    }

    PreparedRows prepare(List<ConvertedRow> rows) {
        return writer.prepare(rows);
    }

    /**
     * Writes the chunk's convertible rows and merges their outcomes with the conversion failures.
     *
     * @throws IllegalStateException when the database itself fails (not when it refuses a row)
     */
    List<RowReport> write(Connection connection, Chunk chunk) {
        List<RowOutcome> outcomes;
        long start = System.nanoTime();
        try {
            outcomes = writer.write(connection, chunk.prepared());
            nanos += System.nanoTime() - start;
        } catch (SQLException e) {
            throw new IllegalStateException("writing to " + collection.name() + " failed: " + e.getMessage(), e);
        }
        List<RowReport> merged = new ArrayList<>(chunk.entries().size());
        int next = 0;
        for (RowConverter.Conversion c : chunk.entries()) {
            if (c.row() == null) {
                merged.add(c.failure());
                continue;
            }
            ConvertedRow row = c.row();
            RowOutcome outcome = outcomes.get(next++);
            merged.add(new RowReport(row.file(), row.line(), row.key(), outcome,
                    outcome instanceof RowOutcome.Failed ? RowConverter.sourceText(row.source()) : null, null,
                    row.source().origin()));
        }
        return merged;
    }

    /** Time spent in the sink since the last call: where a slow file's time went. */
    long takeNanos() {
        long taken = nanos;
        nanos = 0;
        return taken;
    }
}
