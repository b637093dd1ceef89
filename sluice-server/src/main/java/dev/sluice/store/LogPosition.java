package dev.sluice.store;

/**
 * Where a reader of the job log stands, in commit order: the writing transaction's id ({@code tx},
 * 0 on SQLite, whose one writer commits in number order) and the line's number ({@code seq}).
 * Lines are read in {@code (tx, seq)} order and only from transactions older than every one still
 * open, so a line that commits later always sorts after this position. As text {@code seq} when
 * {@code tx} is 0, else {@code tx-seq}. Immutable.
 */
public record LogPosition(long tx, long seq) implements Comparable<LogPosition> {
    /** Before the first line. */
    public static final LogPosition START = new LogPosition(0, 0);

    /** A position as {@link #text()} writes it; null when the text is not one. */
    public static LogPosition parse(String text) {
        if (text == null || !text.trim().matches("\\d{1,18}(-\\d{1,18})?")) {
            return null;
        }
        String t = text.trim();
        int dash = t.indexOf('-');
        return dash < 0 ? new LogPosition(0, Long.parseLong(t))
                : new LogPosition(Long.parseLong(t.substring(0, dash)), Long.parseLong(t.substring(dash + 1)));
    }

    public String text() {
        return tx == 0 ? Long.toString(seq) : tx + "-" + seq;
    }

    @Override
    public int compareTo(LogPosition o) {
        return tx != o.tx ? Long.compare(tx, o.tx) : Long.compare(seq, o.seq);
    }
}
