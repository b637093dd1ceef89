package dev.sluice.engine;

import dev.sluice.SluiceException;
import dev.sluice.collection.Collection;
import dev.sluice.format.SourceFormat;
import dev.sluice.job.ImportJob;
import dev.sluice.job.ImportOptions;
import dev.sluice.job.JobState;
import dev.sluice.job.Uuid7;
import dev.sluice.source.Staging;
import dev.sluice.store.CollectionStore;
import dev.sluice.store.JobStore;
import dev.sluice.store.NewJob;

import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Submits import jobs and waits for them: the one entry point the HTTP routes and the command
 * line share. Uploads are staged to disk before the job is queued. Thread-safe.
 */
public final class Imports {
    private final CollectionStore collections;
    private final JobStore jobs;
    private final Staging staging;
    private final Engine engine;
    private final InstantSource clock;

    public Imports(CollectionStore collections, JobStore jobs, Staging staging, Engine engine, InstantSource clock) {
        this.collections = collections;
        this.jobs = jobs;
        this.staging = staging;
        this.engine = engine;
        this.clock = clock;
    }

    /**
     * One file to import into a collection.
     *
     * @param dialectJson the dialect options as JSON object text
     */
    public record FileSubmission(String collection, ImportOptions options, String fileName, SourceFormat format,
                                 String dialectJson, InputStream body, String metadataJson) {
    }

    /**
     * Stages the file and queues a job for it.
     *
     * @throws SluiceException.NotFound {@code collection_not_found}
     * @throws SluiceException          {@code upload_failed} when the upload breaks off
     */
    public ImportJob submitFile(FileSubmission s) {
        Collection collection = collections.require(s.collection());
        String jobId = Uuid7.next(clock).toString();
        String fileId = Uuid7.next(clock).toString();
        Staging.StagedFile staged;
        try {
            staged = staging.stage(jobId, fileId, s.body(), Long.MAX_VALUE);
        } catch (IOException e) {
            staging.delete(List.of(jobId + "/" + fileId));
            throw new SluiceException("upload_failed", "the upload of " + s.fileName() + " broke off: " + e.getMessage(),
                    Map.of("file", s.fileName()), e);
        }
        NewJob job = new NewJob(jobId, collection.name(), JobState.QUEUED, s.options(), s.metadataJson(), "{}", null,
                null, null, List.of(new NewJob.NewFile(fileId, s.fileName(), s.format().wireName(), s.dialectJson(),
                staged.size(), null, staged.path())));
        ImportJob created;
        try {
            created = jobs.create(job);
        } catch (RuntimeException e) {
            staging.delete(List.of(staged.path()));
            throw e;
        }
        engine.jobQueued();
        return created;
    }

    /** Waits until the job ends or {@code timeout} passes; answers the job as it then is. */
    public Optional<ImportJob> await(String id, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        JobEvents events = engine.events();
        while (true) {
            Optional<ImportJob> job = jobs.find(id);
            if (job.isEmpty() || job.get().state().isTerminal()) {
                return job;
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return job;
            }
            // the event is a hint from this process; the periodic re-read covers jobs ended elsewhere
            events.awaitChange(Duration.ofNanos(Math.min(left, Duration.ofMillis(250).toNanos())));
        }
    }
}
