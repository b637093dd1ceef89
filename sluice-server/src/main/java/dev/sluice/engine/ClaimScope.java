package dev.sluice.engine;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Which jobs an engine's workers may claim. {@code sluice serve} runs {@link #any()} queued job and
 * keeps the queue for every node (it reaps expired leases and purges expired jobs). A command run
 * in-process starts with {@link #none()} and is {@linkplain #permit permitted} only the job it
 * creates itself, so that a listing or a status read never runs, and never fails, a job another
 * node queued on a shared database (see docs/cli.md). Thread-safe.
 */
public final class ClaimScope {
    private final Set<String> permitted;

    private ClaimScope(Set<String> permitted) {
        this.permitted = permitted;
    }

    /** Every queued job: a serving node. */
    public static ClaimScope any() {
        return new ClaimScope(null);
    }

    /** No job until one is {@linkplain #permit permitted}: a command run in-process. */
    public static ClaimScope none() {
        return new ClaimScope(ConcurrentHashMap.newKeySet());
    }

    /** True for a scope of every queued job. */
    public boolean isAny() {
        return permitted == null;
    }

    /** Lets the workers claim this job (a scope of {@link #any()} job already does). */
    public void permit(String jobId) {
        if (permitted != null) {
            permitted.add(jobId);
        }
    }

    /** The permitted ids, or null for any job. */
    Set<String> permitted() {
        return permitted == null ? null : Set.copyOf(permitted);
    }
}
