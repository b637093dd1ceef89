package dev.sluice.infer;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Tells how delimited text is written from its first records: the delimiter among {@code ,}
 * {@code ;} tab {@code |} whose records most consistently have the same number of fields (then
 * the one whose first record has that number, then the one with more fields), the quote character ({@code "} unless {@code '} splits strictly better),
 * and whether the first record is a header (none of its cells is a number, date or uuid, and either
 * some column below it holds such values or its cells read like names). What the caller already
 * knows is kept. Stateless and thread-safe.
 */
public final class DialectSniffer {
    private static final char[] DELIMITERS = {',', ';', '\t', '|'};
    private static final int RECORDS = 200;
    private static final Pattern TYPED = Pattern.compile("[+-]?\\d+([.,]\\d+)*|[0-9a-fA-F]{8}-[0-9a-fA-F-]{27}");
    private static final Pattern NAME_LIKE = Pattern.compile("\\p{L}[\\p{L}\\p{N} _.\\-/()#%]{0,63}");

    private DialectSniffer() {
    }

    /** The dialect read; {@code header} is true when the first record names the columns. */
    public record Sniffed(char delimiter, char quote, boolean header) {
    }

    /**
     * @param delimiter the delimiter when known, else null
     * @param quote     the quote character when known, else null
     * @param header    whether the first line is a header when known, else null
     */
    public static Sniffed sniff(String text, Character delimiter, Character quote, Boolean header) {
        return sniff(text, delimiter, quote, header, DELIMITERS[0]);
    }

    /**
     * As {@link #sniff(String, Character, Character, Boolean)}, {@code preferred} winning every tie
     * (an import keeps its format's own delimiter unless another one splits the text better).
     */
    public static Sniffed sniff(String text, Character delimiter, Character quote, Boolean header, char preferred) {
        Score best = null;
        for (char q : quote != null ? new char[]{quote} : new char[]{'"', '\''}) {
            for (char d : delimiter != null ? new char[]{delimiter} : candidates(preferred)) {
                Score s = Score.of(text, d, q);
                if (best == null || s.beats(best)) {
                    best = s;
                }
            }
        }
        boolean hasHeader = header != null ? header : looksLikeHeader(CsvSplitter.split(text, best.delimiter, best.quote, RECORDS));
        return new Sniffed(best.delimiter, best.quote, hasHeader);
    }

    /**
     * The delimiter a file read as {@code read} most likely has when its first record is one column
     * although it and the lines below hold {@code ;}, tab or {@code |} (the one most of them hold);
     * null when the first record has more columns or holds none of them.
     */
    public static Character missedDelimiter(String text, Sniffed read) {
        List<List<String>> records = CsvSplitter.split(text, read.delimiter(), read.quote(), RECORDS);
        if (records.isEmpty() || records.get(0).size() != 1) {
            return null;
        }
        Character best = null;
        long most = 0;
        for (char d : DELIMITERS) {
            if (d == read.delimiter() || records.get(0).get(0).indexOf(d) < 0) {
                continue;
            }
            long holding = records.stream().filter(r -> r.get(0).indexOf(d) >= 0).count();
            if (holding > most) {
                best = d;
                most = holding;
            }
        }
        return best;
    }

    /** The first record of {@code text} as {@code read} splits it; empty for an empty text. */
    public static List<String> firstRecord(String text, Sniffed read) {
        List<List<String>> records = CsvSplitter.split(text, read.delimiter(), read.quote(), 1);
        return records.isEmpty() ? List.of() : records.get(0);
    }

    /** True when the cell holds a number, a date or a uuid: no header names a column so. */
    public static boolean typedCell(String cell) {
        String c = cell.strip();
        return typed(c) || DateShape.of(c) != null;
    }

    private static char[] candidates(char preferred) {
        char[] out = new char[DELIMITERS.length];
        out[0] = preferred;
        int i = 1;
        for (char d : DELIMITERS) {
            if (d != preferred && i < out.length) {
                out[i++] = d;
            }
        }
        return i == out.length ? out : java.util.Arrays.copyOf(out, i);
    }

    static boolean looksLikeHeader(List<List<String>> records) {
        if (records.isEmpty()) {
            return true;
        }
        List<String> first = records.get(0);
        boolean nameLike = false;
        for (String cell : first) {
            String c = cell.strip();
            if (typed(c) || DateShape.of(c) != null) {
                return false;
            }
            nameLike |= !c.isEmpty();
            if (!c.isEmpty() && !NAME_LIKE.matcher(c).matches()) {
                return typedBelow(records);
            }
        }
        return nameLike || typedBelow(records);
    }

    private static boolean typedBelow(List<List<String>> records) {
        for (List<String> r : records.subList(1, records.size())) {
            for (String cell : r) {
                if (typed(cell.strip()) || DateShape.of(cell.strip()) != null) {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean typed(String cell) {
        return TYPED.matcher(cell).matches();
    }

    /** How well one delimiter and quote split the text. */
    private record Score(char delimiter, char quote, double consistency, boolean firstFits, int fields) {
        static Score of(String text, char d, char q) {
            List<List<String>> records = CsvSplitter.split(text, d, q, RECORDS);
            Map<Integer, Integer> counts = new HashMap<>();
            for (List<String> r : records) {
                counts.merge(r.size(), 1, Integer::sum);
            }
            int modal = 0;
            int often = 0;
            for (Map.Entry<Integer, Integer> e : counts.entrySet()) {
                if (e.getValue() > often || (e.getValue() == often && e.getKey() > modal)) {
                    modal = e.getKey();
                    often = e.getValue();
                }
            }
            double consistency = modal <= 1 ? 0 : (double) often / records.size();
            return new Score(d, q, consistency, !records.isEmpty() && records.get(0).size() == modal, modal);
        }

        boolean beats(Score other) {
            if (Math.abs(consistency - other.consistency) > 0.05) {
                return consistency > other.consistency;
            }
            if (firstFits != other.firstFits) {
                return firstFits;
            }
            return fields > other.fields;
        }
    }
}
