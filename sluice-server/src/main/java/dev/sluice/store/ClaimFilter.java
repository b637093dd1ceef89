package dev.sluice.store;

import dev.sluice.job.ImportFile;

import java.util.List;
import java.util.Set;

/**
 * Which queued jobs one claim may take. A node running every job claims with {@link #ANY}; an
 * in-process command claims only the ids of the jobs it created ({@code only}); a node also passes
 * over jobs it found it cannot run ({@code passOver}), and {@code check} looks at the files of each
 * job found, inside the claim's transaction, before the job is taken (on a shared database, a job
 * whose staged files this node cannot see is left for a node that can). Immutable when its sets
 * are; {@code check} must be thread-safe.
 *
 * @param only     the ids that may be claimed, or null for any queued job
 * @param passOver ids not to claim this time
 * @param check    decides on each job found before it is taken
 */
public record ClaimFilter(Set<String> only, Set<String> passOver, Check check) {
    /** Any queued job, unchecked. */
    public static final ClaimFilter ANY = new ClaimFilter(null, Set.of(), (jobId, files) -> null);

    public ClaimFilter {
        only = only == null ? null : Set.copyOf(only);
        passOver = Set.copyOf(passOver);
    }

    /** Decides, inside the claim's transaction, whether this node takes the queued job it found. */
    @FunctionalInterface
    public interface Check {
        /**
         * @param files the job's files, in order
         * @return null to take the job; else a refusal: the job stays queued and untouched
         */
        Refusal refuse(String jobId, List<ImportFile> files);
    }

    /**
     * Why a node leaves a queued job alone.
     *
     * @param logLine what to add to the job's log (a WARN line), or null when it has been said already
     */
    public record Refusal(String logLine) {
    }
}
