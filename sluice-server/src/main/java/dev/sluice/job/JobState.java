package dev.sluice.job;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The life of an import job. Allowed moves live in one table; terminal states never change.
 * Immutable and thread-safe.
 */
public enum JobState {
    OPEN, QUEUED, RUNNING, COMPLETED, COMPLETED_WITH_ERRORS, FAILED, CANCELLED;

    private static final Map<JobState, Set<JobState>> ALLOWED = Map.of(
            OPEN, EnumSet.of(QUEUED, CANCELLED),
            QUEUED, EnumSet.of(RUNNING, CANCELLED, FAILED),
            RUNNING, EnumSet.of(QUEUED, COMPLETED, COMPLETED_WITH_ERRORS, FAILED, CANCELLED),
            COMPLETED, EnumSet.noneOf(JobState.class),
            COMPLETED_WITH_ERRORS, EnumSet.noneOf(JobState.class),
            FAILED, EnumSet.noneOf(JobState.class),
            CANCELLED, EnumSet.noneOf(JobState.class));

    public boolean isTerminal() {
        return ALLOWED.get(this).isEmpty();
    }

    public boolean canMoveTo(JobState next) {
        return ALLOWED.get(this).contains(next);
    }

    /** @throws IllegalStateException naming both states when the move is not allowed */
    public JobState moveTo(JobState next) {
        if (!canMoveTo(next)) {
            throw new IllegalStateException("a job cannot move from " + wireName() + " to " + next.wireName());
        }
        return next;
    }

    /** The states a job may be in when it moves to {@code next}, read off the table above. */
    public static Set<JobState> sourcesOf(JobState next) {
        EnumSet<JobState> from = EnumSet.noneOf(JobState.class);
        for (JobState s : values()) {
            if (s.canMoveTo(next)) {
                from.add(s);
            }
        }
        return from;
    }

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The state with this wire name, or null. */
    public static JobState fromWireName(String name) {
        for (JobState s : values()) {
            if (s.wireName().equals(name)) {
                return s;
            }
        }
        return null;
    }
}
