package dev.sluice.store;

import dev.sluice.job.Job;
import dev.sluice.job.JobState;

import java.util.ArrayList;
import java.util.List;
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
        return store.db.read(h -> {
            var q = h.createQuery(sql.toString());
            for (int i = 0; i < args.size(); i++) {
                q.bind(i, args.get(i));
            }
            return q.map((rs, ctx) -> JobRows.job(rs)).list();
        });
    }
}
