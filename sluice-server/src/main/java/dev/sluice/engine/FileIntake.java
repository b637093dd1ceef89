package dev.sluice.engine;

import dev.sluice.error.SluiceException;
import dev.sluice.format.XlsxRowReader;
import dev.sluice.job.Options;
import dev.sluice.format.ParquetFooter;
import dev.sluice.job.SourceFormat;
import dev.sluice.job.Uuid7;
import dev.sluice.source.S3Objects;
import dev.sluice.source.SourceException;
import dev.sluice.source.SourceForbiddenException;
import dev.sluice.source.SourceRejectedException;
import dev.sluice.source.SourceUnavailableException;
import dev.sluice.source.Staging;
import dev.sluice.source.UrlInfo;
import dev.sluice.source.UrlSources;
import dev.sluice.store.NewJob;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * Turns the files of a request into the files of a job: uploads are streamed to staging, URLs are
 * checked against the URL policy and probed for their size, name and type. When anything fails,
 * what was staged is removed again. Thread-safe.
 */
final class FileIntake {
    private final Staging staging;
    private final UrlSources urls;
    private final InstantSource clock;

    FileIntake(Staging staging, UrlSources urls, InstantSource clock) {
        this.staging = staging;
        this.urls = urls;
        this.clock = clock;
    }

    /**
     * The files of a job, ready to insert.
     *
     * @param stagedPaths what was staged for them, to remove when the job is not created after all
     * @param contentHash SHA-256 over the staged bytes and the URLs, for idempotency
     */
    record Taken(List<NewJob.NewFile> files, List<String> stagedPaths, String contentHash) {
    }

    /**
     * @throws SluiceException {@code upload_failed} when an upload breaks off; {@code source_forbidden},
     *                         {@code invalid_source} or {@code invalid_option} ({@code format}) for a URL
     */
    Taken take(String jobId, List<JobInput> inputs) {
        List<NewJob.NewFile> files = new ArrayList<>();
        List<String> staged = new ArrayList<>();
        MessageDigest content = sha256();
        try {
            for (JobInput input : inputs) {
                if (input instanceof JobInput.Upload upload) {
                    NewJob.NewFile file = stage(jobId, upload, content);
                    staged.add(file.stagedPath());
                    content.update((byte) 0);
                    files.add(file);
                    checkSheet(file);
                    continue;
                }
                for (NewJob.NewFile file : urls((JobInput.Url) input)) {
                    content.update(file.sourceUrl().getBytes(StandardCharsets.UTF_8));
                    content.update((byte) 0);
                    files.add(file);
                }
            }
        } catch (RuntimeException e) {
            staging.delete(staged);
            throw e;
        }
        return new Taken(files, staged, HexFormat.of().formatHex(content.digest()));
    }

    private NewJob.NewFile stage(String jobId, JobInput.Upload upload, MessageDigest content) {
        String fileId = Uuid7.next(clock).toString();
        Staging.StagedFile file;
        try {
            file = staging.stage(jobId, fileId, upload.body(), Long.MAX_VALUE);
        } catch (IOException e) {
            staging.delete(List.of(jobId + "/" + fileId));
            throw new SluiceException.Invalid("upload_failed", "the upload of " + upload.name() + " broke off: " + e.getMessage(),
                    Map.of("file", upload.name()), e);
        }
        content.update(file.sha256().getBytes(StandardCharsets.US_ASCII));
        return new NewJob.NewFile(fileId, upload.name(), byMagic(file, upload.format()), upload.dialect(), file.size(),
                null, file.path());
    }

    /** A sheet named for an uploaded workbook must be one of its sheets: {@code 400 invalid_option} before the job exists. */
    private void checkSheet(NewJob.NewFile file) {
        if (file.format() == SourceFormat.XLSX && file.dialect().has(Options.SHEET)) {
            XlsxRowReader.checkSheet(staging.resolve(file.stagedPath()), file.dialect().get(Options.SHEET));
        }
    }

    /** Parquet when the staged bytes start with its magic, whatever the name or Content-Type said (docs/parquet.md). */
    private SourceFormat byMagic(Staging.StagedFile file, SourceFormat told) {
        try {
            return told != SourceFormat.PARQUET && ParquetFooter.hasMagic(staging.resolve(file.path()))
                    ? SourceFormat.PARQUET : told;
        } catch (IOException e) {
            return told;
        }
    }

