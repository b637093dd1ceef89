package dev.sluice.engine;

import dev.sluice.collection.CollectionSchema;
import dev.sluice.format.LocalForms;
import dev.sluice.error.SluiceException;
import dev.sluice.job.Creator;
import dev.sluice.job.OptionSet;
import dev.sluice.job.SourceFormat;
import dev.sluice.job.ImportOptions;
import dev.sluice.job.Job;
import dev.sluice.job.JobState;
import dev.sluice.job.Uuid7;
import dev.sluice.source.Staging;
import dev.sluice.source.UrlPolicy;
import dev.sluice.source.UrlSources;
import dev.sluice.store.CollectionStore;
import dev.sluice.store.JobIntake;
import dev.sluice.store.JobStore;
import dev.sluice.store.NewJob;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Submits import jobs and waits for them: the one entry point the HTTP routes and the command
 * line share. Uploads are staged to disk and URLs checked before a job is created; a job is created
 * at most once per idempotency key. Thread-safe.
 */
public final class Imports {
    private final CollectionStore collections;
    private final JobStore jobs;
    private final JobIntake intake;
    private final Staging staging;
    private final FileIntake files;
    private final Retries retries;
    private final Engine engine;
    private final InstantSource clock;
    private final UrlSources urls;
    private final boolean canSign;

    /** Imports whose URL sources may only be public addresses. */
    public Imports(CollectionStore collections, JobStore jobs, Staging staging, Engine engine, InstantSource clock) {
        this(collections, jobs, staging, new UrlSources(UrlPolicy.defaults(Set.of())), engine, clock);
    }

    public Imports(CollectionStore collections, JobStore jobs, Staging staging, UrlSources urls, Engine engine,
                   InstantSource clock) {
        this(collections, jobs, staging, urls, engine, clock, false);
    }

    /** @param canSign a server-wide {@code --webhook-secret} is set: jobs may carry a {@code notify_url} */
    public Imports(CollectionStore collections, JobStore jobs, Staging staging, UrlSources urls, Engine engine,
                   InstantSource clock, boolean canSign) {
        this.canSign = canSign;
        this.collections = collections;
        this.jobs = jobs;
        this.intake = new JobIntake(jobs);
        this.staging = staging;
        this.files = new FileIntake(staging, urls, clock);
        this.urls = urls;
        this.retries = new Retries(jobs, staging, clock);
        this.engine = engine;
        this.clock = clock;
    }

    /** The URL sources, under the server's URL policy (also for {@code POST /v1/infer}). */
    public UrlSources urls() {
        return urls;
    }

    /**
     * One file to import into a collection.
     *
     * @param dialect the dialect options
     */
    public record FileSubmission(String collection, ImportOptions options, String fileName, SourceFormat format,
                                 OptionSet dialect, InputStream body, String metadataJson) {
    }

    /**
     * What a new job is, besides its files.
     *
     * @param fileDefaults the format and dialect options files added to it later read with
     * @param open             true: the job waits for more files and a start
     */
    public record JobSpec(String collection, ImportOptions options, String metadataJson, String provenanceJson,
                          OptionSet fileDefaults, boolean open) {
    }

    /**
     * The idempotency of a request: its {@code Idempotency-Key} and a hash of what it asks for apart
     * from its files' bytes (which are added as they are staged); and who sent it, which the job it
     * creates records ({@code created_by}).
     */
    public record RequestKey(String key, String requestHash, Creator createdBy) {
        /** A request no key sent (the server runs open). */
        public RequestKey(String key, String requestHash) {
            this(key, requestHash, null);
        }
    }

    /**
     * Stages the file and queues a job for it.
     *
     * @throws SluiceException.NotFound {@code collection_not_found}
     * @throws SluiceException          {@code upload_failed} when the upload breaks off
     */
    public Job submitFile(FileSubmission s) {
        return submitFile(s, null).job();
    }

    /** As {@link #submitFile(FileSubmission)}, once per idempotency key ({@code key} may be null). */
    public JobIntake.Creation submitFile(FileSubmission s, RequestKey key) {
        return create(new JobSpec(s.collection(), s.options(), s.metadataJson(), "{}", OptionSet.EMPTY, false),
                List.of(new JobInput.Upload(s.fileName(), s.format(), s.dialect(), s.body())), key);
    }

    /**
     * Creates a job over {@code inputs}, in order: queued, or {@code open} for more files.
     *
     * @throws SluiceException.NotFound  {@code collection_not_found}
     * @throws SluiceException.Invalid   {@code invalid_request} when a job that is not open has no files;
     *                                   {@code source_forbidden}, {@code invalid_source} for a URL
     * @throws SluiceException.Conflict  {@code idempotency_key_mismatch}
     */
    public JobIntake.Creation create(JobSpec spec, List<JobInput> inputs, RequestKey key) {
        CollectionSchema collection = collections.require(spec.collection());
        if (inputs.isEmpty() && !spec.open()) {
            throw new SluiceException.Invalid("invalid_request", "the request has no data: send sources, records or"
                    + " file parts, or create an open job (open: true) and add files to it",
                    Map.of("field", "sources"));
        }
        checkForms(inputs, collection);
        checkNotifyUrl(spec.options().notifyUrl());
        String jobId = Uuid7.next(clock).toString();
        FileIntake.Taken taken = files.take(jobId, inputs);
        return insert(new NewJob(jobId, collection.name(), spec.open() ? JobState.OPEN : JobState.QUEUED,
                spec.options(), spec.metadataJson(), spec.provenanceJson(), null, key == null ? null : key.key(),
                hash(key, taken), taken.files(), spec.fileDefaults(), creator(key)), taken);
    }

