package dev.sluice.store;

import dev.sluice.job.ColumnReport;
import dev.sluice.job.Job;
import dev.sluice.job.JobState;
import dev.sluice.job.ReadDialect;
import dev.sluice.job.Tally;
import org.jdbi.v3.core.Handle;

import java.util.ArrayList;

import java.util.List;

/**
 * What a running job writes about its files as it reads them: a file's start, its columns, each
 * committed chunk's counts and checkpoint (added to the file and the job), and the file's end.
 * Thread-safe.
 */
final class FileProgress {
    private static final String START_FILE = "UPDATE _sluice_files SET state = 'running',"
            + " started_at = coalesce(started_at, ?) WHERE id = ?";
    /** Once a cancel is asked for, the job says "cancelling" until it ends, whatever the worker reports. */
    private static final String OPERATION = "current_operation = CASE WHEN cancel_requested = 1"
            + " THEN current_operation ELSE ? END";
    private static final String CURRENT_OPERATION = "UPDATE _sluice_jobs SET " + OPERATION + ", updated_at = ?"
            + " WHERE id = ?";
    private static final String COLUMNS = "UPDATE _sluice_files SET columns = ? WHERE id = ?";
    private static final String COLUMN_REPORT = "UPDATE _sluice_files SET column_report = ? WHERE id = ?";
    /** The first decision stays: a run that resumes the file reads it as the first run did. */
    private static final String READ_DIALECT = "UPDATE _sluice_files SET read_dialect = ? WHERE id = ?"
            + " AND read_dialect IS NULL";
    /** A chunk's counts and bytes, added to a file's or a job's: six parameters. */
    private static final String ADD_COUNTS = "created = created + ?, updated = updated + ?,"
            + " unchanged = unchanged + ?, skipped = skipped + ?, failed = failed + ?,"
            + " bytes_processed = bytes_processed + ?";
    /** A percentage only ever grows: two parameters, the new one twice. */
    private static final String GROWN_PERCENT = "WHEN ? > coalesce(percent, 0) THEN ? ELSE coalesce(percent, 0) END";
    private static final String ADD_TO_FILE = "UPDATE _sluice_files SET " + ADD_COUNTS
            + ", records_read = ?, last_line = ?, percent = CASE " + GROWN_PERCENT + ", rows_per_second = ? WHERE id = ?";
    private static final String ERROR_SAMPLES = "SELECT error_samples FROM _sluice_jobs WHERE id = ?";
    private static final String ADD_TO_JOB = "UPDATE _sluice_jobs SET " + ADD_COUNTS
            + ", percent = CASE WHEN CAST(? AS DOUBLE PRECISION) IS NULL THEN percent " + GROWN_PERCENT + ","
            + " rows_per_second = ?, estimated_completion = ?,"
            + " " + OPERATION + ", error_samples = ?, updated_at = ? WHERE id = ?";
    private static final String FINISH_FILE = "UPDATE _sluice_files SET state = ?, completed_at = ?,"
            + " rows_per_second = NULL,"
            + " percent = CASE WHEN ? IN ('completed', 'completed_with_errors') THEN 100 ELSE percent END,"
            + " error_code = ?, error_message = ? WHERE id = ?";
    private static final int MAX_ERROR_SAMPLES = 10;

    private final JobStore jobs;

    FileProgress(JobStore jobs) {
        this.jobs = jobs;
    }

    /** As {@link JobStore#startFile}. */
    void start(String jobId, String fileId, String currentOperation) {
        String now = Times.text(jobs.clock().instant());
        jobs.db.write(h -> {
            h.execute(START_FILE, now, fileId);
            h.execute(CURRENT_OPERATION, jobs.db.dialect().ownText(currentOperation), now, jobId);
            jobs.db.announce(h);
            return null;
        });
    }

    /** As {@link JobStore#reportOperation}. */
    void operation(String jobId, String currentOperation) {
        String now = Times.text(jobs.clock().instant());
        jobs.db.write(h -> {
            h.execute(CURRENT_OPERATION, jobs.db.dialect().ownText(currentOperation), now, jobId);
            jobs.db.announce(h);
            return null;
        });
    }

    /** As {@link JobStore#correctCounts}. */
    void correct(Handle h, String jobId, int fileOrdinal, Tally d) {
        h.execute("UPDATE _sluice_files SET " + ADD_COUNTS + " WHERE job_id = ? AND ordinal = ?", d.created(),
                d.updated(), d.unchanged(), d.skipped(), d.failed(), 0, jobId, fileOrdinal);
        h.execute("UPDATE _sluice_jobs SET " + ADD_COUNTS + " WHERE id = ?", d.created(), d.updated(),
                d.unchanged(), d.skipped(), d.failed(), 0, jobId);
    }

    /** As {@link JobStore#recordColumns}. */
    void columns(String fileId, List<String> columns) {
        jobs.db.write(h -> h.execute(COLUMNS, JobRows.json(columns), fileId));
    }

    /** As {@link JobStore#recordColumnReport}. */
    void columnReport(String fileId, ColumnReport report) {
        jobs.db.write(h -> h.execute(COLUMN_REPORT, JobRows.json(report), fileId));
    }

    /** As {@link JobStore#recordDialect}. */
    void readDialect(String fileId, ReadDialect dialect) {
        jobs.db.write(h -> h.execute(READ_DIALECT, dialect.toJson(), fileId));
    }

    /** As {@link JobStore#addChunk}. */
    void addChunk(Handle h, ChunkProgress p) {
        Tally c = p.counts();
        h.execute(ADD_TO_FILE, c.created(), c.updated(), c.unchanged(), c.skipped(), c.failed(), p.bytesDelta(),
                p.recordsRead(), p.lastLine(), p.filePercent(), p.filePercent(), p.rowsPerSecond(), p.fileId());
        String samples = h.createQuery(ERROR_SAMPLES).bind(0, p.jobId()).mapTo(String.class).one();
        if (!p.errorSamples().isEmpty()) {
            List<String> all = new ArrayList<>(JobRows.strings(samples));
            for (String s : p.errorSamples()) {
                if (all.size() >= MAX_ERROR_SAMPLES) {
                    break;
                }
                all.add(s);
            }
            samples = JobRows.json(all);
        }
        h.execute(ADD_TO_JOB, c.created(), c.updated(), c.unchanged(), c.skipped(), c.failed(), p.bytesDelta(),
                p.jobPercent(), p.jobPercent(), p.jobPercent(), p.rowsPerSecond(), Times.text(p.estimatedCompletion()),
                jobs.db.dialect().ownText(p.currentOperation()), samples, Times.text(jobs.clock().instant()),
                p.jobId());
        jobs.db.announce(h);
    }

    /** As {@link JobStore#finishFile}. */
    void finish(String fileId, JobState state, Job.JobError error) {
        String now = Times.text(jobs.clock().instant());
        jobs.db.write(h -> {
            jobs.db.announce(h);
            return h.execute(FINISH_FILE, state.wireName(), now, state.wireName(), error == null ? null : error.code(),
                    error == null ? null : jobs.db.dialect().ownText(error.message()), fileId);
        });
    }
}
