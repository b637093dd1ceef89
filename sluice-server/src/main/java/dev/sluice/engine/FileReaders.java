package dev.sluice.engine;

import dev.sluice.format.Dialect;
import dev.sluice.format.OriginalLines;
import dev.sluice.format.Readers;
import dev.sluice.format.RecordLimit;
import dev.sluice.format.RowReader;
import dev.sluice.job.ImportFile;
import dev.sluice.job.Job;
import dev.sluice.source.SourceException;
import dev.sluice.source.Staging;
import dev.sluice.source.UrlSources;

import java.io.IOException;
import java.io.InputStream;

/**
 * Opens the reader of a job's file, wherever its bytes are: staged on disk, or at a URL, which is
 * streamed straight into the reader (never staged: a resumed or retried file fetches it again and
 * passes over the records already done). Also tells what a failure to read means for the job.
 * Thread-safe; the readers it opens are not.
 */
final class FileReaders {
    private final Staging staging;
    private final UrlSources urls;
    private final RecordLimit limit;

    FileReaders(Staging staging, UrlSources urls, RecordLimit limit) {
        this.staging = staging;
        this.urls = urls;
        this.limit = limit;
    }

    /** An open file: its rows, the count of source bytes read so far (for progress), and its dialect. */
    record Opened(RowReader reader, CountingInputStream counted, Dialect dialect) {
    }

    /**
     * @throws IOException a {@link SourceException} when the URL cannot be fetched, an
     *                     {@code UnreadableSourceException} when the start of the data is unreadable
     */
    Opened open(ImportFile file) throws IOException {
        Dialect dialect = Dialect.of(file.dialect());
        InputStream raw = file.stagedPath() != null ? staging.open(file.stagedPath()) : urls.open(file.sourceUrl());
        CountingInputStream counted = new CountingInputStream(raw);
        RowReader reader = Readers.open(counted, file.format(), dialect, limit);
        return new Opened(file.originalLines() ? OriginalLines.wrap(reader) : reader, counted, dialect);
    }

    /** A job-level failure: the error, and whether running the job again may get past it. */
    record Failure(Job.JobError error, boolean retryable) {
    }

    /**
     * What a failure to read a file means: a URL source's own verdict ({@code source_unavailable},
     * retryable; {@code source_forbidden}; {@code unreadable_source}), else {@code unreadable_source}.
     *
     * @param where the file's name, and the line when reading got that far
     */
    static Failure failure(String where, Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof SourceException source) {
                return new Failure(new Job.JobError(source.code(), where + ": " + message(source)),
                        source.retryable());
            }
        }
        return new Failure(new Job.JobError("unreadable_source", where + ": " + message(error)), false);
    }

    static String message(Throwable e) {
        return e.getMessage() == null ? e.toString() : e.getMessage();
    }
}
