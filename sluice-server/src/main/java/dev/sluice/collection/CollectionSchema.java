package dev.sluice.collection;

import dev.sluice.error.SluiceException;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A collection: a real table that Sluice owns, with typed fields and a dedupe key.
 * Immutable and thread-safe; {@link #define} validates a definition and throws
 * {@link SluiceException.Invalid} ({@code invalid_collection}) naming what is wrong.
 *
 * @param name               the collection and table name
 * @param fields             the fields in column order
 * @param key                the key fields, in order; always required
 * @param keyCaseInsensitive true when keys that differ only in ASCII letter case are the same key
 * @param createdAt          when it was created; null before it is stored
 */
public record CollectionSchema(String name, List<Field> fields, List<String> key, boolean keyCaseInsensitive,
                         Instant createdAt) {

    /** Names of collections, fields and options that may reach SQL as identifiers. */
    public static final Pattern NAME = Pattern.compile("^[a-z][a-z0-9_]{0,62}$");
    /** Key texts of composite keys are joined with this separator. */
    public static final char KEY_SEPARATOR = '\u001F';

    public CollectionSchema {
        fields = List.copyOf(fields);
        key = List.copyOf(key);
    }

    /**
     * Validates a definition and returns it with key fields made required.
     *
     * @throws SluiceException.Invalid naming the name, field or key at fault
     */
    public static CollectionSchema define(String name, List<Field> fields, List<String> key, boolean keyCaseInsensitive) {
        requireName("name", name);
        if (name.startsWith("sqlite_") || name.startsWith("pg_")) {
            throw invalid("name", "collection name '" + name + "' is reserved (names cannot start with sqlite_ or pg_)");
        }
        if (fields == null || fields.isEmpty()) {
            throw invalid("fields", "a collection needs at least one field");
        }
        if (fields.size() > 1000) {
            throw invalid("fields", "a collection has at most 1000 fields, got " + fields.size());
        }
        Set<String> names = new HashSet<>();
        for (Field f : fields) {
            requireName("fields[].name", f.name());
            if (!names.add(f.name())) {
                throw invalid("fields", "field '" + f.name() + "' is defined twice");
            }
            if (f.type() == null) {
                throw invalid("fields", "field '" + f.name() + "' needs a type");
            }
            if (f.maxLength() != null && (f.type() != FieldType.STRING || f.maxLength() < 1)) {
                throw invalid("fields", "field '" + f.name() + "': max_length applies to string fields and must be at least 1");
            }
            checkFormat(f);
        }
        if (key == null || key.isEmpty()) {
            throw invalid("key", "a collection needs a key: one or more field names");
        }
        if (new HashSet<>(key).size() != key.size()) {
            throw invalid("key", "key names a field twice: " + key);
        }
        List<Field> withRequiredKeys = new ArrayList<>(fields.size());
        for (Field f : fields) {
            boolean inKey = key.contains(f.name());
            if (inKey && f.type() == FieldType.JSON) {
                throw invalid("key", "key field '" + f.name() + "' cannot be of type json");
            }
            withRequiredKeys.add(inKey && !f.required() ? f.asRequired() : f);
        }
        for (String k : key) {
            if (!names.contains(k)) {
                throw invalid("key", "key field '" + k + "' is not one of the fields");
            }
        }
        return new CollectionSchema(name, withRequiredKeys, key, keyCaseInsensitive, null);
    }

    public CollectionSchema createdAt(Instant when) {
        return new CollectionSchema(name, fields, key, keyCaseInsensitive, when);
    }

    /** The field with this name, or null. */
    public Field field(String fieldName) {
        for (Field f : fields) {
            if (f.name().equals(fieldName)) {
                return f;
            }
        }
        return null;
    }

    /** Positions of the key fields within {@link #fields()}. */
    public int[] keyIndexes() {
        int[] idx = new int[key.size()];
        for (int i = 0; i < idx.length; i++) {
            for (int j = 0; j < fields.size(); j++) {
                if (fields.get(j).name().equals(key.get(i))) {
                    idx[i] = j;
                }
            }
        }
        return idx;
    }

    /**
     * The key of a converted record as text: the values' canonical text, joined with
     * {@link #KEY_SEPARATOR}; ASCII-lower-cased when the key is case-insensitive.
     */
    public String keyText(Object[] values, int[] keyIndexes) {
        if (keyIndexes.length == 1) {
            return fold(canonicalText(values[keyIndexes[0]]));
        }
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < keyIndexes.length; i++) {
            if (i > 0) {
                sb.append(KEY_SEPARATOR);
            }
            sb.append(canonicalText(values[keyIndexes[i]]));
        }
        return fold(sb.toString());
    }

    private String fold(String text) {
        if (!keyCaseInsensitive) {
            return text;
        }
        char[] chars = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c >= 'A' && c <= 'Z') {
                if (chars == null) {
                    chars = text.toCharArray();
                }
                chars[i] = (char) (c + ('a' - 'A'));
            }
        }
        return chars == null ? text : new String(chars);
    }

    /** The text a stored value is keyed and shown by. */
    public static String canonicalText(Object value) {
        if (value instanceof java.math.BigDecimal d) {
            return d.toPlainString();
        }
        return String.valueOf(value);
    }

    private static void checkFormat(Field f) {
        if (f.format() == null) {
            return;
        }
        try {
            TemporalFormat.compile(f.type(), f.format());
        } catch (IllegalArgumentException e) {
            throw invalid("fields", "field '" + f.name() + "' (" + f.type().wireName() + "): " + e.getMessage());
        }
    }

    private static void requireName(String what, String value) {
        if (value == null || !NAME.matcher(value).matches()) {
            throw invalid(what, what + " '" + value + "' is not a valid name: use ^[a-z][a-z0-9_]{0,62}$ "
                    + "(a lower-case letter, then lower-case letters, digits or _)");
        }
    }

    private static SluiceException.Invalid invalid(String where, String message) {
        return new SluiceException.Invalid("invalid_collection", message, Map.of("field", where));
    }
}
