package dev.sluice.infer;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sluice.collection.FieldType;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What the sampled values of one column allow: each candidate type stays possible while every
 * non-null value fits it. Also counts nulls, keeps a few examples and whether the values were
 * unique (for the key). Not thread-safe.
 */
final class ColumnProfile {
    private static final Set<String> BOOLEANS = Set.of("true", "false", "t", "f", "yes", "no", "y", "n", "on", "off");
    private static final Pattern UUID = Pattern.compile(
            "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
    private static final Pattern LEADING_ZERO = Pattern.compile("[+-]?0\\d.*");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int EXAMPLES = 3;
    private static final int KEY_VALUE_LIMIT = 200;

    final NumberTrack dot = NumberTrack.dotDecimal();
    final NumberTrack comma = NumberTrack.commaDecimal();
    private final List<String> examples = new ArrayList<>();
    private final Set<String> distinct = new HashSet<>();
    private boolean unique = true;
    private long nulls;
    private long values;
    private boolean canBoolean = true;
    private boolean canUuid = true;
    private boolean canJson = true;
    private boolean canDate = true;
    private boolean leadingZero;
    private int dateOrders = -1;
    private boolean dateUnpadded;
    private boolean isoTimes = true;
    private String timePattern;
    private boolean textOnly;

    /** One cell of delimited text; blank is null. */
    void seeText(String cell) {
        if (cell == null || cell.isBlank()) {
            nulls++;
            return;
        }
        String v = cell.strip();
        count(cell);
        canBoolean &= BOOLEANS.contains(v.toLowerCase(Locale.ROOT));
        leadingZero |= LEADING_ZERO.matcher(v).matches();
        dot.see(v);
        comma.see(v);
        canUuid &= UUID.matcher(v).matches();
        canJson &= (v.startsWith("{") || v.startsWith("[")) && parsesAsJson(v);
        seeDate(v);
    }

    /** One member of a JSON object; JSON null or a missing member is null. */
    void seeJson(JsonNode node) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            nulls++;
            return;
        }
        count(node.isTextual() ? node.asText() : node.toString());
        canJson &= node.isContainerNode();
        canBoolean &= node.isBoolean();
        if (node.isNumber()) {
            dot.see(node.isIntegralNumber() ? node.bigIntegerValue().toString() : node.decimalValue().toPlainString());
        } else {
            dot.see("x");
        }
        comma.see("x");
        String text = node.isTextual() ? node.asText().strip() : "";
        canUuid &= node.isTextual() && UUID.matcher(text).matches();
        if (node.isTextual()) {
            seeDate(text);
        } else {
            canDate = false;
        }
    }

    /** A column whose values must stay text whatever they look like (e.g. numbers written as JSON strings). */
    void textOnly() {
        textOnly = true;
    }

    private void count(String value) {
        values++;
        if (examples.size() < EXAMPLES && !examples.contains(value)) {
            examples.add(value.length() > 100 ? value.substring(0, 100) : value);
        }
        if (unique) {
            unique = value.length() <= KEY_VALUE_LIMIT && distinct.add(value);
        }
    }

    private void seeDate(String v) {
        if (!canDate) {
            return;
        }
        DateShape shape = DateShape.of(v);
        boolean bothIso = isoTimes && shape != null && shape.isoTime() && timePattern != null;
        // ISO 8601 timestamps may differ in separator, fraction and zone and still read alike
        if (shape == null || (dateOrders != -1 && !bothIso && !same(timePattern, shape.time()))) {
            canDate = false;
            return;
        }
        dateOrders = dateOrders == -1 ? shape.orders() : dateOrders & shape.orders();
        dateUnpadded |= shape.unpadded();
        isoTimes &= shape.isoTime();
        timePattern = shape.time();
        canDate = dateOrders != 0;
    }

    private static boolean same(String a, String b) {
        return a == null ? b == null : a.equals(b);
    }

    private static boolean parsesAsJson(String v) {
        try {
            return JSON.readTree(v).isContainerNode();
        } catch (JsonProcessingException e) {
            return false;
        }
    }

    long nulls() {
        return nulls;
    }

    long values() {
        return values;
    }

    List<String> examples() {
        return List.copyOf(examples);
    }

    boolean unique() {
        return unique && values > 0 && nulls == 0;
    }

    /** The type every value fits, and its format; {@code decimalSeparator} is the file's ('.' or ','). */
    Typed type(char decimalSeparator) {
        if (values == 0 || textOnly) {
            return new Typed(FieldType.STRING, null);
        }
        if (canJson) {
            return new Typed(FieldType.JSON, null);
        }
        if (canBoolean) {
            return new Typed(FieldType.BOOLEAN, null);
        }
        Typed number = number(decimalSeparator);
        if (number != null) {
            return number;
        }
        if (canDate) {
            return date();
        }
        return new Typed(canUuid ? FieldType.UUID : FieldType.STRING, null);
    }

    private Typed number(char decimalSeparator) {
        if (leadingZero) {
            return null;
        }
        NumberTrack track = decimalSeparator == ',' ? comma : dot;
        boolean ambiguous = decimalSeparator == '.' && dot.sawGrouping() && comma.fractional();
        return track.ok() && !ambiguous ? new Typed(track.type(), null) : null;
    }

    private Typed date() {
        String datePattern = DateShape.pattern(dateOrders, dateUnpadded);
        if (timePattern == null) {
            return new Typed(FieldType.DATE, datePattern);
        }
        return new Typed(FieldType.TIMESTAMP, isoTimes ? Typed.ISO8601 : datePattern + timePattern);
    }

    /** A field type with its format (null when the type has none). */
    record Typed(FieldType type, String format) {
        static final String ISO8601 = "iso8601";
    }
}
