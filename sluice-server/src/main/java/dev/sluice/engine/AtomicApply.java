package dev.sluice.engine;

import dev.sluice.collection.CollectionSchema;
import dev.sluice.format.ConvertedRow;
import dev.sluice.job.ImportOptions;
import dev.sluice.job.Job;
import dev.sluice.job.JobState;
import dev.sluice.job.RowOutcome;
import dev.sluice.job.RowReport;
import dev.sluice.job.Tally;
import dev.sluice.sink.JobWriter;
import dev.sluice.sink.StagedRows;
import org.jdbi.v3.core.Handle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * How an atomic job ({@code atomic=true}, docs/concepts.md, "Atomic imports") ends. Within its error
 * budget: in the one transaction that ends the job, its staged rows are read back in row order a
 * chunk at a time and written through the database's record sink (so each row's outcome is decided
 * as in any import), the predicted results and counts are replaced by what happened, and the staging
 * table is dropped. Otherwise the staging table is dropped as the job ends and the collection is never
 * touched. A crash rolls the apply back whole while the job is still running, so the next run of the
 * job applies again from the start: exactly once. One per run; not thread-safe.
 */
final class AtomicApply {
    /**
     * For the crash tests only ({@code AtomicCrashTest}): milliseconds to sleep after each applied
     * chunk, so that a kill lands inside the apply. Never set in a real run (0).
     */
    static final String PAUSE_PROPERTY = "sluice.test.applyPauseMillis";
    private static final Logger LOG = LoggerFactory.getLogger(AtomicApply.class);

    private final ImportParts parts;
    private final Job job;
    private final CollectionSchema collection;
    private final StagedRows staged;

    /** @param collection the job's collection; null when it no longer exists (then only the end is left) */
    AtomicApply(ImportParts parts, Job job, CollectionSchema collection) {
        this.parts = parts;
        this.job = job;
        this.collection = collection;
        this.staged = new StagedRows(parts.db().dialect(), collection, job.id(), job.options().onConflict());
    }

    /** Creates the job's staging table, unless an earlier run of the job did. */
    void createStaging() {
        parts.db().write(h -> {
            staged.create(h);
            return null;
        });
    }

    /**
     * Ends the job in {@code state}: applying its staged rows when the state says it ended within its
     * budget, else only dropping them. As {@code JobStore.finish}: true when this call ended the job.
     */
    boolean end(JobState state, Job.JobError error, boolean retryable) {
        if (state != JobState.COMPLETED && state != JobState.COMPLETED_WITH_ERRORS) {
            // the end drops the staging table (JobEnds), whatever ends the job
            return parts.jobs().finish(job.id(), state, error, retryable, parts.settings().retention());
        }
        long total = parts.db().read(staged::count);
        parts.jobs().reportOperation(job.id(), "applying " + String.format(Locale.ROOT, "%,d", total)
                + " staged rows to " + collection.name() + " in one transaction");
        long start = System.nanoTime();
        boolean ended = parts.jobs().finish(job.id(), state, error, retryable, parts.settings().retention(),
                this::apply);
        LOG.info("job {}: applied {} staged rows in {} ms", job.id(), total, (System.nanoTime() - start) / 1_000_000);
        return ended;
    }

    private void apply(Handle h) {
        long start = System.nanoTime();
        staged.forgetPredictions(h, job.id());
        JobWriter writer = parts.sink().forJob(collection, job.id(), job.options().onConflict());
        Map<Integer, long[]> delta = new TreeMap<>();
        RowOutcome.Position after = null;
        long applied = 0;
        try {
            List<StagedRows.Staged> batch;
            while (!(batch = staged.after(h.getConnection(), after, parts.settings().chunkRows())).isEmpty()) {
                List<ConvertedRow> rows = batch.stream().map(StagedRows.Staged::row).toList();
                List<RowOutcome> outcomes = writer.write(h.getConnection(), writer.prepare(rows));
                parts.results().insert(h, job.id(), reports(h, batch, outcomes, delta));
                applied += rows.size();
                after = rows.get(rows.size() - 1).position();
                pauseForTests();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("applying the staged rows of job " + job.id() + " to "
                    + collection.name() + " failed: " + e.getMessage(), e);
        }
        delta.forEach((file, d) -> parts.jobs().correctCounts(h, job.id(), file, new Tally(d[0], d[1], d[2], d[3], d[4])));
        staged.drop(h);
        parts.jobs().log(h, job.id(), "INFO", "applied " + applied + " staged rows to " + collection.name()
                + " in one transaction of " + (System.nanoTime() - start) / 1_000_000 + " ms");
    }

    /**
     * The results to store for one applied batch, as a chunk of any import keeps them; adds each row's
     * real outcome less its predicted one to {@code delta}. A row predicted to fail that fails keeps the
     * result stored while reading (with its source text).
     */
    private List<RowReport> reports(Handle h, List<StagedRows.Staged> batch, List<RowOutcome> outcomes,
                                    Map<Integer, long[]> delta) {
        boolean all = job.options().results() == ImportOptions.Results.ALL;
        List<RowReport> kept = new ArrayList<>();
        for (int i = 0; i < batch.size(); i++) {
            ConvertedRow row = batch.get(i).row();
            String predicted = batch.get(i).predicted();
            RowOutcome outcome = outcomes.get(i);
            if (predicted.equals(outcome.wireName()) && outcome instanceof RowOutcome.Failed) {
                continue;
            }
            if (predicted.equals("failed")) {
                StagedRows.forgetResult(h, job.id(), row.position());
            }
            long[] d = delta.computeIfAbsent(row.file(), f -> new long[5]);
            d[slot(outcome.wireName())]++;
            d[slot(predicted)]--;
            if (all || outcome instanceof RowOutcome.Failed || outcome instanceof RowOutcome.Skipped) {
                kept.add(new RowReport(row.file(), row.line(), row.key(), outcome, null));
            }
        }
        return kept;
    }

    /** Where an outcome counts in a {@link Tally}'s order: created, updated, unchanged, skipped, failed. */
    private static int slot(String outcome) {
        return List.of("created", "updated", "unchanged", "skipped", "failed").indexOf(outcome);
    }

    private static void pauseForTests() {
        long millis = Long.getLong(PAUSE_PROPERTY, 0L);
        if (millis > 0) {
            try {
                Thread.sleep(millis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
