package dev.sluice.infer;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The import options that read a source as its {@link Inference} did, to pass as they are with the
 * inferred definition (docs/inference.md#the-answer): the dialect, the mapping, the number
 * separators, and {@code columns} when the source has no header or its header cannot be matched by
 * name (a blank or repeated column name, which an import refuses and a mapping object cannot name);
 * then the columns are named after their fields and the header line is skipped.
 *
 * <p>Immutable and thread-safe.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ImportOptions(String format, String delimiter, String quote, Boolean header, String encoding,
                            List<String> columns, Map<String, String> mapping, String decimalSeparator,
                            String thousandsSeparator) {

    static ImportOptions of(Inference inference) {
        Inference.Dialect d = inference.dialect();
        List<String> sources = new ArrayList<>();
        List<String> fields = new ArrayList<>();
        inference.columns().forEach(c -> {
            sources.add(c.source());
            fields.add(c.field());
        });
        boolean named = d.header() == null || (d.header() && nameable(sources));
        return new ImportOptions(d.format(), d.delimiter(), d.quote(), d.header(), d.encoding(),
                named ? null : List.copyOf(fields), named ? inference.mapping() : Map.of(),
                d.decimalSeparator(), d.thousandsSeparator());
    }

    /** Whether every name is neither blank nor repeated, so that an import can match columns by it. */
    private static boolean nameable(List<String> sources) {
        Set<String> seen = new HashSet<>();
        for (String s : sources) {
            if (s == null || s.isBlank() || !seen.add(s.strip())) {
                return false;
            }
        }
        return true;
    }
}
