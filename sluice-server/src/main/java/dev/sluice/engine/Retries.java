package dev.sluice.engine;

import dev.sluice.error.SluiceException;
import dev.sluice.job.ImportFile;
import dev.sluice.job.Job;
import dev.sluice.job.JobState;
import dev.sluice.job.Uuid7;
import dev.sluice.source.Staging;
import dev.sluice.store.JobStore;
import dev.sluice.store.NewJob;

import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Plans the files of a retry child that re-reads its parent's data. After a retryable job-level
 * failure ({@code source_unavailable}, ...) the child resumes the whole remaining job: each file
 * the parent did not finish from the parent's checkpoint on, plus the rows that failed before it.
 * Otherwise the child re-runs exactly the rows that failed. Each child file gets its own name for
 * the staged bytes (a hard link), so purging either job leaves the other's data in place. Thread-safe.
 */
final class Retries {
    private final JobStore jobs;
    private final Staging staging;
    private final InstantSource clock;

    Retries(JobStore jobs, Staging staging, InstantSource clock) {
        this.jobs = jobs;
        this.staging = staging;
        this.clock = clock;
    }

    /**
     * @throws SluiceException.Conflict {@code nothing_to_retry} when no row failed and the job did not
     *                                  fail with a retryable error; {@code source_unavailable} when a
     *                                  staged file to re-read is not in the staging directory
     */
    FileIntake.Taken rerun(Job parent, String childId) {
        boolean resume = parent.state() == JobState.FAILED && parent.retryable();
        List<NewJob.NewFile> files = new ArrayList<>();
        List<String> linked = new ArrayList<>();
        try {
            for (ImportFile f : jobs.files(parent.id())) {
                boolean unfinished = !(f.state() == JobState.COMPLETED || f.state() == JobState.COMPLETED_WITH_ERRORS);
                long listedUntil = resume && unfinished ? f.recordsRead() : Long.MAX_VALUE;
                if (f.counts().failed() == 0 && listedUntil == Long.MAX_VALUE) {
                    continue;
                }
                String fileId = Uuid7.next(clock).toString();
                String staged = f.stagedPath() == null ? null : link(f, childId, fileId);
                if (staged != null) {
                    linked.add(staged);
                }
                files.add(new NewJob.NewFile(fileId, f.name(), f.format(), f.dialect(), f.sizeBytes(),
                        f.sourceUrl(), staged, new NewJob.RetryOf(f.ordinal(), listedUntil), f.originalLines(),
                        f.sourceEtag()));
            }
        } catch (RuntimeException e) {
            staging.delete(linked);
            throw e;
        }
        if (files.isEmpty()) {
            throw new SluiceException.Conflict("nothing_to_retry", "import job " + parent.id() + " ended "
                    + parent.state().wireName() + " with no failed rows" + (parent.error() == null ? ""
                    : " and a job-level error that is not retryable (" + parent.error().code() + ")")
                    + "; to import other data, send a fixed file as the body of the retry",
                    Map.of("id", parent.id(), "state", parent.state().wireName()));
        }
        return new FileIntake.Taken(files, linked, "");
    }

    private String link(ImportFile f, String childId, String fileId) {
        try {
            return staging.link(f.stagedPath(), childId, fileId);
        } catch (NoSuchFileException e) {
            if (jobs.find(f.jobId()).isEmpty()) {
                throw JobStore.notFound(f.jobId()); // purged meanwhile
            }
            throw new SluiceException.Conflict("source_unavailable", f.name() + ": "
                    + Staging.missing(e).getMessage(), Map.of("id", f.jobId()));
        } catch (IOException e) {
            throw new SluiceException.Internal("internal_error", "the staged data of " + f.name() + " could not be linked for"
                    + " the retry: " + e.getMessage(), Map.of("id", f.jobId()), e);
        }
    }
}
