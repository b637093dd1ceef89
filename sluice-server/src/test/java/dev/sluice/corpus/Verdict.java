package dev.sluice.corpus;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * How one case went: a clean refusal, an import read back exactly, or the failures seen, each with
 * a note saying what was wrong. Built by {@link CaseJudge}; not thread-safe while it is built.
 */
final class Verdict {
    /** The failure columns of the corpus table. */
    enum Failure {
        SERVER_ERROR("5xx"), SLOW("no answer in 30 s"), DOWN("/health down"), COUNTS("counts"),
        FIDELITY("value changed or lost"), ANSWER("wrong or unclean answer");

        final String column;

        Failure(String column) {
            this.column = column;
        }
    }

    final HostileCase hostile;
    private final Set<Failure> failures = EnumSet.noneOf(Failure.class);
    private final List<String> notes = new ArrayList<>();
    private boolean refused;

    Verdict(HostileCase hostile) {
        this.hostile = hostile;
    }

    void fail(Failure failure, String note) {
        failures.add(failure);
        notes.add(failure.column + ": " + note);
    }

    /** Marks the case as refused (a 4xx, a failed job, or a failed row); otherwise it was accepted. */
    void refused() {
        refused = true;
    }

    boolean isRefused() {
        return refused;
    }

    Set<Failure> failures() {
        return failures;
    }

    boolean passed() {
        return failures.isEmpty();
    }

    @Override
    public String toString() {
        return hostile.category() + "/" + hostile.name() + ": " + String.join("; ", notes);
    }
}
