package dev.sluice.client;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The import options of {@link ImportRequest} that say how a file's columns and values are written:
 * the column {@code mapping}, per-field date and timestamp {@code formats}, the number separators,
 * the boolean words and {@code trim} (see the HTTP API, "Column mapping" and "Local formats").
 * Every option left null takes the server's default. Immutable and thread-safe.
 *
 * @param mapping            source column (or dotted JSON path) to field name, or to null to ignore it
 * @param formats            field name to date or timestamp pattern
 * @param decimalSeparator   {@code .} or {@code ,}
 * @param thousandsSeparator {@code ,}, {@code .}, a space, {@code '} or {@code none}
 * @param trueValues         words read as true
 * @param falseValues        words read as false
 * @param trim               true: strings lose leading and trailing blanks too
 */
public record ValueOptions(Map<String, String> mapping, Map<String, String> formats, String decimalSeparator,
                           String thousandsSeparator, List<String> trueValues, List<String> falseValues,
                           Boolean trim) {

    static final ValueOptions NONE = new ValueOptions(null, null, null, null, null, null, null);

    public ValueOptions {
        mapping = mapping == null ? null : Collections.unmodifiableMap(new LinkedHashMap<>(mapping));
        formats = formats == null ? null : Map.copyOf(formats);
        trueValues = trueValues == null ? null : List.copyOf(trueValues);
        falseValues = falseValues == null ? null : List.copyOf(falseValues);
    }

    /**
     * The options as query parameters: {@code mapping} and {@code formats} as JSON text (the transport
     * URL-encodes it), the word lists comma-separated.
     */
    void putQuery(Map<String, String> q) {
        put(q, "mapping", mapping == null ? null : object(mapping).toString());
        put(q, "formats", formats == null ? null : object(formats).toString());
        put(q, "decimal_separator", decimalSeparator);
        put(q, "thousands_separator", thousandsSeparator);
        put(q, "true_values", trueValues == null ? null : String.join(",", trueValues));
        put(q, "false_values", falseValues == null ? null : String.join(",", falseValues));
        put(q, "trim", trim == null ? null : trim.toString());
    }

    /** The options as members of a JSON request. */
    void writeJson(ObjectNode body) {
        if (mapping != null) {
            body.set("mapping", object(mapping));
        }
        if (formats != null) {
            body.set("formats", object(formats));
        }
        if (decimalSeparator != null) {
            body.put("decimal_separator", decimalSeparator);
        }
        if (thousandsSeparator != null) {
            body.put("thousands_separator", thousandsSeparator);
        }
        if (trueValues != null) {
            trueValues.forEach(body.putArray("true_values")::add);
        }
        if (falseValues != null) {
            falseValues.forEach(body.putArray("false_values")::add);
        }
        if (trim != null) {
            body.put("trim", trim);
        }
    }

    private static ObjectNode object(Map<String, String> members) {
        ObjectNode o = Json.mapper().createObjectNode();
        members.forEach(o::put);
        return o;
    }

    private static void put(Map<String, String> q, String name, String value) {
        if (value != null) {
            q.put(name, value);
        }
    }
}
