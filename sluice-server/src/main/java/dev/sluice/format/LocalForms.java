package dev.sluice.format;

import dev.sluice.collection.CollectionSchema;
import dev.sluice.collection.ValueFormats;
import dev.sluice.error.SluiceException;
import dev.sluice.job.OptionSet;
import dev.sluice.job.Options;

import java.util.List;
import java.util.Map;

/**
 * The import options that say how a file's values and columns are written ({@code formats},
 * separators, boolean words, {@code trim}, {@code mapping}), read from the options stored with the
 * file, so a resumed or retried job converts alike, and checked against the collection when a job is
 * created (docs/concepts.md, "Local formats" and "Column mapping"). Stateless and thread-safe.
 */
public final class LocalForms {
    private LocalForms() {
    }

    /** How the values of a file with these options are written. */
    public static ValueFormats valueFormats(OptionSet file) {
        return new ValueFormats(file.get(Options.FORMATS, Map.of()), file.get(Options.DECIMAL_SEPARATOR),
                file.get(Options.THOUSANDS_SEPARATOR), file.get(Options.TRUE_VALUES), file.get(Options.FALSE_VALUES),
                file.get(Options.TRIM, false));
    }

    /** Source column (or dotted JSON path) to field, or to null for a column to ignore; empty when not given. */
    public static Map<String, String> mapping(OptionSet file) {
        return file.get(Options.MAPPING, Map.of());
    }

    /**
     * Checks a file's options against the collection it is imported into.
     *
     * @throws SluiceException.Invalid {@code invalid_option} with {@code details.option} naming the option
     *                                 at fault: {@code mapping} for a field the collection lacks, and
     *                                 those of {@link ValueFormats#validate}
     */
    public static void check(OptionSet file, CollectionSchema collection) {
        for (Map.Entry<String, String> e : mapping(file).entrySet()) {
            if (e.getValue() != null && collection.field(e.getValue()) == null) {
                throw SluiceException.Invalid.option("mapping", "mapping maps '" + e.getKey() + "' to '"
                        + e.getValue() + "', which is not a field of collection " + collection.name()
                        + " (its fields: " + String.join(", ", names(collection)) + ")");
            }
        }
        valueFormats(file).validate(collection);
    }

    private static List<String> names(CollectionSchema collection) {
        return collection.fields().stream().map(f -> f.name()).toList();
    }
}
