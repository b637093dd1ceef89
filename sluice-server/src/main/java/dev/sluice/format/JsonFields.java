package dev.sluice.format;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.collection.CollectionSchema;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Finds each field's value in the rows of one JSON file: by the member that feeds it (decided by the
 * {@link ColumnMatcher} the first time a member name is seen), or by its dotted mapping path.
 * Not thread-safe: one per {@link RowConverter}.
 */
final class JsonFields {
    /** What stops a row from being gathered: the field (or member) at fault, a row error code, why. */
    record Problem(String field, String code, String message) {
    }

    private final CollectionSchema collection;
    private final ColumnMatcher matcher;
    private final boolean strict;
    /** The field each member name seen so far feeds, or a {@link ColumnMatcher} verdict. */
    private final Map<String, Integer> fieldOfMember = new HashMap<>();
    /** The dotted mapping path each field is read from; null for a field read by member name. */
    private final String[][] pathOfField;
    private final boolean[] pathSeen;
    /** The current row's value of each field, as found. */
    private JsonNode[] found;

    /** @param mapping source member (or dotted path) to field name, or to null to ignore it */
    JsonFields(CollectionSchema collection, ColumnMatcher matcher, boolean strict, Map<String, String> mapping) {
        this.collection = collection;
        this.matcher = matcher;
        this.strict = strict;
        int fields = collection.fields().size();
        this.pathOfField = new String[fields][];
        mapping.forEach((source, field) -> {
            int f = field == null || source.indexOf('.') <= 0 ? -1
                    : collection.fields().indexOf(collection.field(field));
            if (f >= 0) {
                pathOfField[f] = source.split("\\.", -1);
            }
        });
        this.pathSeen = new boolean[fields];
    }

    /** The last gathered row's value of each field (null where it has none); null before the first row. */
    JsonNode[] found() {
        return found;
    }

    /**
     * Gathers the row's field values into {@link #found}. A problem when strict meets a member that feeds
     * no field, or when the value of a member that feeds one could not be read; null otherwise.
     */
    Problem gather(SourceRow.Json json) {
        JsonNode node = json.value();
        found = new JsonNode[pathOfField.length];
        List<String> unseen = null;
        for (Iterator<Map.Entry<String, JsonNode>> members = node.fields(); members.hasNext(); ) {
            Map.Entry<String, JsonNode> member = members.next();
            Integer f = fieldOfMember.get(member.getKey());
            if (f == null) {
                unseen = unseen == null ? new ArrayList<>() : unseen;
                unseen.add(member.getKey());
            } else if (f >= 0) {
                found[f] = member.getValue();
            } else if (strict && f == ColumnMatcher.UNMATCHED) {
                return new Problem(member.getKey(), "unknown_field",
                        "'" + member.getKey() + "' is not a field of collection " + collection.name());
            }
        }
        if (unseen != null) {
            // members never seen before are decided together, then the row is gathered again
            int[] decided = matcher.decide(unseen);
            for (int i = 0; i < decided.length; i++) {
                fieldOfMember.put(unseen.get(i), decided[i]);
            }
            return gather(json);
        }
        for (Map.Entry<String, String> problem : json.problems().entrySet()) {
            Integer f = fieldOfMember.get(problem.getKey());
            if (f != null && f >= 0) {
                return new Problem(collection.fields().get(f).name(), "invalid_value", problem.getValue());
            }
        }
        for (int f = 0; f < pathOfField.length; f++) {
            if (pathOfField[f] != null && found[f] == null) {
                found[f] = at(node, pathOfField[f], f);
            }
        }
        return null;
    }

    /** The value at {@code path} within {@code node}; null when a step is missing or not an object. */
    private JsonNode at(JsonNode node, String[] path, int field) {
        JsonNode v = node;
        for (String step : path) {
            v = v != null && v.isObject() ? v.get(step) : null;
        }
        if (v != null && !pathSeen[field]) {
            pathSeen[field] = true;
            matcher.pathUsed(String.join(".", path), field);
        }
        return v;
    }
}
