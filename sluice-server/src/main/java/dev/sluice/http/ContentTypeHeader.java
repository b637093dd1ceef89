package dev.sluice.http;

import dev.sluice.error.SluiceException;
import io.javalin.http.Context;

import java.nio.charset.Charset;
import java.nio.charset.IllegalCharsetNameException;
import java.util.Locale;
import java.util.Map;

/**
 * Refuses a request whose Content-Type is not a media type with well-formed parameters, before
 * anything reads the request: a parameter without {@code name=value} ({@code text/csv; charset}) or a
 * charset that does not exist would otherwise fail deep inside the query or body parsing. Empty
 * parameters ({@code text/csv; ;}) are allowed, as HTTP allows them. Stateless.
 */
final class ContentTypeHeader {
    private ContentTypeHeader() {
    }

    /** A before-handler: {@code 415 unsupported_media_type} naming the header and what is wrong with it. */
    static void requireWellFormed(Context ctx) {
        String header = ctx.header("Content-Type");
        if (header == null) {
            return;
        }
        String problem = problem(header);
        if (problem != null) {
            throw new SluiceException.UnsupportedMedia("unsupported_media_type", "the Content-Type header '" + header
                    + "' is malformed: " + problem, Map.of("content_type", header));
        }
    }

    /** What is wrong with a Content-Type value, or null when nothing is. */
    static String problem(String header) {
        String[] parts = header.split(";", -1);
        if (parts[0].isBlank()) {
            return "it names no media type (expected type/subtype, e.g. text/csv)";
        }
        for (int i = 1; i < parts.length; i++) {
            String parameter = parts[i].trim();
            if (parameter.isEmpty()) {
                continue;
            }
            int eq = parameter.indexOf('=');
            if (eq <= 0) {
                return "parameter '" + parameter + "' is not name=value";
            }
            String name = parameter.substring(0, eq).trim();
            String value = parameter.substring(eq + 1).trim();
            if (value.isEmpty()) {
                return "parameter '" + name + "' has no value";
            }
            if (name.toLowerCase(Locale.ROOT).startsWith("charset") && !isCharset(value)) {
                return "charset '" + value + "' is not a character set Sluice knows (e.g. utf-8)";
            }
        }
        return null;
    }

    private static boolean isCharset(String name) {
        try {
            return name.indexOf('=') < 0 && Charset.isSupported(name);
        } catch (IllegalCharsetNameException e) {
            return false;
        }
    }
}
