package dev.sluice.corpus;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.util.Iterator;
import java.util.Map;
import java.util.function.Predicate;

/**
 * What a written value must read back as from {@code GET /v1/collections/{name}/records}, compared
 * as its field type reads back: numbers by value, timestamps as instants, {@code json} fields by
 * JSON semantics (member order aside, numbers by exact decimal value). {@link #NONE} is a value
 * that has no faithful stored form (an integer past 64 bits, February 30th, a JSON text with a
 * duplicate member): its row must be refused. Immutable.
 */
record Faithful(String description, Predicate<JsonNode> test) {
    /** No stored value would be faithful. */
    static final Faithful NONE = new Faithful("(no faithful value: the row must be refused)", n -> false);

    /**
     * The JSON reader both sides are read with: exact numbers, no limits that a stored value could
     * reach, and duplicate members detected (a text with one has no single meaning).
     */
    static final ObjectMapper READER = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(DeserializationFeature.USE_BIG_INTEGER_FOR_INTS)
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .nodeFactory(JsonNodeFactory.withExactBigDecimals(true))
            .build();

    static {
        READER.getFactory().setStreamReadConstraints(StreamReadConstraints.builder()
                .maxNestingDepth(100_000).maxNumberLength(100_000_000).maxStringLength(1_000_000_000).build());
    }

    boolean matches(JsonNode stored) {
        return test.test(stored);
    }

    @Override
    public String toString() {
        return description;
    }

    static Faithful nullValue() {
        return new Faithful("null", n -> n == null || n.isNull());
    }

    /** Either of two readings of an ambiguous text is faithful. */
    static Faithful either(Faithful one, Faithful other) {
        return new Faithful(one + " or " + other, n -> one.matches(n) || other.matches(n));
    }

    static Faithful text(String written) {
        return new Faithful(quoted(written), n -> n != null && n.isTextual() && n.textValue().equals(written));
    }

    /** An integer field: the exact whole number, or NONE when it does not fit 64 bits. */
    static Faithful integer(String digits) {
        BigInteger v = new BigInteger(digits);
        if (v.bitLength() > 63) {
            return NONE;
        }
        return new Faithful(digits, n -> n != null && n.isIntegralNumber() && n.bigIntegerValue().equals(v));
    }

    /**
     * A number field (a double): the double nearest the written decimal, as long as that is finite
     * and not zero for a value that is not zero (underflow and overflow change the value).
     */
    static Faithful number(String decimal) {
        BigDecimal exact = new BigDecimal(decimal);
        double nearest = Double.parseDouble(decimal);
        if (Double.isInfinite(nearest) || (nearest == 0 && exact.signum() != 0)) {
            return NONE;
        }
        return new Faithful(decimal + " (as the double " + nearest + ")",
                n -> n != null && n.isNumber() && n.doubleValue() == nearest);
    }

    /** A decimal field: the exact value; the scale too when the text has no exponent. */
    static Faithful decimal(String written) {
        BigDecimal v = new BigDecimal(written);
        boolean keepScale = !written.toLowerCase().contains("e");
        return new Faithful(written, n -> n != null && n.isNumber() && n.decimalValue().compareTo(v) == 0
                && (!keepScale || n.decimalValue().scale() == v.scale()));
    }

    static Faithful bool(boolean v) {
        return new Faithful(String.valueOf(v), n -> n != null && n.isBoolean() && n.booleanValue() == v);
    }

    /** A date field, as its ISO text ({@code 0000-01-01}). */
    static Faithful date(String iso) {
        return text(iso);
    }

    /** A timestamp field: the same instant. */
    static Faithful instant(String isoInstant) {
        Instant v = Instant.parse(isoInstant);
        return new Faithful(isoInstant, n -> {
            try {
                return n != null && n.isTextual() && Instant.parse(n.textValue()).equals(v);
            } catch (RuntimeException e) {
                return false;
            }
        });
    }

    /** A uuid field: the same UUID, in its canonical lower-case form. */
    static Faithful uuid(String canonical) {
        String lower = canonical.toLowerCase();
        return new Faithful(lower, n -> n != null && n.isTextual() && n.textValue().equals(lower));
    }

    /** A json field: the value the JSON text means, or NONE when it is not one JSON text. */
    static Faithful json(String written) {
        JsonNode v = parse(written);
        if (v == null) {
            return NONE;
        }
        return new Faithful("the JSON " + abbreviate(written), n -> n != null && sameJson(v, n));
    }

    /** The JSON value of {@code text} by {@link #READER}, or null when it is not exactly one JSON text. */
    static JsonNode parse(String text) {
        try {
            JsonNode node = READER.readTree(text);
            return node == null || node.isMissingNode() ? null : node;
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /** JSON semantics: numbers by exact value, objects as member sets, arrays and strings exactly. */
    static boolean sameJson(JsonNode a, JsonNode b) {
        if (a.isNumber() || b.isNumber()) {
            return a.isNumber() && b.isNumber() && a.decimalValue().compareTo(b.decimalValue()) == 0;
        }
        if (a.getNodeType() != b.getNodeType() || a.size() != b.size()) {
            return false;
        }
        if (a.isArray()) {
            for (int i = 0; i < a.size(); i++) {
                if (!sameJson(a.get(i), b.get(i))) {
                    return false;
                }
            }
            return true;
        }
        if (a.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = a.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                if (!b.has(e.getKey()) || !sameJson(e.getValue(), b.get(e.getKey()))) {
                    return false;
                }
            }
            return true;
        }
        return a.equals(b);
    }

    static String quoted(String s) {
        return "'" + abbreviate(s) + "'";
    }

    static String abbreviate(String s) {
        StringBuilder b = new StringBuilder();
        s.codePoints().limit(60).forEach(c -> {
            if (c < 0x20 || (c >= 0xD800 && c <= 0xDFFF) || c == 0x7F) {
                b.append(String.format("\\u%04x", c));
            } else {
                b.appendCodePoint(c);
            }
        });
        return s.length() > 60 ? b + "...(" + s.length() + " chars)" : b.toString();
    }
}
