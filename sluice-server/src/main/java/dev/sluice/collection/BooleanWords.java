package dev.sluice.collection;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The words a boolean field reads as true and as false, compared without regard to case. The
 * default vocabulary is parsed by hand in {@link ValueSyntax#parseBoolean}; this one is built when
 * an import names {@code true_values} or {@code false_values}, each replacing its side of the
 * default. Immutable and thread-safe.
 */
final class BooleanWords {
    static final List<String> DEFAULT_TRUE = List.of("true", "t", "yes", "y", "1", "on");
    static final List<String> DEFAULT_FALSE = List.of("false", "f", "no", "n", "0", "off");

    private final Map<String, Boolean> words = new HashMap<>();
    private final String trueText;
    private final String falseText;

    /** @param trueValues and {@code falseValues}: null for the default side; checked by {@link ValueFormats} */
    BooleanWords(List<String> trueValues, List<String> falseValues) {
        List<String> yes = trueValues == null ? DEFAULT_TRUE : trueValues;
        List<String> no = falseValues == null ? DEFAULT_FALSE : falseValues;
        yes.forEach(w -> words.put(key(w), Boolean.TRUE));
        no.forEach(w -> words.put(key(w), Boolean.FALSE));
        this.trueText = String.join(", ", yes);
        this.falseText = String.join(", ", no);
    }

    static String key(String word) {
        return word.strip().toLowerCase(Locale.ROOT);
    }

    /** The boolean {@code s} (trimmed, not empty) names. */
    Boolean parse(String s) throws InvalidValue {
        Boolean value = words.get(s.toLowerCase(Locale.ROOT));
        if (value == null) {
            throw Messages.notInVocabulary(s, trueText, falseText);
        }
        return value;
    }
}
