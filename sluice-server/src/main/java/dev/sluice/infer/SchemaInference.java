package dev.sluice.infer;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.collection.FieldNames;
import dev.sluice.collection.FieldType;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Infers a collection definition from sampled rows, by the rules of docs/inference.md: each column
 * gets the one type that every sampled value fits without being changed ({@code 007} stays
 * {@code string}), else {@code string}; field names are the normalized source names; the key is the
 * best unique, never-null column. Stateless and thread-safe.
 */
public final class SchemaInference {
    private static final int MAX_NAME = 63;

    private SchemaInference() {
    }

    /**
     * Rows of delimited text. A row shorter than {@code sources} has nulls in the missing cells; cells
     * beyond the last source are not looked at.
     *
     * @param dialect how the text was read; its separators of numbers are filled in here
     */
    public static Inference fromCells(List<String> sources, List<List<String>> rows, Inference.Dialect dialect) {
        List<ColumnProfile> profiles = new ArrayList<>();
        for (int i = 0; i < sources.size(); i++) {
            profiles.add(new ColumnProfile());
        }
        for (List<String> row : rows) {
            for (int i = 0; i < profiles.size(); i++) {
                profiles.get(i).seeText(i < row.size() ? row.get(i) : null);
            }
        }
        boolean commaAllowed = !",".equals(dialect.delimiter());
        return answer(sources, profiles, rows.size(), dialect, commaAllowed);
    }

    /** JSON objects (NDJSON lines, or the elements of a JSON array); members become columns in order of appearance. */
    public static Inference fromJson(List<JsonNode> objects, Inference.Dialect dialect) {
        Map<String, ColumnProfile> profiles = new LinkedHashMap<>();
        for (JsonNode o : objects) {
            if (o.isObject()) {
                for (Iterator<String> names = o.fieldNames(); names.hasNext(); ) {
                    profiles.computeIfAbsent(names.next(), k -> new ColumnProfile());
                }
            }
        }
        for (JsonNode o : objects) {
            for (Map.Entry<String, ColumnProfile> p : profiles.entrySet()) {
                p.getValue().seeJson(o.isObject() ? o.get(p.getKey()) : null);
            }
        }
        return answer(new ArrayList<>(profiles.keySet()), new ArrayList<>(profiles.values()), objects.size(),
                dialect, false);
    }

    private static Inference answer(List<String> sources, List<ColumnProfile> profiles, long rows,
                                    Inference.Dialect dialect, boolean commaAllowed) {
        char decimal = commaAllowed && votesForComma(profiles) ? ',' : '.';
        List<String> names = fieldNames(sources);
        List<Inference.FieldDefinition> fields = new ArrayList<>();
        List<Inference.Column> columns = new ArrayList<>();
        Map<String, String> mapping = new LinkedHashMap<>();
        boolean grouped = false;
        for (int i = 0; i < sources.size(); i++) {
            ColumnProfile p = profiles.get(i);
            ColumnProfile.Typed t = p.type(decimal);
            String type = t.type().wireName();
            fields.add(new Inference.FieldDefinition(names.get(i), type, definitionFormat(t)));
            columns.add(new Inference.Column(sources.get(i), names.get(i), type, t.format(), p.nulls(), p.examples()));
            mapping.put(sources.get(i), names.get(i));
            boolean numeric = t.type() == FieldType.INTEGER || t.type() == FieldType.NUMBER || t.type() == FieldType.DECIMAL;
            grouped |= numeric && (decimal == ',' ? p.comma : p.dot).sawGrouping();
        }
        Inference.Dialect read = new Inference.Dialect(dialect.format(), dialect.delimiter(), dialect.quote(),
                dialect.header(), dialect.encoding(), dialect.detected(), String.valueOf(decimal),
                grouped ? (decimal == ',' ? "." : ",") : null);
        List<String> key = KeyChoice.best(names, fields, profiles);
        return new Inference(new Inference.Definition(fields, key), mapping, read, columns, rows);
    }

    /** A decimal comma only when some column cannot be read otherwise and needs it for its fractions. */
    private static boolean votesForComma(List<ColumnProfile> profiles) {
        for (ColumnProfile p : profiles) {
            if (p.comma.fractional() && !p.dot.ok()) {
                return true;
            }
        }
        return false;
    }

    /** ISO dates and timestamps are what a field reads without a format; only other forms are named. */
    private static String definitionFormat(ColumnProfile.Typed t) {
        if (t.format() == null || t.format().equals("yyyy-MM-dd") || t.format().equals(ColumnProfile.Typed.ISO8601)) {
            return null;
        }
        return t.format();
    }

    /** Normalized, made valid field names ({@code column_3} for a blank one), unique by a {@code _2} suffix. */
    static List<String> fieldNames(List<String> sources) {
        List<String> names = new ArrayList<>();
        Set<String> taken = new HashSet<>();
        for (int i = 0; i < sources.size(); i++) {
            String n = FieldNames.normalize(sources.get(i) == null ? "" : sources.get(i));
            if (n.isEmpty()) {
                n = "column_" + (i + 1);
            } else if (!Character.isLetter(n.charAt(0))) {
                n = "c_" + n;
            }
            n = n.length() > MAX_NAME ? n.substring(0, MAX_NAME) : n;
            String unique = n;
            for (int k = 2; !taken.add(unique); k++) {
                String suffix = "_" + k;
                unique = (n.length() + suffix.length() > MAX_NAME ? n.substring(0, MAX_NAME - suffix.length()) : n) + suffix;
            }
            names.add(unique);
        }
        return names;
    }
}
