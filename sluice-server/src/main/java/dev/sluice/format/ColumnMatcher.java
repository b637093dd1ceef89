package dev.sluice.format;

import dev.sluice.collection.CollectionSchema;
import dev.sluice.collection.FieldNames;
import dev.sluice.job.ColumnReport;
import dev.sluice.job.ColumnReport.MatchedBy;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Decides which field each source column feeds: the {@code mapping} option first, then a field of
 * the same name, then one whose name equals the column's normalized name ({@link FieldNames#normalize});
 * a field is fed by one column at most (docs/concepts.md, "Column mapping"). Records every decision for
 * {@link ColumnReport}. Not thread-safe: one per file, beside its {@link RowConverter}.
 */
final class ColumnMatcher {
    /** A column that feeds no field and that the mapping does not name. */
    static final int UNMATCHED = -1;
    /** A column the mapping ignores (mapped to null), or the root of a dotted mapping path. */
    static final int IGNORED = -2;

    private final CollectionSchema collection;
    private final Map<String, String> mapping;
    private final Map<String, Integer> byNormalized = new HashMap<>();
    private final boolean[] fed;
    private final Set<String> pathRoots = new HashSet<>();
    private final List<ColumnReport.Match> matches = new ArrayList<>();
    private final List<String> unmapped = new ArrayList<>();

    ColumnMatcher(CollectionSchema collection, Map<String, String> mapping, boolean paths) {
        this.collection = collection;
        this.mapping = mapping;
        this.fed = new boolean[collection.fields().size()];
        for (int i = 0; i < fed.length; i++) {
            byNormalized.putIfAbsent(FieldNames.normalize(collection.fields().get(i).name()), i);
        }
        if (paths) {
            mapping.forEach((source, field) -> {
                if (field != null && source.indexOf('.') > 0) {
                    pathRoots.add(source.substring(0, source.indexOf('.')));
                }
            });
        }
    }

    /**
     * The field index each of {@code names} feeds, or {@link #UNMATCHED} or {@link #IGNORED}: decided
     * in three passes over them, so that a mapping or an exact name wins over a normalized one.
     */
    int[] decide(List<String> names) {
        int[] out = new int[names.size()];
        java.util.Arrays.fill(out, UNMATCHED);
        for (int c = 0; c < out.length; c++) {
            String name = names.get(c);
            if (mapping.containsKey(name)) {
                String field = mapping.get(name);
                out[c] = field == null ? IGNORED : claim(index(field), name, MatchedBy.MAPPING);
            } else if (pathRoots.contains(name)) {
                out[c] = IGNORED;
            }
        }
        for (int c = 0; c < out.length; c++) {
            if (out[c] == UNMATCHED && collection.field(names.get(c)) != null) {
                out[c] = claim(index(names.get(c)), names.get(c), MatchedBy.EXACT);
            }
        }
        for (int c = 0; c < out.length; c++) {
            if (out[c] == UNMATCHED) {
                Integer field = byNormalized.get(FieldNames.normalize(names.get(c)));
                out[c] = field == null ? UNMATCHED : claim(field, names.get(c), MatchedBy.NORMALIZED);
            }
        }
        for (int c = 0; c < out.length; c++) {
            if (out[c] < 0 && !pathRoots.contains(names.get(c))) {
                unmapped.add(names.get(c));
            }
        }
        return out;
    }

    /** Records that the dotted {@code path} fed {@code field}. */
    void pathUsed(String path, int field) {
        matches.add(new ColumnReport.Match(path, collection.fields().get(field).name(), MatchedBy.MAPPING));
    }

    private int index(String field) {
        return collection.fields().indexOf(collection.field(field));
    }

    private int claim(int field, String name, MatchedBy by) {
        if (field < 0 || fed[field]) {
            return UNMATCHED;
        }
        fed[field] = true;
        matches.add(new ColumnReport.Match(name, collection.fields().get(field).name(), by));
        return field;
    }

    ColumnReport report() {
        return new ColumnReport(matches, unmapped);
    }
}
