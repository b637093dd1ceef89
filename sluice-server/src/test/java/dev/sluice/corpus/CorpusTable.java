package dev.sluice.corpus;

import dev.sluice.corpus.Verdict.Failure;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The corpus's report: per category, the cases, the clean refusals, the imports read back
 * exactly, and the failures per column; then each failed case with its notes. Stateless.
 */
final class CorpusTable {
    private CorpusTable() {
    }

    static String render(List<Verdict> verdicts) {
        Map<String, long[]> rows = new LinkedHashMap<>();
        int width = 3 + Failure.values().length;
        for (Verdict v : verdicts) {
            long[] r = rows.computeIfAbsent(v.hostile.category(), k -> new long[width]);
            long[] all = rows.computeIfAbsent("(all)", k -> new long[width]);
            for (long[] t : new long[][]{r, all}) {
                t[0]++;
                if (v.passed()) {
                    t[v.isRefused() ? 1 : 2]++;
                }
                for (Failure f : v.failures()) {
                    t[3 + f.ordinal()]++;
                }
            }
        }
        rows.put("(all)", rows.remove("(all)"));
        StringBuilder b = new StringBuilder("| category | cases | clean refusals | accepted, read back exactly |");
        for (Failure f : Failure.values()) {
            b.append(' ').append(f.column).append(" |");
        }
        b.append("\n|---|---:|---:|---:|").append("---:|".repeat(Failure.values().length)).append('\n');
        rows.forEach((category, r) -> {
            b.append("| ").append(category).append(" |");
            for (long n : r) {
                b.append(' ').append(n).append(" |");
            }
            b.append('\n');
        });
        return b.toString();
    }

    static String failures(List<Verdict> verdicts) {
        StringBuilder b = new StringBuilder();
        for (Verdict v : verdicts) {
            if (!v.passed()) {
                b.append("- ").append(v).append('\n');
            }
        }
        return b.toString();
    }
}
