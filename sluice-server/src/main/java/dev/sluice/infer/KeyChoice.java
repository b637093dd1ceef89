package dev.sluice.infer;

import java.util.List;

/**
 * Picks the key of an inferred definition: among the columns whose sampled values are all present
 * and unique, the most id-like name ({@code id}, then {@code *_id}, then {@code key}, {@code code},
 * {@code sku}, {@code uuid}, {@code email} and their {@code *_} forms), leftmost first; a first column of integers or uuids
 * qualifies even without such a name; else no key. Stateless and thread-safe.
 */
final class KeyChoice {
    private KeyChoice() {
    }

    static List<String> best(List<String> names, List<Inference.FieldDefinition> fields, List<ColumnProfile> profiles) {
        int bestRank = 0;
        String best = null;
        for (int i = 0; i < names.size(); i++) {
            if (!profiles.get(i).unique() || fields.get(i).type().equals("json")) {
                continue;
            }
            int rank = rank(names.get(i), fields.get(i).type(), i == 0);
            if (rank > bestRank) {
                bestRank = rank;
                best = names.get(i);
            }
        }
        return best == null ? List.of() : List.of(best);
    }

    private static int rank(String name, String type, boolean first) {
        if (name.equals("id")) {
            return 6;
        }
        if (name.endsWith("_id")) {
            return 5;
        }
        for (String word : List.of("key", "code", "sku", "uuid", "email")) {
            if (name.equals(word) || name.endsWith("_" + word)) {
                return 4;
            }
        }
        if (name.endsWith("_no") || name.endsWith("_number") || name.equals("number")) {
            return 3;
        }
        return first && (type.equals("integer") || type.equals("uuid")) ? 1 : 0;
    }
}
