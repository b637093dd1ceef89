package dev.sluice.store;

import dev.sluice.job.JobState;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.SqlStatement;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * The one place that writes a job's state: every move is an {@code UPDATE} guarded by the states
 * the job may be in, a compare-and-set read off {@link JobState}'s table of allowed moves. A move
 * the table forbids cannot be declared (it throws when the store class loads), and a job found in
 * any other state is left as it was (0 rows change). States are bound parameters, never SQL text.
 * Immutable and thread-safe.
 */
final class JobTransitions {
    /** The states in which a job still uses its collection and may change: every state not terminal. */
    static final Set<JobState> UNFINISHED = unfinished();

    private JobTransitions() {
    }

    /**
     * One declared move, rendered as {@code UPDATE _sluice_jobs SET state = ?, <set> WHERE <where>
     * AND state IN (<from>)}.
     *
     * @param from  the states the move starts from; each may move to {@code to} in the table
     * @param to    the state the job ends in
     * @param set   further assignments, with {@code ?} parameters only (may be empty)
     * @param where the row condition, with {@code ?} parameters only; empty for every job in {@code from}
     */
    record Move(Set<JobState> from, JobState to, String set, String where) {
        Move {
            if (from.isEmpty()) {
                throw new IllegalArgumentException("a move to " + to.wireName() + " needs a state to start from");
            }
            for (JobState s : from) {
                s.moveTo(to);
            }
            from = Collections.unmodifiableSet(EnumSet.copyOf(from));
        }

        String sql() {
            return "UPDATE _sluice_jobs SET state = ?" + (set.isEmpty() ? "" : ", " + set)
                    + " WHERE " + (where.isEmpty() ? "" : where + " AND ") + stateIn(from);
        }

        /**
         * Makes the move inside the caller's transaction.
         *
         * @param args the parameters of {@code set}, then those of {@code where}, in order
         * @return the number of jobs moved
         */
        int apply(Handle h, Object... args) {
            return h.execute(sql(), arguments(args));
        }

        /** As {@link #apply}, answering {@code returning} of each job moved (PostgreSQL and SQLite both have RETURNING). */
        List<String> applyReturning(Handle h, String returning, Object... args) {
            var query = h.createQuery(sql() + " RETURNING " + returning);
            bindAll(query, arguments(args));
            return query.mapTo(String.class).list();
        }

        private Object[] arguments(Object[] args) {
            List<Object> all = new ArrayList<>(args.length + 1 + from.size());
            all.add(to.wireName());
            Collections.addAll(all, args);
            all.addAll(wireNames(from));
            return all.toArray();
        }
    }

    /** A move of one job, by id, from the given states; {@code set} as in {@link Move}. */
    static Move move(JobState to, String set, JobState... from) {
        return new Move(EnumSet.of(from[0], from), to, set, "id = ?");
    }

    /** A move to the terminal state {@code to} from every state the table allows it from. */
    static Move end(JobState to, String set) {
        return new Move(JobState.sourcesOf(to), to, set, "id = ?");
    }

    /** {@code state IN (?, ...)}, one parameter per state, bound with {@link #wireNames}. */
    static String stateIn(Set<JobState> states) {
        return "state IN (" + String.join(", ", Collections.nCopies(states.size(), "?")) + ")";
    }

    /** The wire names of the states, in the order {@link #stateIn} expects them. */
    static List<String> wireNames(Set<JobState> states) {
        List<String> names = new ArrayList<>();
        for (JobState s : EnumSet.copyOf(states)) {
            names.add(s.wireName());
        }
        return names;
    }

    static void bindAll(SqlStatement<?> statement, Object[] args) {
        bindAll(statement, 0, Arrays.asList(args));
    }

    /** Binds {@code args} to the parameters from position {@code first} on. */
    static void bindAll(SqlStatement<?> statement, int first, List<?> args) {
        for (int i = 0; i < args.size(); i++) {
            statement.bind(first + i, args.get(i));
        }
    }

    private static Set<JobState> unfinished() {
        EnumSet<JobState> states = EnumSet.noneOf(JobState.class);
        for (JobState s : JobState.values()) {
            if (!s.isTerminal()) {
                states.add(s);
            }
        }
        return Collections.unmodifiableSet(states);
    }
}
