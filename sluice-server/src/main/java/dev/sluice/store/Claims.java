package dev.sluice.store;

import dev.sluice.job.ImportFile;
import dev.sluice.job.JobState;
import org.jdbi.v3.core.Handle;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The claim of a queued job, in one transaction: find the oldest queued job the filter allows
 * (locked against other nodes on PostgreSQL), let the filter check its files, then take it under a
 * lease, or pass over it and look at the next one. A job passed over is left exactly as it was,
 * apart from the one log line the filter may ask for. Thread-safe.
 */
final class Claims {
    private static final JobTransitions.Move TAKE = JobTransitions.move(JobState.RUNNING, "lease_owner = ?,"
            + " lease_expires_at = ?, started_at = coalesce(started_at, ?), updated_at = ?,"
            + " current_operation = 'starting'", JobState.QUEUED);
    private static final String STARTED = "SELECT started_at FROM _sluice_jobs WHERE id = ? AND started_at IS NOT NULL";
    private static final String FILES = "SELECT * FROM _sluice_files WHERE job_id = ? ORDER BY ordinal";
    // one claim looks at this many jobs at most, so its transaction stays short; the next claim goes on
    private static final int MAX_LOOKS = 20;

    private final JobStore jobs;

    Claims(JobStore jobs) {
        this.jobs = jobs;
    }

    Optional<String> next(String owner, Duration lease, ClaimFilter filter) {
        if (filter.only() != null && filter.only().isEmpty()) {
            return Optional.empty();
        }
        Instant now = jobs.clock().instant();
        return jobs.db.write(h -> {
            Set<String> passOver = new LinkedHashSet<>(filter.passOver());
            for (int look = 0; look < MAX_LOOKS; look++) {
                Optional<String> found = oldest(h, filter.only(), passOver);
                if (found.isEmpty()) {
                    return found;
                }
                String id = found.get();
                List<ImportFile> files = h.createQuery(FILES).bind(0, id).map((rs, ctx) -> JobRows.file(rs)).list();
                ClaimFilter.Refusal refusal = filter.check().refuse(id, files);
                if (refusal == null) {
                    boolean first = h.createQuery(STARTED).bind(0, id).mapTo(String.class).findOne().isEmpty();
                    TAKE.apply(h, owner, Times.text(now.plus(lease)), Times.text(now), Times.text(now), id);
                    jobs.log(h, id, "INFO", "claimed by " + owner);
                    if (first) {
                        jobs.outbox.record(h, id, Outbox.STARTED);
                    }
                    return found;
                }
                if (refusal.logLine() != null) {
                    jobs.log(h, id, "WARN", refusal.logLine());
                }
                passOver.add(id);
            }
            return Optional.<String>empty();
        });
    }

    private Optional<String> oldest(Handle h, Set<String> only, Set<String> passOver) {
        List<String> args = new ArrayList<>(List.of(JobState.QUEUED.wireName()));
        StringBuilder condition = new StringBuilder();
        if (only != null) {
            condition.append(" AND id IN (").append(placeholders(only)).append(')');
            args.addAll(only);
        }
        if (!passOver.isEmpty()) {
            condition.append(" AND id NOT IN (").append(placeholders(passOver)).append(')');
            args.addAll(passOver);
        }
        var query = h.createQuery(jobs.db.dialect().nextQueuedSql(condition.toString()));
        for (int i = 0; i < args.size(); i++) {
            query.bind(i, args.get(i));
        }
        return query.mapTo(String.class).findOne();
    }

    private static String placeholders(Collection<String> values) {
        return String.join(", ", Collections.nCopies(values.size(), "?"));
    }
}
