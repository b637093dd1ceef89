package dev.sluice.engine;

import dev.sluice.job.Job;
import dev.sluice.job.JobState;
import dev.sluice.source.Staging;
import dev.sluice.store.ClaimFilter;
import dev.sluice.store.Database;
import dev.sluice.store.JobStore;
import dev.sluice.store.Leases;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The import engine: worker threads that claim queued jobs and run them, a heartbeat that keeps
 * their leases, and a purge of expired jobs. Which jobs it claims is its {@link ClaimScope}; on a
 * database other nodes share it never claims a job whose staged files it cannot see
 * ({@link UnseenStaging}). {@link #stop} lets each running job finish its current chunk and gives it
 * back to the queue, to resume from that checkpoint. Thread-safe.
 */
public final class Engine implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Engine.class);
    private static final Duration IDLE_POLL = Duration.ofSeconds(1);
    /** A job whose process died under it on this many attempts is failed instead of resumed. */
    static final int ORPHANED_ATTEMPTS = 2;
    /** How long {@link #stop} waits for the workers, all together. */
    static final Duration STOP_WAIT = Duration.ofSeconds(15);

    private final Database db;
    private final JobStore jobs;
    private final Leases leases;
    private final Staging staging;
    private final ImportParts parts;
    private final EngineSettings settings;
    private final JobEvents events;
    private final UnseenStaging unseen;
    private volatile ClaimScope scope = ClaimScope.none();
    private final Set<String> running = ConcurrentHashMap.newKeySet();
    private final List<Thread> workers = new ArrayList<>();
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "sluice-housekeeping");
        t.setDaemon(true);
        return t;
    });
    private volatile boolean stopping;

    /**
     * An engine over {@code parts}, tuned by {@code settings}; {@code events} wakes its workers when a
     * job is queued. Nothing runs before {@link #start}.
     */
    public Engine(EngineParts parts, EngineSettings settings, JobEvents events) {
        this.db = parts.db();
        this.jobs = parts.jobs();
        this.staging = parts.staging();
        this.parts = parts.forRuns(settings);
        this.settings = settings;
        this.events = events;
        this.leases = new Leases(jobs);
        this.unseen = new UnseenStaging(staging, settings.nodeId(), jobs.clock());
    }

    /** Starts a node that runs any queued job, as {@link #start(ClaimScope)} with {@link ClaimScope#any()}. */
    public void start() {
        start(ClaimScope.any());
    }

    /**
     * Requeues orphans of a dead process (on SQLite only, where this process is the only writer; on
     * PostgreSQL other nodes may own running jobs, and the reaper requeues those whose lease expired),
     * then starts the workers and the housekeeping. A scope of less than {@linkplain ClaimScope#any()
     * any} job (a command run in-process) keeps its hands off other jobs on a shared database: it
     * neither reaps expired leases (it does not know the serving nodes' {@code --max-attempts}) nor
     * purges (the staged files of the jobs it would delete are on the serving nodes' storage).
     */
    public void start(ClaimScope claimScope) {
        this.scope = claimScope;
        if (db.singleWriter()) {
            for (String id : leases.failRepeatedOrphans(ORPHANED_ATTEMPTS, settings.retention())) {
                LOG.warn("job {} was running when the process stopped on {} attempts in a row; it failed instead of"
                        + " resuming again", id, ORPHANED_ATTEMPTS);
            }
            for (String id : leases.requeueOrphans()) {
                LOG.info("job {} was running when the last process stopped; it resumes from its checkpoint", id);
            }
        }
        for (int i = 0; i < settings.workers(); i++) {
            // the writer serializes json values as deep as the reader let through (see ChunkReader)
            Thread t = new Thread(null, this::work, "sluice-worker-" + (i + 1), 16L << 20);
            t.setDaemon(true); // a worker stuck past stop() must not keep the process alive
            t.start();
            workers.add(t);
        }
        long beat = Math.max(1, settings.leaseTimeout().toMillis() / 3);
        scheduler.scheduleWithFixedDelay(this::heartbeat, beat, beat, TimeUnit.MILLISECONDS);
        scheduler.scheduleWithFixedDelay(this::checkpoint, 1, 1, TimeUnit.SECONDS);
        if (db.singleWriter() || claimScope.isAny()) {
            scheduler.scheduleWithFixedDelay(this::purgeExpired, 1, 2, TimeUnit.SECONDS);
        }
        if (!db.singleWriter() && claimScope.isAny()) {
            scheduler.scheduleWithFixedDelay(this::reapExpiredLeases, beat, beat, TimeUnit.MILLISECONDS);
        }
    }

    /** Lets the workers claim this job too (an in-process command's own job), and wakes one. */
    public void permit(String jobId) {
        scope.permit(jobId);
        events.queued();
    }

    /**
     * What a claim may take now: the scope's jobs; on a shared database, not those whose staged
     * files this node could not see lately, and each job's files checked before it is taken. On
     * SQLite this process is the only one, so a missing staged file is gone for good: the job is
     * claimed and fails with the retryable {@code source_unavailable}.
     */
    private ClaimFilter claimFilter() {
        if (db.singleWriter()) {
            return new ClaimFilter(scope.permitted(), Set.of(), ClaimFilter.ANY.check());
        }
        return new ClaimFilter(scope.permitted(), unseen.passOver(), unseen);
    }

    private void work() {
        long seen = events.queuedSignals();
        while (!stopping) {
            Optional<String> claimed;
            try {
                claimed = jobs.claimNext(settings.nodeId(), settings.leaseTimeout(), claimFilter());
            } catch (RuntimeException e) {
                LOG.warn("claiming a job failed; trying again shortly", e);
                claimed = Optional.empty();
            }
            if (claimed.isPresent()) {
                runClaimed(claimed.get());
                continue;
            }
            try {
                seen = events.awaitQueued(seen, IDLE_POLL);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private void runClaimed(String id) {
        running.add(id);
        try {
            new RunImport(parts, () -> stopping, id).run();
        } catch (RuntimeException e) {
            if (e instanceof TransientFaults.Unavailable || TransientFaults.isTransient(e)) {
                releaseAfterLostConnection(id, e);
            } else {
                failInternally(id, e);
            }
        } catch (Error e) {
            failInternally(id, e);
        } finally {
            running.remove(id);
            try {
                Job after = jobs.find(id).orElse(null);
                if (after == null || after.state().isTerminal()) {
                    events.ended(id);
                }
            } catch (RuntimeException e) {
                LOG.warn("job {}: reading its state after the run failed", id, e);
            }
        }
    }

    /**
     * Ends the job with {@code internal_error}; retryable when the cause may pass (memory ran out,
     * perhaps for the other jobs running beside it).
     */
    private void failInternally(String id, Throwable e) {
        LOG.error("job {} failed with an internal error", id, e);
        boolean mayPass = false;
        for (Throwable t = e; t != null && !mayPass; t = t.getCause()) {
            mayPass = t instanceof OutOfMemoryError;
        }
        try {
            jobs.finish(id, JobState.FAILED, new Job.JobError("internal_error",
                    "the import stopped on an internal error: " + e), mayPass, settings.retention());
        } catch (RuntimeException second) {
            LOG.error("marking job {} failed did not work either", id, second);
        }
    }

    /**
     * The run stopped on a lost database connection (outside a chunk, or after a chunk's retries ran
     * out): the job goes back to the queue to resume from its checkpoint. Should the database stay
     * away, its lease expires and a reaper requeues it once it is back.
     */
    private void releaseAfterLostConnection(String id, RuntimeException e) {
        LOG.warn("job {} stopped on a lost database connection; giving it back to the queue: {}", id, e.getMessage());
        try {
            TransientFaults.retry("job " + id + ": releasing it", () -> stopping, () -> {
                jobs.release(id, settings.nodeId(), "after losing its database connection");
                return null;
            });
        } catch (RuntimeException second) {
            LOG.warn("job {}: releasing it failed too; its lease will expire and it will be requeued", id, second);
        }
        events.queued();
    }

    private void heartbeat() {
        for (String id : running) {
            try {
                leases.heartbeat(id, settings.nodeId(), settings.leaseTimeout());
            } catch (RuntimeException e) {
                LOG.warn("heartbeat for job {} failed", id, e);
            }
        }
    }

    /** Takes back jobs of nodes that stopped renewing their lease: requeued, or failed after the last attempt. */
    private void reapExpiredLeases() {
        try {
            List<String> reaped = leases.reapExpired(settings.maxAttempts(), settings.retention());
            if (!reaped.isEmpty()) {
                LOG.warn("took back job(s) {} whose lease expired", reaped);
                events.queued();
            }
        } catch (RuntimeException e) {
            LOG.warn("reaping expired leases failed; trying again shortly", e);
        }
    }

    private void purgeExpired() {
        try {
            List<String> staged = jobs.purgeExpired(100);
            staging.delete(staged);
        } catch (RuntimeException e) {
            LOG.warn("purging expired jobs failed; trying again shortly", e);
        }
    }

    private void checkpoint() {
        try {
            db.checkpoint();
        } catch (RuntimeException e) {
            LOG.warn("checkpointing the database failed; trying again shortly", e);
        }
    }

    /** Wakes an idle worker: a job was queued. */
    public void jobQueued() {
        events.queued();
    }

    public JobEvents events() {
        return events;
    }

    /**
     * Lets running jobs commit their current chunk and return to the queue, then stops the threads.
     * Waits {@link #STOP_WAIT} in all, not per worker: a worker still busy then is interrupted and
     * left behind, and its job resumes from its checkpoint on the next start.
     */
    public void stop() {
        stopping = true;
        events.queued();
        scheduler.shutdownNow();
        long deadline = System.nanoTime() + STOP_WAIT.toNanos();
        for (Thread t : workers) {
            try {
                t.join(Math.max(1, (deadline - System.nanoTime()) / 1_000_000));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        for (Thread t : workers) {
            if (t.isAlive()) {
                LOG.warn("{} did not stop within {} s; leaving it", t.getName(), STOP_WAIT.toSeconds());
                t.interrupt();
            }
        }
    }

    @Override
    public void close() {
        stop();
    }
}
