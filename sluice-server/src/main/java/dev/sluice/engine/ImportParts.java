package dev.sluice.engine;

import dev.sluice.sink.RecordSink;
import dev.sluice.store.CollectionStore;
import dev.sluice.store.Database;
import dev.sluice.store.JobStore;
import dev.sluice.store.ResultStore;
import dev.sluice.store.RetryLines;

/**
 * What every run of a job works with: the stores, the sink, where files are read from, the
 * settings, and where it reports for monitoring. Immutable and thread-safe (each part is).
 */
record ImportParts(Database db, JobStore jobs, ResultStore results, CollectionStore collections, RecordSink sink,
                   FileReaders readers, RetryLines retryLines, EngineSettings settings, EngineMetrics metrics) {
}
