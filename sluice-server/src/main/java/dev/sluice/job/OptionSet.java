package dev.sluice.job;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The options a request gave, each with its typed value; an option it did not give is absent (and
 * means the default wherever it is used). Read once at the edge ({@link #read}), stored as a JSON
 * object of wire names ({@link #toJson}, {@link #fromJson}). Immutable and thread-safe.
 */
public final class OptionSet {
    public static final OptionSet EMPTY = new OptionSet(Map.of());
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Map<Option<?>, Object> values;

    private OptionSet(Map<Option<?>, Object> values) {
        Map<Option<?>, Object> ordered = new LinkedHashMap<>();
        for (Option<?> o : Options.ALL) {
            if (values.get(o) != null) {
                ordered.put(o, values.get(o));
            }
        }
        this.values = Collections.unmodifiableMap(ordered);
    }

    /** The {@code options} {@code source} gives; a bad value is {@code 400 invalid_option} naming it. */
    public static OptionSet read(OptionSource source, Collection<Option<?>> options) {
        Map<Option<?>, Object> read = new LinkedHashMap<>();
        for (Option<?> o : options) {
            read.put(o, o.read(source));
        }
        return new OptionSet(read);
    }

    /** The value given for {@code option}, or null. */
    @SuppressWarnings("unchecked")
    public <T> T get(Option<T> option) {
        return (T) values.get(option);
    }

    /** The value given for {@code option}, or {@code dflt}. */
    public <T> T get(Option<T> option, T dflt) {
        T v = get(option);
        return v == null ? dflt : v;
    }

    public boolean has(Option<?> option) {
        return values.containsKey(option);
    }

    /** These options with {@code option} set to {@code value} (absent when null). */
    public <T> OptionSet with(Option<T> option, T value) {
        Map<Option<?>, Object> out = new LinkedHashMap<>(values);
        out.put(option, value);
        return new OptionSet(out);
    }

    /** These options without {@code option}. */
    public OptionSet without(Option<?> option) {
        return with(option, null);
    }

    /** The options of {@code base}, with these on top. */
    public OptionSet over(OptionSet base) {
        Map<Option<?>, Object> out = new LinkedHashMap<>(base.values);
        out.putAll(values);
        return new OptionSet(out);
    }

    /** As stored: a JSON object of wire names, each option as its codec writes it. */
    public String toJson() {
        return toJson(values.keySet());
    }

    /** As {@link #toJson()}, with each of {@code members} present: JSON null when not given. */
    public String toJson(Collection<Option<?>> members) {
        ObjectNode n = JSON.createObjectNode();
        for (Option<?> o : members) {
            n.set(o.name(), values.containsKey(o) ? encode(o, values.get(o)) : n.nullNode());
        }
        return n.toString();
    }

    @SuppressWarnings("unchecked")
    private static <T> JsonNode encode(Option<T> option, Object value) {
        return option.toJson((T) value);
    }

    /** The options stored as {@link #toJson} wrote them; members that name no option are passed over. */
    public static OptionSet fromJson(String json) {
        if (json == null || json.isBlank()) {
            return EMPTY;
        }
        try {
            JsonNode n = JSON.readTree(json);
            Map<Option<?>, Object> out = new LinkedHashMap<>();
            for (Option<?> o : Options.ALL) {
                out.put(o, o.fromJson(n.get(o.name())));
            }
            return new OptionSet(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof OptionSet other && values.equals(other.values);
    }

    @Override
    public int hashCode() {
        return values.hashCode();
    }

    @Override
    public String toString() {
        return toJson();
    }
}
