package dev.sluice.infer;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonProcessingException;
import dev.sluice.client.Json;

import java.util.List;
import java.util.Map;

/**
 * What schema inference answers, shaped as {@code POST /v1/infer}'s document (docs/inference.md):
 * a definition ready to create once a name is added, the mapping from source columns to fields,
 * the dialect read, one report per column, the number of rows sampled, and the import options to pass.
 *
 * <p>Immutable and thread-safe.
 */
public record Inference(Definition definition, Map<String, String> mapping, Dialect dialect,
                        List<Column> columns, long rowsSampled) {

    public Inference {
        mapping = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(mapping));
        columns = List.copyOf(columns);
    }

    /** The fields, in source order, and the key: the best candidate, or empty. */
    public record Definition(List<FieldDefinition> fields, List<String> key) {
        public Definition {
            fields = List.copyOf(fields);
            key = List.copyOf(key);
        }
    }

    /** One field; {@code format} only when the values need one (a date not in ISO form, ...). */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record FieldDefinition(String name, String type, String format) {
    }

    /**
     * How the source is written. {@code delimiter}, {@code quote} and {@code header} are null for JSON;
     * {@code decimal_separator} and {@code thousands_separator} are what the number columns were read
     * with ({@code thousands_separator} null when no value groups its digits).
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Dialect(String format, String delimiter, String quote, Boolean header, String encoding,
                          boolean detected, String decimalSeparator, String thousandsSeparator) {
    }

    /** What was seen in one source column; {@code format} is null for types without one. */
    public record Column(String source, String field, String type, String format, long nulls, List<String> examples) {
        public Column {
            examples = List.copyOf(examples);
        }
    }

    /** The import options that read the source as inference did ({@link ImportOptions}). */
    @JsonProperty("options")
    public ImportOptions options() {
        return ImportOptions.of(this);
    }

    /** The answer as indented JSON, with the API's snake_case names. */
    public String toJson() {
        try {
            return Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(this);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("an inference answer could not be written as JSON", e);
        }
    }
}