    /**
     * A {@code notify_url} needs the server's secret to sign its callback, and must pass the address
     * guard of URL sources.
     */
    private void checkNotifyUrl(String url) {
        if (url == null) {
            return;
        }
        if (!canSign) {
            throw new SluiceException.Invalid("invalid_option", "notify_url needs a server-wide --webhook-secret"
                    + " (SLUICE_WEBHOOK_SECRET) to sign its callback, and this server has none",
                    Map.of("option", "notify_url"));
        }
        urls.check(url);
    }

    /** The format and dialect options an open job was created with, for files added to it later. */
    public OptionSet fileDefaults(String jobId) {
        return intake.fileDefaults(jobId);
    }

    /**
     * Adds a file (an upload or a URL) to an open job, after its other files.
     *
     * @throws SluiceException.Conflict {@code import_not_open}
     */
    public Job addFile(String jobId, JobInput input) {
        intake.requireOpen(jobId); // before a large upload is staged for nothing; the insert checks again
        checkForms(List.of(input), collections.require(jobs.require(jobId).collection()));
        FileIntake.Taken taken = files.take(jobId, List.of(input));
        try {
            return intake.addFile(jobId, taken.files().get(0));
        } catch (RuntimeException e) {
            staging.delete(taken.stagedPaths());
            throw e;
        }
    }

    /** Queues an open job. @throws SluiceException.Conflict {@code import_not_open} */
    public Job start(String jobId) {
        Job started = intake.start(jobId);
        engine.jobQueued();
        return started;
    }

    /**
     * Creates a child job of an ended one. With no {@code fixed} file it re-runs, from the parent's
     * data, the rows that failed (and after a retryable job-level failure, the rest of the job);
     * with one, it imports that file, whose {@code _line} column names each row's original line.
     *
     * @param options the child's options (the parent's, unless the request changed some)
     * @throws SluiceException.Conflict {@code import_running} while the parent has not ended;
     *                                  {@code nothing_to_retry}; {@code idempotency_key_mismatch}
     */
    public JobIntake.Creation retry(String parentId, ImportOptions options, JobInput.Upload fixed, RequestKey key) {
        Job parent = jobs.require(parentId);
        if (!parent.state().isTerminal()) {
            throw new SluiceException.Conflict("import_running", "import job " + parentId + " is "
                    + parent.state().wireName() + "; only a job that has ended can be retried",
                    Map.of("id", parentId, "state", parent.state().wireName()));
        }
        CollectionSchema collection = collections.require(parent.collection());
        if (fixed != null) {
            checkForms(List.of(fixed), collection);
        }
        checkNotifyUrl(options.notifyUrl());
        String childId = Uuid7.next(clock).toString();
        FileIntake.Taken taken = fixed == null ? retries.rerun(parent, childId) : originalLines(files.take(childId,
                List.of(fixed)));
        return insert(new NewJob(childId, parent.collection(), JobState.QUEUED, options, parent.metadataJson(),
                parent.provenanceJson(), parent.id(), key == null ? null : key.key(), hash(key, taken), taken.files(),
                OptionSet.EMPTY, creator(key)), taken);
    }

    /**
     * Checks each file's value formats and column mapping against the collection, before any byte is staged.
     *
     * @throws SluiceException.Invalid {@code invalid_option} naming the option at fault
     */
    private static void checkForms(List<JobInput> inputs, CollectionSchema collection) {
        for (JobInput input : inputs) {
            LocalForms.check(input instanceof JobInput.Upload u ? u.dialect() : ((JobInput.Url) input).dialect(),
                    collection);
        }
    }

    private static FileIntake.Taken originalLines(FileIntake.Taken taken) {
        List<NewJob.NewFile> marked = new ArrayList<>();
        for (NewJob.NewFile f : taken.files()) {
            marked.add(new NewJob.NewFile(f.id(), f.name(), f.format(), f.dialect(), f.sizeBytes(), f.sourceUrl(),
                    f.stagedPath(), null, true, f.sourceEtag()));
        }
        return new FileIntake.Taken(marked, taken.stagedPaths(), taken.contentHash());
    }

    private JobIntake.Creation insert(NewJob job, FileIntake.Taken taken) {
        JobIntake.Creation creation;
        try {
            creation = intake.create(job);
        } catch (RuntimeException e) {
            staging.delete(taken.stagedPaths());
            throw e;
        }
        if (creation.replayed()) {
            staging.delete(taken.stagedPaths());
        } else if (creation.job().state() == JobState.QUEUED) {
            engine.jobQueued();
        }
        return creation;
    }

    private static Creator creator(RequestKey key) {
        return key == null ? null : key.createdBy();
    }

    private static String hash(RequestKey key, FileIntake.Taken taken) {
        if (key == null || key.key() == null) {
            return null;
        }
        MessageDigest digest = FileIntake.sha256();
        digest.update(key.requestHash().getBytes(StandardCharsets.UTF_8));
        digest.update((byte) 0);
        digest.update(taken.contentHash().getBytes(StandardCharsets.UTF_8));
        return HexFormat.of().formatHex(digest.digest());
    }

    /** Waits until the job ends or {@code timeout} passes; answers the job as it then is. */
    public Optional<Job> await(String id, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        JobEvents events = engine.events();
        while (true) {
            Optional<Job> job = jobs.find(id);
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
