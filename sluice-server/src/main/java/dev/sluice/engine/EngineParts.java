package dev.sluice.engine;

import dev.sluice.sink.RecordSink;
import dev.sluice.source.Staging;
import dev.sluice.source.UrlPolicy;
import dev.sluice.source.UrlSources;
import dev.sluice.store.CollectionStore;
import dev.sluice.store.Database;
import dev.sluice.store.JobStore;
import dev.sluice.store.ResultStore;
import dev.sluice.store.RetryLines;

import java.util.Set;

/**
 * What an {@link Engine} is built from, each part by name: the stores, the sink, the staged
 * files, where URL sources are fetched from, and where runs report for monitoring. Immutable and
 * thread-safe (each part is).
 *
 * @param urls    fetches the files of jobs that name a URL
 * @param metrics where runs report commits and ends, for monitoring
 */
public record EngineParts(Database db, JobStore jobs, ResultStore results, CollectionStore collections,
                          RecordSink sink, Staging staging, UrlSources urls, EngineMetrics metrics) {

    /** Parts whose URL sources may only be public addresses, reporting to no metrics. */
    public static EngineParts of(Database db, JobStore jobs, ResultStore results, CollectionStore collections,
                                 RecordSink sink, Staging staging) {
        return new EngineParts(db, jobs, results, collections, sink, staging,
                new UrlSources(UrlPolicy.defaults(Set.of())), EngineMetrics.NONE);
    }

    /** These parts, fetching URL sources through {@code urls}. */
    public EngineParts withUrls(UrlSources urls) {
        return new EngineParts(db, jobs, results, collections, sink, staging, urls, metrics);
    }

    /** These parts, reporting to {@code metrics}. */
    public EngineParts withMetrics(EngineMetrics metrics) {
        return new EngineParts(db, jobs, results, collections, sink, staging, urls, metrics);
    }

    /** What each run of a job works with, under {@code settings}. */
    ImportParts forRuns(EngineSettings settings) {
        return new ImportParts(db, jobs, results, collections, sink,
                new FileReaders(staging, urls, settings.recordLimit()), new RetryLines(db), settings, metrics);
    }
}
