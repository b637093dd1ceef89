package dev.sluice.sink;

import dev.sluice.format.ConvertedRow;
import dev.sluice.job.RowOutcome;
import dev.sluice.job.Uuid7;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A chunk made ready for its sink by pure CPU work that can run on the reading thread, off the
 * single writer: in-chunk repeats found (their outcome comes later, from the job's {@link ConflictRule}),
 * record ids drawn, values encoded in the form the database stores. Immutable once built; handed
 * from the reader thread to the writer.
 */
public final class PreparedRows {
    private final List<ConvertedRow> rows;
    private final ConflictRule rule;
    /** For a row that repeats a key of an earlier row of the chunk and stays off the database, that row; else -1. */
    private final int[] repeatOf;
    private final int[] candidates;
    private final UUID[] ids;
    private final Object[][] encoded;

    private PreparedRows(List<ConvertedRow> rows, ConflictRule rule, int[] repeatOf, int[] candidates, UUID[] ids,
                         Object[][] encoded) {
        this.rows = rows;
        this.rule = rule;
        this.repeatOf = repeatOf;
        this.candidates = candidates;
        this.ids = ids;
        this.encoded = encoded;
    }

    /** Turns one candidate row into the values its sink binds. */
    @FunctionalInterface
    interface Encoder {
        Object[] encode(ConvertedRow row, UUID id);
    }

    /**
     * Finds in-chunk repeats: unless the rule overwrites, a later row with the key of an earlier one
     * never reaches the database, and takes its outcome from that row's ({@link #complete}).
     */
    static PreparedRows of(List<ConvertedRow> rows, ConflictRule rule, Encoder encoder) {
        int[] repeatOf = new int[rows.size()];
        Map<String, Integer> firstByKey = new HashMap<>(rows.size() * 2);
        int[] candidates = new int[rows.size()];
        int n = 0;
        for (int i = 0; i < rows.size(); i++) {
            Integer first = firstByKey.putIfAbsent(rows.get(i).key(), i);
            repeatOf[i] = first == null || rule.overwrites() ? -1 : first;
            if (repeatOf[i] < 0) {
                candidates[n++] = i;
            }
        }
        candidates = Arrays.copyOf(candidates, n);
        UUID[] ids = new UUID[rows.size()];
        Object[][] encoded = new Object[n][];
        long now = System.currentTimeMillis();
        for (int c = 0; c < n; c++) {
            int i = candidates[c];
            ids[i] = Uuid7.at(now);
            encoded[c] = encoder.encode(rows.get(i), ids[i]);
        }
        return new PreparedRows(rows, rule, repeatOf, candidates, ids, encoded);
    }

    /**
     * The first {@code n} rows, prepared as they already are (same decisions, ids and encoded
     * values): what a chunk cut after its {@code n}-th row writes, without preparing it again.
     */
    public PreparedRows prefix(int n) {
        int kept = 0;
        while (kept < candidates.length && candidates[kept] < n) {
            kept++;
        }
        // a repeat always points at an earlier row, so the first n rows stand on their own
        return new PreparedRows(rows.subList(0, n), rule, Arrays.copyOf(repeatOf, n), Arrays.copyOf(candidates, kept),
                Arrays.copyOf(ids, n), Arrays.copyOf(encoded, kept));
    }

    public List<ConvertedRow> rows() {
        return rows;
    }

    /** The job's conflict rule, which the chunk was prepared under. */
    ConflictRule rule() {
        return rule;
    }

    /** A fresh array for the chunk's outcomes, one per row, null until decided. */
    RowOutcome[] outcomes() {
        return new RowOutcome[rows.size()];
    }

    /** Indexes of the rows to send to the database, in order. */
    int[] candidates() {
        return candidates;
    }

    /** The record id drawn for row {@code i}, used when the database creates it. */
    UUID id(int i) {
        return ids[i];
    }

    /** The encoded values of the {@code c}-th candidate. */
    Object[] encoded(int c) {
        return encoded[c];
    }

    /**
     * Decides the in-chunk repeats once the database has decided every candidate, from the chunk's
     * first row of their key, so that a repeat comes out the same whether or not it shares that
     * row's chunk: it learns the id of the kept record; when the first row itself repeated a row of
     * an earlier chunk, it points at that earlier row, the one that was kept; and when the key
     * existed before this job (the first row is unchanged), it is unchanged too.
     *
     * @param outcomes the candidates' outcomes; the repeats' are filled in
     * @return every row's outcome, in the rows' order
     */
    List<RowOutcome> complete(RowOutcome[] outcomes) {
        for (int i = 0; i < outcomes.length; i++) {
            if (repeatOf[i] >= 0) {
                outcomes[i] = rule.decide(metByRepeat(rows.get(repeatOf[i]).position(), outcomes[repeatOf[i]]));
            }
        }
        return Arrays.asList(outcomes);
    }

    /** What a repeat's key met, told by the outcome of the chunk's first row of the key, at {@code first}. */
    private static ConflictRule.Met metByRepeat(RowOutcome.Position first, RowOutcome firstOutcome) {
        if (firstOutcome instanceof RowOutcome.Unchanged u) {
            return ConflictRule.Met.recordBeforeJob(u.recordId());
        }
        if (firstOutcome instanceof RowOutcome.Skipped kept) {
            return ConflictRule.Met.earlierRow(kept.duplicateOf(), kept.recordId());
        }
        return ConflictRule.Met.earlierRow(first, firstOutcome.recordIdOrNull());
    }
}
