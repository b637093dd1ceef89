package dev.sluice.store;

import dev.sluice.job.ImportOptions;
import dev.sluice.job.JobState;
import org.jdbi.v3.core.Handle;

/**
 * Writes a new job and its files inside the caller's transaction (a plain creation, or
 * {@link JobIntake}'s once-per-key creation and added files), and logs the creation. Thread-safe.
 */
final class JobInserts {
    private static final String INSERT_JOB = "INSERT INTO _sluice_jobs (id, collection, state, job_type, options, metadata,"
            + " provenance, parent_id, idempotency_key, request_hash, current_operation, created_at, updated_at,"
            + " file_defaults, created_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
    private static final String INSERT_FILE = "INSERT INTO _sluice_files (id, job_id, ordinal, name, format, dialect,"
            + " size_bytes, source_url, staged_path, state, lines_listed_until, original_lines, source_etag)"
            + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
    private static final String LIST_FAILED_LINES = "INSERT INTO _sluice_retry_lines (job_id, file_ordinal, line)"
            + " SELECT ?, ?, line FROM _sluice_results WHERE job_id = ? AND file_ordinal = ? AND outcome = 'failed'"
            + " ON CONFLICT DO NOTHING";

    private final JobStore jobs;

    JobInserts(JobStore jobs) {
        this.jobs = jobs;
    }

    /** Inserts a job and its files inside the caller's transaction, and logs its creation. */
    void job(Handle h, NewJob job) {
        String now = Times.text(jobs.clock().instant());
        h.execute(INSERT_JOB, job.id(), job.collection(), job.state().wireName(),
                ImportOptions.wireName(job.options().jobType()), JobRows.optionsJson(job.options()),
                job.metadataJson(), job.provenanceJson(), job.parentId(), job.idempotencyKey(), job.requestHash(),
                job.state() == JobState.OPEN ? "waiting for files" : "waiting for a worker", now, now,
                job.fileDefaults().toJson(), JobRows.creatorJson(job.createdBy()));
        int ordinal = 0;
        for (NewJob.NewFile f : job.files()) {
            file(h, job.id(), job.parentId(), ordinal++, f);
        }
        jobs.log(h, job.id(), "INFO", "created in state " + job.state().wireName() + " with " + job.files().size()
                + " file(s) for collection " + job.collection());
    }

    /** Inserts a file; a retry child's file also gets the list of the lines that failed in its parent's file. */
    void file(Handle h, String jobId, String parentId, int ordinal, NewJob.NewFile f) {
        Long listedUntil = f.retryOf() == null ? null : f.retryOf().linesListedUntil();
        // a name taken from a URL is percent-decoded and may hold a NUL
        h.execute(INSERT_FILE, f.id(), jobId, ordinal, jobs.db.dialect().ownText(f.name()), f.format().wireName(),
                f.dialect().toJson(), f.sizeBytes(), f.sourceUrl(), f.stagedPath(), JobState.QUEUED.wireName(), listedUntil, f.originalLines() ? 1 : 0,
                f.sourceEtag());
        if (f.retryOf() != null) {
            h.execute(LIST_FAILED_LINES, jobId, ordinal, parentId, f.retryOf().parentOrdinal());
        }
    }
}
