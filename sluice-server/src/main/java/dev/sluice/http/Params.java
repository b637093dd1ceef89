package dev.sluice.http;

import dev.sluice.error.SluiceException;
import io.javalin.http.Context;

import java.util.Set;

/**
 * Reads and checks query parameters; every refusal is {@code 400 invalid_option} naming the
 * parameter. Stateless and thread-safe.
 */
final class Params {
    private Params() {
    }

    /** Refuses parameters a route does not know, so a misspelt option never passes silently. */
    static void allowOnly(Context ctx, Set<String> known) {
        for (String name : ctx.queryParamMap().keySet()) {
            if (!known.contains(name)) {
                throw SluiceException.Invalid.option(name, "unknown parameter '" + name + "'; this route takes "
                        + (known.isEmpty() ? "no query parameters" : String.join(", ", new java.util.TreeSet<>(known))));
            }
        }
    }

    static String string(Context ctx, String name) {
        String v = ctx.queryParam(name);
        return v == null || v.isEmpty() ? null : v;
    }

    /** The {@code file_name} parameter, or null; {@code 400 invalid_option} when it holds a control character. */
    static String fileName(Context ctx) {
        String name = string(ctx, "file_name");
        String problem = name == null ? null : FileNames.problem(name);
        if (problem != null) {
            throw SluiceException.Invalid.option("file_name", "file_name: " + problem);
        }
        return name;
    }

    static int limit(Context ctx, int dflt, int max) {
        Long v = longValue(ctx, "limit");
        if (v == null) {
            return dflt;
        }
        if (v < 1 || v > max) {
            throw SluiceException.Invalid.option("limit", "limit must be between 1 and " + max + ", got " + v);
        }
        return v.intValue();
    }

    static Long longValue(Context ctx, String name) {
        String v = string(ctx, name);
        if (v == null) {
            return null;
        }
        try {
            return Long.parseLong(v.trim());
        } catch (NumberFormatException e) {
            throw SluiceException.Invalid.option(name, name + " must be a whole number, got '" + v + "'");
        }
    }

    /** A boolean; a parameter sent without a value ({@code ?wait}, {@code ?wait=}) is refused, not ignored. */
    static Boolean bool(Context ctx, String name) {
        String v = ctx.queryParam(name);
        if (v == null) {
            return null;
        }
        if (v.isBlank()) {
            throw SluiceException.Invalid.option(name, name + " takes true or false; it was sent without a value");
        }
        return switch (v.trim().toLowerCase(java.util.Locale.ROOT)) {
            case "true", "1", "yes" -> true;
            case "false", "0", "no" -> false;
            default -> throw SluiceException.Invalid.option(name, name + " must be true or false, got '" + v + "'");
        };
    }

    /** A cursor that is a job id, as {@code GET /v1/imports} gives out, or null when absent. */
    static String jobCursor(Context ctx) {
        String v = ctx.queryParam("cursor");
        if (v == null || v.isEmpty()) {
            return null;
        }
        try {
            if (java.util.UUID.fromString(v).toString().equals(v)) {
                return v;
            }
        } catch (IllegalArgumentException e) {
            // refused below, as any text that is not a job id
        }
        throw SluiceException.Invalid.option("cursor", "cursor '" + v + "' is not one this API gave out");
    }

    /** A cursor that is a position number. */
    static long position(Context ctx) {
        String v = string(ctx, "cursor");
        if (v == null) {
            return 0;
        }
        try {
            long p = Long.parseLong(v);
            if (p < 0) {
                throw new NumberFormatException();
            }
            return p;
        } catch (NumberFormatException e) {
            throw SluiceException.Invalid.option("cursor", "cursor '" + v + "' is not one this API gave out");
        }
    }
}
