package dev.sluice.collection;

import dev.sluice.error.SluiceException;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * How one import writes its values, where that differs from the canonical forms (docs/concepts.md,
 * "Local formats"). Values are kept as the options gave them; {@link #validate} checks them against
 * the collection, and {@link ValueConverter#forCollection} compiles them once per file. Immutable and
 * thread-safe.
 *
 * @param formats            per field, a format that replaces the field's own for this import
 * @param decimalSeparator   {@code .} or {@code ,}; null means {@code .}
 * @param thousandsSeparator {@code ,}, {@code .}, {@code " "} or {@code '}; null, empty or {@code none} means none
 * @param trueValues         words read as true, replacing the default ones; null keeps them
 * @param falseValues        words read as false, replacing the default ones; null keeps them
 * @param trim               true to strip leading and trailing blanks from string values too
 */
public record ValueFormats(Map<String, String> formats, String decimalSeparator, String thousandsSeparator,
                           List<String> trueValues, List<String> falseValues, boolean trim) {

    /** The canonical forms only: exactly how values converted before local formats existed. */
    public static final ValueFormats DEFAULT = new ValueFormats(Map.of(), null, null, null, null, false);

    private static final String THOUSANDS = ",. '";

    public ValueFormats {
        formats = formats == null ? Map.of() : Map.copyOf(formats);
        trueValues = trueValues == null ? null : List.copyOf(trueValues);
        falseValues = falseValues == null ? null : List.copyOf(falseValues);
    }

    /**
     * Checks every setting against {@code collection}.
     *
     * @throws SluiceException.Invalid {@code invalid_option} whose {@code details.option} names the
     *                                 setting at fault ({@code formats}, {@code decimal_separator}, ...)
     */
    public void validate(CollectionSchema collection) {
        for (Map.Entry<String, String> e : formats.entrySet()) {
            Field field = collection.field(e.getKey());
            if (field == null) {
                throw SluiceException.Invalid.option("formats", "formats names '" + e.getKey()
                        + "', which is not a field of collection " + collection.name());
            }
            try {
                TemporalFormat.compile(field.type(), e.getValue());
            } catch (IllegalArgumentException bad) {
                throw SluiceException.Invalid.option("formats", "formats: field '" + field.name() + "' ("
                        + field.type().wireName() + "): " + bad.getMessage());
            }
        }
        if (decimal() == 1) {
            throw SluiceException.Invalid.option("decimal_separator", "decimal_separator is '.' or ',', got '"
                    + decimalSeparator + "'");
        }
        if (thousands() == 1) {
            throw SluiceException.Invalid.option("thousands_separator", "thousands_separator is ',', '.', ' ',"
                    + " \"'\" or none, got '" + thousandsSeparator + "'");
        }
        if (thousands() == decimal()) {
            throw SluiceException.Invalid.option("thousands_separator", "thousands_separator and decimal_separator"
                    + " are both '" + decimal() + "'");
        }
        Set<String> trueWords = words("true_values", trueValues);
        Set<String> falseWords = words("false_values", falseValues);
        Set<String> both = new HashSet<>(trueWords == null ? keys(BooleanWords.DEFAULT_TRUE) : trueWords);
        both.retainAll(falseWords == null ? keys(BooleanWords.DEFAULT_FALSE) : falseWords);
        if (!both.isEmpty()) {
            String option = falseWords != null ? "false_values" : "true_values";
            throw SluiceException.Invalid.option(option, option + ": " + both.iterator().next()
                    + " would be read as both true and false");
        }
    }

    /** Whether numbers are read in their canonical form. */
    boolean canonicalNumbers() {
        return decimal() == '.' && thousands() == 0;
    }

    /** The decimal separator as a character: 1 for a value that is not one. */
    char decimal() {
        if (decimalSeparator == null) {
            return '.';
        }
        return decimalSeparator.equals(".") || decimalSeparator.equals(",") ? decimalSeparator.charAt(0) : 1;
    }

    /** The thousands separator as a character: 0 for none, 1 for a value that is not one. */
    char thousands() {
        if (thousandsSeparator == null || thousandsSeparator.isEmpty() || thousandsSeparator.equals("none")) {
            return 0;
        }
        return thousandsSeparator.length() == 1 && THOUSANDS.indexOf(thousandsSeparator.charAt(0)) >= 0
                ? thousandsSeparator.charAt(0) : 1;
    }

    private static Set<String> words(String option, List<String> given) {
        if (given == null) {
            return null;
        }
        if (given.isEmpty()) {
            throw SluiceException.Invalid.option(option, option + " needs at least one word");
        }
        Set<String> keys = new HashSet<>();
        for (String word : given) {
            if (word == null || word.isBlank()) {
                throw SluiceException.Invalid.option(option, option + " holds a blank word");
            }
            keys.add(BooleanWords.key(word));
        }
        return keys;
    }

    private static Set<String> keys(List<String> words) {
        Set<String> keys = new HashSet<>();
        words.forEach(w -> keys.add(BooleanWords.key(w)));
        return keys;
    }
}
