package dev.sluice.job;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.List;

/**
 * Where a request's option values are read from (the query of a raw upload, or the members of a JSON
 * request). Each getter answers null when the option is absent and refuses a value of the wrong kind
 * with {@code 400 invalid_option} naming it. The options themselves are listed in {@link Options}.
 */
public interface OptionSource {
    String text(String name);

    /** True when the option was sent with an empty value ({@code delimiter=}, {@code "quote": ""}): {@link #text} reads it as absent. */
    boolean sentEmpty(String name);

    Long number(String name);

    Boolean bool(String name);

    /** A list: comma-separated in a query, an array (or comma-separated text) in JSON. */
    List<String> list(String name);

    /**
     * A JSON object: URL-encoded JSON text in a query, an object (or JSON text) in JSON; refused with
     * {@code 400 invalid_option} when it is not an object.
     */
    ObjectNode object(String name);
}
