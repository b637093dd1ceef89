package dev.sluice.store;

import dev.sluice.collection.CollectionSchema;

import java.util.List;

/**
 * How every database Sluice runs on names a collection's tables, columns and indexes: in "double
 * quotes", which SQLite and PostgreSQL both accept, and only for validated names
 * ({@link CollectionSchema#NAME}) or the system columns. Stateless and thread-safe.
 *
 * @throws IllegalArgumentException from {@link #quote} for any other name
 */
public final class Identifiers {
    /** The system columns every collection table has, before the fields. */
    public static final List<String> SYSTEM_COLUMNS =
            List.of("_id", "_import_id", "_import_pos", "_created_at", "_updated_at");

    /** Sluice's own tables made at run time (an atomic job's staging table): a fixed prefix, then letters and digits. */
    private static final java.util.regex.Pattern OWN_TABLE = java.util.regex.Pattern.compile("_sluice_[a-z0-9_]{1,55}");

    /**
     * The staging table of the atomic job with this id, unquoted (docs/concepts.md, "Atomic imports"): the
     * id's letters and digits (a UUID's 32 hex digits) after a fixed prefix.
     */
    public static String atomicStaging(String jobId) {
        String digits = jobId.toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9]", "");
        return "_sluice_atomic_" + digits.substring(0, Math.min(digits.length(), 40));
    }

    private Identifiers() {
    }

    /** The identifier in double quotes; never anything but a validated name. */
    public static String quote(String identifier) {
        if (!CollectionSchema.NAME.matcher(identifier).matches() && !SYSTEM_COLUMNS.contains(identifier)
                && !OWN_TABLE.matcher(identifier).matches()) {
            throw new IllegalArgumentException("not a valid identifier: " + identifier);
        }
        return '"' + identifier + '"';
    }

    /** The key index's name; it starts with {@code _}, so it never collides with a collection's table name. */
    static String keyIndexName(CollectionSchema c) {
        return "\"_sluice_key_" + Identifiers.quote(c.name()).substring(1);
    }
}
