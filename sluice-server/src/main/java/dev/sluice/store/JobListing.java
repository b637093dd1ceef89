package dev.sluice.store;

import dev.sluice.job.ImportFile;
import dev.sluice.job.Job;
import dev.sluice.job.JobState;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.transaction.TransactionIsolationLevel;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The pages of the job list, newest first, filtered as {@link JobStore#list} is asked. Thread-safe. */
final class JobListing {
    private final JobStore store;

    JobListing(JobStore store) {
        this.store = store;
    }

    /** The jobs of one page; {@code within} null for any collection, empty for none. */
    List<Job> list(JobState state, String collection, Set<String> within, int limit, String beforeId) {
        if (within != null && within.isEmpty()) {
            return List.of();
        }
        return store.db.read(h -> jobs(h, state, collection, within, limit, beforeId));
    }

    /**
     * As {@link #list}, each job with its files, all read in one transaction so that a job and its files
     * agree: two queries for the whole page, however many jobs it holds (the dashboard's Jobs page and
     * {@code GET /v1/imports} read every job's files).
     */
    List<JobStore.Snapshot> page(JobState state, String collection, Set<String> within, int limit, String beforeId) {
        if (within != null && within.isEmpty()) {
            return List.of();
        }
        return store.db.read(h -> h.inTransaction(TransactionIsolationLevel.REPEATABLE_READ, t -> {
            List<Job> jobs = jobs(t, state, collection, within, limit, beforeId);
            Map<String, List<ImportFile>> files = new HashMap<>();
            if (!jobs.isEmpty()) {
                var q = t.createQuery("SELECT * FROM _sluice_files WHERE job_id IN ("
                        + "?, ".repeat(jobs.size() - 1) + "?) ORDER BY job_id, ordinal");
                for (int i = 0; i < jobs.size(); i++) {
                    q.bind(i, jobs.get(i).id());
                }
                q.map((rs, ctx) -> JobRows.file(rs))
                        .forEach(f -> files.computeIfAbsent(f.jobId(), k -> new ArrayList<>()).add(f));
            }
            List<JobStore.Snapshot> page = new ArrayList<>(jobs.size());
            for (Job job : jobs) {
                page.add(new JobStore.Snapshot(job, files.getOrDefault(job.id(), List.of())));
            }
            return page;
        }));
    }

    private static List<Job> jobs(Handle h, JobState state, String collection, Set<String> within, int limit,
                                  String beforeId) {
        StringBuilder sql = new StringBuilder("SELECT " + JobStore.JOB_COLUMNS + " FROM _sluice_jobs j WHERE 1 = 1");
        List<Object> args = new ArrayList<>();
        if (within != null) {
            sql.append(" AND j.collection IN (").append("?, ".repeat(within.size() - 1)).append("?)");
            args.addAll(within);
        }
        if (state != null) {
            sql.append(" AND j.state = ?");
            args.add(state.wireName());
        }
        if (collection != null) {
            sql.append(" AND j.collection = ?");
            args.add(collection);
        }
        if (beforeId != null) {
            sql.append(" AND j.id < ?");
            args.add(beforeId);
        }
        sql.append(" ORDER BY j.id DESC LIMIT ?");
        args.add(limit);
        var q = h.createQuery(sql.toString());
        for (int i = 0; i < args.size(); i++) {
            q.bind(i, args.get(i));
        }
        return q.map((rs, ctx) -> JobRows.job(rs)).list();
    }
}
