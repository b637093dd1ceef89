package dev.sluice.engine;

import dev.sluice.format.Dialect;
import dev.sluice.format.OriginalLines;
import dev.sluice.format.ParquetFooter;
import dev.sluice.format.ParquetRowReader;
import dev.sluice.format.Readers;
import dev.sluice.format.RecordLimit;
import dev.sluice.format.RowReader;
import dev.sluice.format.UndecodableSourceException;
import dev.sluice.job.ImportFile;
import dev.sluice.job.Job;
import dev.sluice.job.SourceFormat;
import dev.sluice.source.SourceException;
import dev.sluice.source.Staging;
import dev.sluice.source.UrlSources;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.function.LongSupplier;

/**
 * Opens the reader of a job's file, wherever its bytes are: staged on disk, or at a URL, which is
 * streamed straight into the reader (never staged: a resumed or retried file fetches it again and
 * passes over the records already done), except a Parquet file, staged to a temporary file first. Also tells what a failure to read means for the job.
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

    /**
     * An open file: its rows, the count of source bytes read so far (for progress), and how it is read
     * (with the likeliest character set to name should its bytes not be text in the one used).
     */
    record Opened(RowReader reader, LongSupplier bytesRead, Dialect dialect, DialectChoice.Decision decision) {
    }

    /**
     * Opens the file with the dialect decided when its reading first started, or, the first time,
     * decides it from the options given and the file's first bytes.
     *
     * @throws IOException a {@link SourceException} when the URL cannot be fetched, an
     *                     {@code UnreadableSourceException} when the start of the data is unreadable
     */
    Opened open(ImportFile file) throws IOException {
        if (file.stagedPath() != null && staging.exists(file.stagedPath())
                && (file.format() == SourceFormat.PARQUET || ParquetFooter.hasMagic(staging.resolve(file.stagedPath())))) {
            return parquet(staging.resolve(file.stagedPath()), file, false);
        }
        InputStream raw = file.stagedPath() != null ? staging.open(file.stagedPath())
                : urls.open(file.sourceUrl(), file.sourceEtag());
        CountingInputStream counted = new CountingInputStream(raw);
        InputStream text = counted;
        try {
            if (file.stagedPath() == null) {
                BufferedInputStream peeked = new BufferedInputStream(counted);
                text = peeked;
                if (file.format() == SourceFormat.PARQUET || startsWithMagic(peeked)) {
                    return parquet(spool(peeked), file, true);
                }
            }
            text = Readers.decompressIfGzip(text);
            DialectChoice.Decision decision;
            if (file.readDialect() != null) {
                decision = DialectChoice.stored(file.readDialect(), file.dialect());
            } else {
                HeadPeek peek = HeadPeek.of(text, DialectChoice.HEAD_BYTES, DialectChoice.HEAD_LINES);
                text = peek;
                decision = DialectChoice.decide(peek.head(), peek.whole(), file.format(), file.dialect());
            }
            return new Opened(reader(text, file, decision), counted::count, decision.dialect(), decision);
        } catch (IOException | RuntimeException e) {
            text.close();
            throw e;
        }
    }

    /**
     * A Parquet file, read from disk because its footer is at its end: a URL source is first staged
     * whole into the spool directory, and that copy goes when the reader closes (docs/parquet.md).
     */
    private Opened parquet(Path path, ImportFile file, boolean temporary) throws IOException {
        ParquetRowReader parquet = ParquetRowReader.open(path, file.name(), temporary);
        RowReader reader = file.originalLines() ? OriginalLines.wrap(parquet) : parquet;
        DialectChoice.Decision decision = file.readDialect() != null
                ? DialectChoice.stored(file.readDialect(), file.dialect()) : DialectChoice.binary(file.dialect());
        return new Opened(reader, parquet::bytesRead, decision.dialect(), decision);
    }

    private static boolean startsWithMagic(BufferedInputStream in) throws IOException {
        byte[] head = new byte[4];
        in.mark(head.length);
        int n = in.readNBytes(head, 0, head.length);
        in.reset();
        return ParquetFooter.hasMagic(head, n);
    }

    private Path spool(InputStream in) throws IOException {
        Path copy = Files.createTempFile(staging.spoolDirectory(), "source-", ".parquet");
        try (in) {
            Files.copy(in, copy, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(copy);
            throw e;
        }
        return copy;
    }

    private RowReader reader(InputStream text, ImportFile file, DialectChoice.Decision decision) throws IOException {
        try {
            RowReader reader = Readers.openPlain(text, file.format(), decision.dialect(), limit);
            return file.originalLines() ? OriginalLines.wrap(reader) : reader;
        } catch (UndecodableSourceException e) {
            throw decision.likeliest() == null ? e : new Undecodable(e, decision.likeliest());
        }
    }

    /** Bytes that are not text in a character set that was sniffed, not given: {@code invalid_encoding}. */
    static final class Undecodable extends IOException {
        Undecodable(UndecodableSourceException cause, String likeliest) {
            super(cause.withLikeliest(likeliest), cause);
        }
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
        return failure(where, error, null);
    }

    /**
     * As {@link #failure(String, Throwable)}; bytes that are not text in a character set that was
     * sniffed (not given) are {@code invalid_encoding}, naming {@code likeliest}, the set to pass.
     *
     * @param likeliest null when the file's encoding was given
     */
    static Failure failure(String where, Throwable error, String likeliest) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof Undecodable) {
                return new Failure(new Job.JobError("invalid_encoding", where + ": " + t.getMessage()), false);
            }
            if (t instanceof UndecodableSourceException u && likeliest != null) {
                return new Failure(new Job.JobError("invalid_encoding", where + ": " + u.withLikeliest(likeliest)),
                        false);
            }
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
