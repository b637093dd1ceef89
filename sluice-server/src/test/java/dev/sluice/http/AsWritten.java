package dev.sluice.http;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.infer.InferenceCorpus;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.ResolverStyle;
import java.util.Locale;
import java.util.Set;

/**
 * Whether a value read back is the value a file wrote, per type: the same text for strings, the same
 * number whatever its separators ({@code 1.234,50} is 1234.50), the same truth for the words of the
 * boolean vocabulary, the same day for a date in its pattern ({@code 31.12.2024} is 2024-12-31), the
 * same instant for a timestamp, the same uuid in any case and the same JSON. A blank cell is null.
 */
final class AsWritten {
    private static final Set<String> TRUE = Set.of("true", "t", "yes", "y", "on", "1", "ja");

    private AsWritten() {
    }

    static boolean same(String type, String format, InferenceCorpus.Dialect dialect, JsonNode written, JsonNode read) {
        if (written.isMissingNode() || written.isNull() || (written.isTextual() && written.asText().isBlank())) {
            return read == null || read.isNull() || ("string".equals(type) && read.asText().equals(written.asText("")));
        }
        if (read == null || read.isNull()) {
            return false;
        }
        String text = written.isTextual() ? written.asText() : written.toString();
        switch (type) {
            case "integer", "number", "decimal":
                return number(text, dialect).compareTo(new BigDecimal(read.asText())) == 0;
            case "boolean":
                return TRUE.contains(text.trim().toLowerCase(Locale.ROOT)) == read.asBoolean();
            case "date":
                return date(text.trim(), format).equals(read.asText());
            case "timestamp":
                return timestamp(text.trim(), format).equals(OffsetDateTime.parse(read.asText()).toInstant());
            case "uuid":
                return text.trim().equalsIgnoreCase(read.asText());
            case "json":
                return tree(text).equals(read.isTextual() ? tree(read.asText()) : read);
            default:
                return text.equals(read.asText());
        }
    }

    private static BigDecimal number(String text, InferenceCorpus.Dialect dialect) {
        String plain = text.trim();
        if (dialect != null && ",".equals(dialect.decimal())) {
            plain = plain.replace(".", "").replace(',', '.');
        }
        return new BigDecimal(plain);
    }

    private static String date(String text, String format) {
        return format == null || format.equals("yyyy-MM-dd") ? text : LocalDate.parse(text, pattern(format)).toString();
    }

    private static Instant timestamp(String text, String format) {
        if (format != null) {
            return LocalDateTime.parse(text, pattern(format)).toInstant(ZoneOffset.UTC);
        }
        String iso = text.replace(' ', 'T');
        try {
            return OffsetDateTime.parse(iso).toInstant();
        } catch (java.time.format.DateTimeParseException noZone) {
            return LocalDateTime.parse(iso).toInstant(ZoneOffset.UTC);
        }
    }

    private static DateTimeFormatter pattern(String format) {
        return DateTimeFormatter.ofPattern(format.replace("yyyy", "uuuu")).withResolverStyle(ResolverStyle.STRICT);
    }

    private static JsonNode tree(String text) {
        try {
            return RunningServer.JSON.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
