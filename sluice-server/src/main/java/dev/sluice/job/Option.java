package dev.sluice.job;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.TextNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sluice.error.SluiceException;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * One import option: its wire name, what it applies to, how a request's value is read and checked
 * (a refusal is {@code 400 invalid_option} naming it), and how its value is stored as JSON and read
 * back. Every option is one constant of {@link Options}. Immutable and thread-safe.
 *
 * @param <T> the type of its value
 */
public final class Option<T> {
    /** What an option applies to. */
    public enum Scope {
        /** the job: conflicts, errors, results, job type */
        JOB,
        /** each file: its format and dialect, stored with the file */
        FILE,
        /** how the answer waits; never stored */
        ANSWER
    }

    /** Reads a value from a request; null when absent. */
    interface Reader<T> {
        T read(OptionSource source, String name);
    }

    private final String name;
    private final Scope scope;
    private final Reader<T> reader;
    private final Function<T, JsonNode> encode;
    private final Function<JsonNode, T> decode;

    Option(String name, Scope scope, Reader<T> reader, Function<T, JsonNode> encode, Function<JsonNode, T> decode) {
        this.name = name;
        this.scope = scope;
        this.reader = reader;
        this.encode = encode;
        this.decode = decode;
    }

    public String name() {
        return name;
    }

    public Scope scope() {
        return scope;
    }

    /** The value the request gives, or null when it gives none. */
    public T read(OptionSource source) {
        return reader.read(source, name);
    }

    JsonNode toJson(T value) {
        return encode.apply(value);
    }

    /** The stored value; null for JSON null or an empty text. */
    T fromJson(JsonNode stored) {
        return stored == null || stored.isNull() || stored.isTextual() && stored.asText().isEmpty() ? null
                : decode.apply(stored);
    }

    @Override
    public String toString() {
        return name;
    }

    /** An option whose value is one of a few names, stored as its name. */
    static <T> Option<T> named(String name, Scope scope, Function<String, T> parse, Function<T, String> wire,
                               Function<String, String> refusal) {
        return new Option<>(name, scope, (source, n) -> {
            String text = source.text(n);
            if (text == null) {
                return null;
            }
            T value = parse.apply(text);
            if (value == null) {
                throw invalid(n, refusal.apply(text));
            }
            return value;
        }, v -> TextNode.valueOf(wire.apply(v)), j -> parse.apply(j.asText()));
    }

    /** An option whose value is a constant of {@code type}, by its lower-case name. */
    static <E extends Enum<E>> Option<E> choice(String name, Scope scope, Class<E> type) {
        StringBuilder allowed = new StringBuilder();
        for (E c : type.getEnumConstants()) {
            allowed.append(allowed.length() == 0 ? "" : ", ").append(ImportOptions.wireName(c));
        }
        return named(name, scope, t -> ImportOptions.parse(type, t), ImportOptions::wireName,
                t -> name + " must be one of " + allowed + ", got '" + t + "'");
    }

    /** A whole number, refused by {@code check} (a message, or null when the value is fine). */
    static Option<Long> number(String name, Scope scope, Function<Long, String> check) {
        return new Option<>(name, scope, (source, n) -> {
            Long v = source.number(n);
            String problem = v == null ? null : check.apply(v);
            if (problem != null) {
                throw invalid(n, problem);
            }
            return v;
        }, LongNode::valueOf, JsonNode::asLong);
    }

    /** True or false. */
    static Option<Boolean> flag(String name, Scope scope) {
        return new Option<>(name, scope, (source, n) -> source.bool(n), BooleanNode::valueOf, JsonNode::asBoolean);
    }

    /** A text, kept as sent (blanks too: {@code thousands_separator=%20}). */
    static Option<String> text(String name, Scope scope) {
        return new Option<>(name, scope, (source, n) -> source.text(n), TextNode::valueOf, JsonNode::asText);
    }

    /** A list of texts, each passed through {@code each}. */
    static Option<List<String>> list(String name, Scope scope, UnaryOperator<String> each) {
        return new Option<>(name, scope, (source, n) -> {
            List<String> v = source.list(n);
            return v == null ? null : v.stream().map(each).toList();
        }, v -> {
            ArrayNode a = JsonNodeFactory.instance.arrayNode();
            v.forEach(a::add);
            return a;
        }, j -> {
            List<String> out = new ArrayList<>();
            j.forEach(item -> out.add(item.asText()));
            return List.copyOf(out);
        });
    }

    /**
     * A JSON object whose members are texts (or null, when {@code nullable}), kept in the order sent;
     * every key and text is checked by {@code check} (a message, or null when fine).
     */
    static Option<Map<String, String>> object(String name, Scope scope, boolean nullable,
                                              BiFunction<String, String, String> check) {
        return new Option<>(name, scope, (source, n) -> {
            ObjectNode o = source.object(n);
            return o == null ? null : members(n, o, nullable, check);
        }, v -> {
            ObjectNode o = JsonNodeFactory.instance.objectNode();
            v.forEach(o::put);
            return o;
        }, j -> members(name, (ObjectNode) j, true, (k, v) -> null));
    }

    private static Map<String, String> members(String name, ObjectNode o, boolean nullable,
                                               BiFunction<String, String, String> check) {
        Map<String, String> out = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = o.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            JsonNode v = e.getValue();
            if (!v.isTextual() && !(nullable && v.isNull())) {
                throw invalid(name, name + ": the value of '" + e.getKey() + "' must be a string"
                        + (nullable ? " or null" : "") + ", got " + v);
            }
            String text = v.isNull() ? null : v.asText();
            String problem = check.apply(e.getKey(), text);
            if (problem != null) {
                throw invalid(name, name + ": " + problem);
            }
            out.put(e.getKey(), text);
        }
        return Collections.unmodifiableMap(out);
    }

    /**
     * One character, read by {@code parse} from the text sent (null when it is not one fit for the
     * option); sent empty, it is refused rather than taken as absent.
     */
    static Option<Character> character(String name, Scope scope, Function<String, Character> parse,
                                       String expected) {
        return new Option<>(name, scope, (source, n) -> {
            if (source.sentEmpty(n)) {
                throw invalid(n, n + " was sent empty; leave it out for the format's own, or give one character");
            }
            String text = source.text(n);
            if (text == null) {
                return null;
            }
            Character c = parse.apply(text);
            if (c == null) {
                throw invalid(n, n + " must be " + expected + ", got '" + Options.printable(text) + "'");
            }
            return c;
        }, c -> TextNode.valueOf(String.valueOf(c)), j -> j.asText().charAt(0));
    }

    static SluiceException.Invalid invalid(String option, String message) {
        return SluiceException.Invalid.option(option, message);
    }
}