    /**
     * The file of a URL, or, for {@code s3://bucket/prefix/}, one file for each object under the
     * prefix in key order, named by its key below the prefix, its size as listed.
     *
     * @throws SluiceException {@code source_forbidden}, {@code invalid_source} (no such bucket, no objects),
     *                         {@code 503 source_unavailable} (the store cannot list the prefix now)
     */
    private List<NewJob.NewFile> urls(JobInput.Url input) {
        if (!UrlSources.isPrefix(input.url())) {
            return List.of(url(input, null));
        }
        urls.check(input.url());
        List<S3Objects> objects;
        try {
            objects = urls.expand(input.url());
        } catch (SourceForbiddenException e) {
            throw refused("source_forbidden", input.url(), e);
        } catch (SourceUnavailableException e) {
            throw new SluiceException.Unavailable("source_unavailable", FileReaders.message(e),
                    Map.of("url", input.url()), e);
        } catch (SourceException e) {
            throw refused("invalid_source", input.url(), e);
        }
        if (objects.isEmpty()) {
            throw new SluiceException.Invalid("invalid_source", "there are no objects under " + input.url(),
                    Map.of("url", input.url()));
        }
        List<NewJob.NewFile> files = new ArrayList<>();
        for (S3Objects object : objects) {
            JobInput.Url one = new JobInput.Url(object.url(), object.name(), input.format(), input.fallback(),
                    input.dialect());
            files.add(url(one, new UrlInfo(object.sizeBytes(), object.name(), null, object.etag())));
        }
        return files;
    }

    /**
     * Checks the URL and asks its server what it is, unless {@code known} already tells. A server that
     * cannot be reached now does not refuse the job: its file fails with {@code source_unavailable}
     * (retryable) when its turn comes.
     */
    private NewJob.NewFile url(JobInput.Url input, UrlInfo known) {
        urls.check(input.url());
        UrlInfo info = known;
        if (known == null) {
            info = probe(input.url());
        }
        if (info != null && info.sizeBytes() != null && info.sizeBytes() > urls.policy().maxBytes()) {
            throw new SluiceException.Invalid("invalid_source", input.url() + " declares " + info.sizeBytes()
                    + " bytes, more than the limit of " + urls.policy().maxBytes(),
                    Map.of("url", input.url(), "limit_bytes", urls.policy().maxBytes()));
        }
        String name = input.name() != null ? input.name() : info != null ? info.name() : lastSegment(input.url());
        SourceFormat format = input.format() != null ? input.format() : SourceFormat.fromFileName(name);
        if (format == null && info != null) {
            format = SourceFormat.fromMediaType(info.contentType());
        }
        if (format == null) {
            format = input.fallback();
        }
        if (format == null) {
            throw new SluiceException.Invalid("invalid_option", "cannot tell the format of " + input.url()
                    + " from its name '" + name + "' or its Content-Type " + (info == null ? "(the server did not answer)"
                    : "'" + info.contentType() + "'") + "; name it with format (csv, tsv, jsonl, json or parquet)",
                    Map.of("option", "format", "url", input.url()));
        }
        return new NewJob.NewFile(Uuid7.next(clock).toString(), name, format, input.dialect(),
                info == null ? null : info.sizeBytes(), input.url(), null, null, false, info == null ? null : info.etag());
    }

    /** What the URL's server says about it, or null when it cannot answer now. */
    private UrlInfo probe(String url) {
        try {
            return urls.probe(url);
        } catch (SourceForbiddenException e) {
            throw refused("source_forbidden", url, e);
        } catch (SourceRejectedException e) {
            throw refused("invalid_source", url, e);
        } catch (SourceException e) {
            // unavailable for now: the worker tries again and reports it on the job
            return null;
        } catch (IOException e) {
            throw refused("invalid_source", url, e);
        }
    }

    private static SluiceException refused(String code, String url, IOException e) {
        return new SluiceException.Invalid(code, FileReaders.message(e), Map.of("url", url));
    }

    private static String lastSegment(String url) {
        String path = URI.create(url).getPath();
        if (path == null || path.isEmpty() || path.endsWith("/")) {
            return URI.create(url).getHost();
        }
        return path.substring(path.lastIndexOf('/') + 1);
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
