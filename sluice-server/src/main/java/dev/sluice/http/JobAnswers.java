package dev.sluice.http;

import dev.sluice.client.RowResult;
import dev.sluice.engine.Imports;
import dev.sluice.job.ImportFile;
import dev.sluice.job.Job;
import dev.sluice.store.JobIntake;
import dev.sluice.store.JobStore;
import dev.sluice.store.ResultStore;
import io.javalin.http.Context;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** The status documents the import routes answer with, and how a job-creating request is answered. Thread-safe. */
final class JobAnswers {
    /** How many per-row results a synchronous answer carries inline. */
    static final int INLINE_RESULTS = 1_000;

    private final Imports imports;
    private final JobStore jobs;
    private final ResultStore results;
    private final Documents documents;

    JobAnswers(Imports imports, JobStore jobs, ResultStore results, Documents documents) {
        this.imports = imports;
        this.jobs = jobs;
        this.results = results;
        this.documents = documents;
    }

    /** The status document; with its first {@value #INLINE_RESULTS} per-row results when {@code withResults}. */
    dev.sluice.client.ImportJob document(Job given, boolean withResults) {
        // the job's row is read again with its files: a job and files read apart could disagree
        return document(jobs.snapshot(given.id())
                .orElseGet(() -> new JobStore.Snapshot(given, jobs.files(given.id()))), withResults);
    }

    /** The status document of a job read together with its files. */
    dev.sluice.client.ImportJob document(JobStore.Snapshot snapshot, boolean withResults) {
        Job job = snapshot.job();
        List<ImportFile> files = snapshot.files();
        List<RowResult> inline = null;
        if (withResults) {
            inline = new ArrayList<>();
            List<RowResult> sink = inline;
            results.stream(job.id(), null, null, 0, INLINE_RESULTS, r -> sink.add(documents.result(r.result(), files)));
        }
        return documents.job(job, files, inline);
    }

    /**
     * Answers a request that created (or replayed) a job: {@code Location} always, and
     * {@code Idempotent-Replay: true} when an earlier request with the same key made the job. With
     * {@code wait}, once the job has ended within {@code timeout}: 200 with the final job and its
     * results; otherwise 202 with the job as it is.
     */
    void created(Context ctx, JobIntake.Creation creation, boolean wait, Duration timeout) throws InterruptedException {
        Job job = creation.job();
        ctx.header("Location", "/v1/imports/" + job.id());
        if (creation.replayed()) {
            ctx.header("Idempotent-Replay", "true");
        }
        if (wait) {
            job = imports.await(job.id(), timeout).orElse(job);
            if (job.state().isTerminal()) {
                Answers.json(ctx, 200, document(job, true));
                return;
            }
        }
        boolean asCreated = !wait && creation.created() != null;
        Answers.json(ctx, 202, asCreated ? document(creation.created(), false) : document(job, false));
    }
}
