package dev.sluice.sink;

import dev.sluice.format.ConvertedRow;
import dev.sluice.job.ImportOptions.OnConflict;
import dev.sluice.job.RowOutcome;
import dev.sluice.job.Uuid7;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A chunk made ready for its sink by pure CPU work that can run on the reading thread, off the
 * single writer: in-chunk duplicates decided, record ids drawn, values encoded in the form the
 * database stores. Immutable once built; handed from the reader thread to the writer.
 */
public final class PreparedRows {
    private final List<ConvertedRow> rows;
    private final RowOutcome[] decided;
    private final int[] candidates;
    private final UUID[] ids;
    private final Object[][] encoded;

    private PreparedRows(List<ConvertedRow> rows, RowOutcome[] decided, int[] candidates, UUID[] ids,
                         Object[][] encoded) {
        this.rows = rows;
        this.decided = decided;
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
     * Decides in-chunk duplicates: with {@code skip} and {@code fail} a later row with the key of an
     * earlier one never reaches the database; with {@code update} it does, and overwrites.
     */
    static PreparedRows of(List<ConvertedRow> rows, OnConflict onConflict, Encoder encoder) {
        RowOutcome[] decided = new RowOutcome[rows.size()];
        Map<String, Integer> firstByKey = new HashMap<>(rows.size() * 2);
        int[] candidates = new int[rows.size()];
        int n = 0;
        for (int i = 0; i < rows.size(); i++) {
            Integer first = firstByKey.putIfAbsent(rows.get(i).key(), i);
            if (first == null || onConflict == OnConflict.UPDATE) {
                candidates[n++] = i;
            } else if (onConflict == OnConflict.SKIP) {
                decided[i] = new RowOutcome.Skipped(rows.get(first).position(), null);
            } else {
                decided[i] = new RowOutcome.Failed("duplicate_key", null,
                        "key already appeared at line " + rows.get(first).line() + " of this import");
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
        return new PreparedRows(rows, decided, candidates, ids, encoded);
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
        return new PreparedRows(rows.subList(0, n), Arrays.copyOf(decided, n), Arrays.copyOf(candidates, kept),
                Arrays.copyOf(ids, n), Arrays.copyOf(encoded, kept));
    }

    public List<ConvertedRow> rows() {
        return rows;
    }

    /** A fresh copy of the outcomes decided so far (in-chunk duplicates); null for rows the database decides. */
    RowOutcome[] decided() {
        return decided.clone();
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
     * In-chunk duplicates take their outcome from the chunk's first row of their key once the
     * database has decided it, so that a repeat comes out the same whether or not it shares that
     * row's chunk: it learns the id of the kept record; when the first row itself repeated a row of
     * an earlier chunk, it points at that earlier row, the one that was kept; and when the key
     * existed before this job (the first row is unchanged), it is unchanged too.
     */
    static void pointSkippedAtKeptRecords(List<ConvertedRow> rows, RowOutcome[] outcomes) {
        Map<String, Integer> firstByKey = null;
        for (int i = 0; i < outcomes.length; i++) {
            if (outcomes[i] instanceof RowOutcome.Skipped s && s.recordId() == null) {
                if (firstByKey == null) {
                    firstByKey = new HashMap<>();
                    for (int j = 0; j < outcomes.length; j++) {
                        firstByKey.putIfAbsent(rows.get(j).key(), j);
                    }
                }
                RowOutcome first = outcomes[firstByKey.get(rows.get(i).key())];
                if (first instanceof RowOutcome.Unchanged u) {
                    outcomes[i] = new RowOutcome.Unchanged(u.recordId());
                } else if (first instanceof RowOutcome.Skipped kept) {
                    outcomes[i] = new RowOutcome.Skipped(kept.duplicateOf(), kept.recordId());
                } else {
                    outcomes[i] = new RowOutcome.Skipped(s.duplicateOf(), first.recordIdOrNull());
                }
            }
        }
    }
}
