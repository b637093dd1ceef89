package dev.sluice.sink;

import dev.sluice.collection.FieldType;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.UUID;

/**
 * Rows in PostgreSQL's COPY text format: tab-separated, {@code \N} for null, backslash escapes for
 * backslash, tab, newline and carriage return. Pure and thread-safe; runs on the reading thread.
 */
final class PostgresCopyText {

    private PostgresCopyText() {
    }

    /**
     * One staged row without its leading ordinal: {@code \t_id\t_import_pos\tfield...\n}, UTF-8.
     */
    static byte[] encode(UUID id, long position, List<FieldType> types, Object[] values) {
        StringBuilder sb = new StringBuilder(64 + values.length * 16);
        sb.append('\t').append(id).append('\t').append(position);
        for (int f = 0; f < values.length; f++) {
            sb.append('\t');
            append(sb, types.get(f), values[f]);
        }
        sb.append('\n');
        return sb.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static void append(StringBuilder sb, FieldType type, Object value) {
        if (value == null) {
            sb.append("\\N");
            return;
        }
        switch (type) {
            case STRING, JSON -> escape(sb, (String) value);
            case BOOLEAN -> sb.append(((Boolean) value) ? 't' : 'f');
            case DECIMAL -> sb.append(((BigDecimal) value).toPlainString());
            case TIMESTAMP -> sb.append(DateTimeFormatter.ISO_INSTANT.format((Instant) value));
            default -> sb.append(value);
        }
    }

    private static void escape(StringBuilder sb, String s) {
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            switch (ch) {
                case '\\' -> sb.append("\\\\");
                case '\t' -> sb.append("\\t");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                default -> sb.append(ch);
            }
        }
    }
}
