package dev.sluice.corpus;

import dev.sluice.corpus.HostileCase.Want;

import java.util.ArrayList;
import java.util.List;

import static dev.sluice.corpus.Faithful.NONE;
import static dev.sluice.corpus.HostileCase.Want.FAITHFUL_OR_REFUSED;
import static dev.sluice.corpus.HostileCase.Want.REFUSED;
import static dev.sluice.corpus.HostileCase.Want.STORED;

/**
 * Extreme values per field type, each between two ordinary rows: integer bounds and one past them,
 * number underflow and overflow, exponents beyond 32 bits, huge decimal exponents, dates at the
 * ends of the calendar and days that do not exist, timestamps with odd offsets, UUIDs in odd
 * dress, every boolean spelling. What each must read back as follows {@code docs/concepts.md}
 * (how values convert); a value with no faithful stored form must fail its row. Stateless.
 */
final class ValueCases {
    private static final String CATEGORY = "values";

    private ValueCases() {
    }

    /** One value written as text: into a CSV cell, and as a JSON string in NDJSON when {@code alsoJson}. */
    private record Text(String type, String text, Faithful value, Want want, boolean alsoJson) {
    }

    /** One value written as a bare JSON literal in NDJSON. */
    private record Literal(String type, String json, Faithful value, Want want) {
    }

    static List<HostileCase> all() {
        List<HostileCase> cases = new ArrayList<>();
        for (Text t : texts()) {
            String name = t.type() + " " + Faithful.quoted(t.text());
            cases.add(Cases.csvValue(CATEGORY, name + " in csv", t.type(), Cases.csvCell(t.text()), t.value(), t.want()));
            if (t.alsoJson()) {
                cases.add(Cases.ndjsonValue(CATEGORY, name + " as a json string", t.type(), Cases.jsonString(t.text()),
                        t.value(), t.want()));
            }
        }
        for (Literal l : literals()) {
            cases.add(Cases.ndjsonValue(CATEGORY, l.type() + " " + l.json() + " as a json literal", l.type(), l.json(),
                    l.value(), l.want()));
        }
        return cases;
    }

    private static List<Text> texts() {
        List<Text> t = new ArrayList<>();
        t.addAll(integers());
        t.addAll(numbers());
        t.addAll(decimals());
        t.addAll(booleans());
        t.addAll(dates());
        t.addAll(timestamps());
        t.addAll(uuids());
        t.addAll(strings());
        t.addAll(jsonCells());
        return t;
    }

    private static List<Text> integers() {
        return List.of(
                new Text("integer", "9223372036854775807", Faithful.integer("9223372036854775807"), STORED, true),
                new Text("integer", "-9223372036854775808", Faithful.integer("-9223372036854775808"), STORED, false),
                new Text("integer", "9223372036854775808", NONE, REFUSED, true),
                new Text("integer", "-9223372036854775809", NONE, REFUSED, false),
                new Text("integer", "99999999999999999999999999999999999999", NONE, REFUSED, false),
                new Text("integer", "+5", Faithful.integer("5"), STORED, false),
                new Text("integer", "-0", Faithful.integer("0"), STORED, false),
                new Text("integer", "007", Faithful.integer("7"), FAITHFUL_OR_REFUSED, false),
                new Text("integer", " 42 ", Faithful.integer("42"), STORED, false),
                new Text("integer", "1e3", Faithful.integer("1000"), FAITHFUL_OR_REFUSED, false),
                new Text("integer", "1.5", NONE, REFUSED, false),
                new Text("integer", "0x1F", NONE, REFUSED, false),
                new Text("integer", "1_000", NONE, REFUSED, false),
                new Text("integer", "--1", NONE, REFUSED, false),
                new Text("integer", "\u0661\u0662\u0663", Faithful.integer("123"), FAITHFUL_OR_REFUSED, false),
                new Text("integer", "1e2147483648", NONE, REFUSED, true));
    }

    private static List<Text> numbers() {
        return List.of(
                new Text("number", "1.7976931348623157e308", Faithful.number("1.7976931348623157e308"), STORED, false),
                new Text("number", "1.7976931348623159e308", NONE, REFUSED, false),
                new Text("number", "1e309", NONE, REFUSED, true),
                new Text("number", "4.9e-324", Faithful.number("4.9e-324"), FAITHFUL_OR_REFUSED, false),
                new Text("number", "4.9e-325", NONE, REFUSED, true),
                new Text("number", "1e-999999999", NONE, REFUSED, true),
                new Text("number", "1e2147483648", NONE, REFUSED, true),
                new Text("number", "1e-2147483649", NONE, REFUSED, false),
                new Text("number", "NaN", NONE, REFUSED, true),
                new Text("number", "-Infinity", NONE, REFUSED, true),
                new Text("number", "0.1", Faithful.number("0.1"), STORED, false),
                new Text("number", "-0", Faithful.number("-0"), STORED, false),
                new Text("number", "1,5", NONE, REFUSED, false),
                new Text("number", "123456789012345678901234567890", Faithful.number("123456789012345678901234567890"),
                        STORED, false),
                new Text("number", ".5", Faithful.number("0.5"), FAITHFUL_OR_REFUSED, false));
    }

    private static List<Text> decimals() {
        return List.of(
                new Text("decimal", "10.50", Faithful.decimal("10.50"), STORED, true),
                new Text("decimal", "123456789012345678901234567890.123456789",
                        Faithful.decimal("123456789012345678901234567890.123456789"), STORED, false),
                new Text("decimal", "1e999999999", Faithful.decimal("1e999999999"), FAITHFUL_OR_REFUSED, false),
                new Text("decimal", "1e-999999999", Faithful.decimal("1e-999999999"), FAITHFUL_OR_REFUSED, false),
                new Text("decimal", "1e2147483648", NONE, REFUSED, true),
                new Text("decimal", "1e-2147483648", NONE, REFUSED, false),
                new Text("decimal", "-0.000", Faithful.decimal("-0.000"), FAITHFUL_OR_REFUSED, false),
                new Text("decimal", "NaN", NONE, REFUSED, false),
                new Text("decimal", "1.2.3", NONE, REFUSED, false),
                new Text("decimal", "0." + "0".repeat(20_000) + "1", Faithful.decimal("0." + "0".repeat(20_000) + "1"),
                        FAITHFUL_OR_REFUSED, false));
    }

    private static List<Text> booleans() {
        List<Text> t = new ArrayList<>();
        for (String yes : List.of("true", "TRUE", "t", "Yes", "y", "1", "oN")) {
            t.add(new Text("boolean", yes, Faithful.bool(true), STORED, false));
        }
        for (String no : List.of("false", "F", "no", "N", "0", "OFF")) {
            t.add(new Text("boolean", no, Faithful.bool(false), STORED, false));
        }
        for (String neither : List.of("2", "truee", "enabled", "-1", "\u662f")) {
            t.add(new Text("boolean", neither, NONE, REFUSED, false));
        }
        return t;
    }

    private static List<Text> dates() {
        return List.of(
                new Text("date", "0000-01-01", Faithful.date("0000-01-01"), FAITHFUL_OR_REFUSED, true),
                new Text("date", "9999-12-31", Faithful.date("9999-12-31"), STORED, true),
                new Text("date", "2020-02-29", Faithful.date("2020-02-29"), STORED, false),
                new Text("date", "2021-02-29", NONE, REFUSED, true),
                new Text("date", "2020-02-30", NONE, REFUSED, true),
                new Text("date", "2020-04-31", NONE, REFUSED, false),
                new Text("date", "2020-13-01", NONE, REFUSED, false),
                new Text("date", "2020-00-10", NONE, REFUSED, false),
                new Text("date", "+10000-01-01", Faithful.date("+10000-01-01"), FAITHFUL_OR_REFUSED, false),
                new Text("date", "-0001-01-01", Faithful.date("-0001-01-01"), FAITHFUL_OR_REFUSED, false),
                new Text("date", " 2020-01-01 ", Faithful.date("2020-01-01"), STORED, false),
                new Text("date", "2020-01-01T10:00:00+05:00", NONE, REFUSED, false));
    }

    private static List<Text> timestamps() {
        return List.of(
                new Text("timestamp", "2020-01-01T00:00:00+14:00", Faithful.instant("2019-12-31T10:00:00Z"), STORED, true),
                new Text("timestamp", "2020-01-01T00:00:00-12:00", Faithful.instant("2020-01-01T12:00:00Z"), STORED, false),
                new Text("timestamp", "2020-01-01T00:00:00+05:45", Faithful.instant("2019-12-31T18:15:00Z"), STORED, false),
                new Text("timestamp", "2020-01-01T00:00:00+18:00", Faithful.instant("2019-12-31T06:00:00Z"),
                        FAITHFUL_OR_REFUSED, false),
                new Text("timestamp", "2020-01-01T00:00:00+19:00", NONE, REFUSED, false),
                new Text("timestamp", "2020-01-01T00:00:00+00:00:30", Faithful.instant("2019-12-31T23:59:30Z"),
                        FAITHFUL_OR_REFUSED, false),
                new Text("timestamp", "2020-01-01T00:00:00+0530", Faithful.instant("2019-12-31T18:30:00Z"),
                        FAITHFUL_OR_REFUSED, false),
                new Text("timestamp", "2020-01-01 00:00:00", Faithful.instant("2020-01-01T00:00:00Z"), STORED, false),
                new Text("timestamp", "2020-01-01", Faithful.instant("2020-01-01T00:00:00Z"), STORED, false),
                new Text("timestamp", "2020-01-01T23:59:60Z", NONE, REFUSED, false),
                new Text("timestamp", "2020-01-01T00:00:00.123456789Z", Faithful.instant("2020-01-01T00:00:00.123456789Z"),
                        FAITHFUL_OR_REFUSED, true),
                new Text("timestamp", "2020-01-01T00:00:00.1234567891Z", NONE, REFUSED, false),
                new Text("timestamp", "0000-01-01T00:00:00Z", Faithful.instant("0000-01-01T00:00:00Z"),
                        FAITHFUL_OR_REFUSED, false),
                new Text("timestamp", "9999-12-31T23:59:59.999999Z", Faithful.instant("9999-12-31T23:59:59.999999Z"),
                        STORED, false),
                new Text("timestamp", "2020-02-30T00:00:00Z", NONE, REFUSED, true),
                new Text("timestamp", "1577836800", NONE, REFUSED, false));
    }

    private static List<Text> uuids() {
        String u = "123e4567-e89b-12d3-a456-426614174000";
        return List.of(
                new Text("uuid", u.toUpperCase(), Faithful.uuid(u), STORED, true),
                new Text("uuid", "{" + u + "}", Faithful.uuid(u), FAITHFUL_OR_REFUSED, true),
                new Text("uuid", "urn:uuid:" + u, Faithful.uuid(u), FAITHFUL_OR_REFUSED, false),
                new Text("uuid", u.replace("-", ""), Faithful.uuid(u), FAITHFUL_OR_REFUSED, false),
                new Text("uuid", "1-1-1-1-1", NONE, REFUSED, true),
                new Text("uuid", u + "0", NONE, REFUSED, false),
                new Text("uuid", "g" + u.substring(1), NONE, REFUSED, false),
                new Text("uuid", "ffffffff-ffff-ffff-ffff-ffffffffffff", Faithful.uuid("ffffffff-ffff-ffff-ffff-ffffffffffff"),
                        STORED, false));
    }

    private static List<Text> strings() {
        return List.of(
                new Text("string", "  padded  ", Faithful.text("  padded  "), STORED, true),
                new Text("string", "tab\tand\u000bvt", Faithful.text("tab\tand\u000bvt"), STORED, true),
                new Text("string", "\ud83d\ude00 e\u0301 \u202eevil \u2028", Faithful.text("\ud83d\ude00 e\u0301 \u202eevil \u2028"),
                        STORED, true),
                new Text("string", "x".repeat(100_000), Faithful.text("x".repeat(100_000)), STORED, false));
    }

    /** JSON texts in a CSV cell of a {@code json} field (as NDJSON members they are {@link JsonCases}). */
    private static List<Text> jsonCells() {
        return List.of(
                new Text("json", "{\"a\": [1, \"x\"]}", Faithful.json("{\"a\": [1, \"x\"]}"), STORED, false),
                new Text("json", "1e2147483648", NONE, REFUSED, false),
                new Text("json", "1e999999", Faithful.json("1e999999"), FAITHFUL_OR_REFUSED, false),
                new Text("json", "\"\\ud800\"", Faithful.json("\"\\ud800\""), FAITHFUL_OR_REFUSED, false),
                new Text("json", "{\"a\": 1, \"a\": 2}", NONE, REFUSED, false),
                new Text("json", "[1,]", NONE, REFUSED, false),
                new Text("json", "NaN", NONE, REFUSED, false));
    }

    private static List<Literal> literals() {
        return List.of(
                new Literal("integer", "9223372036854775808", NONE, REFUSED),
                new Literal("integer", "-9223372036854775809", NONE, REFUSED),
                new Literal("integer", "1e2", Faithful.integer("100"), STORED),
                new Literal("integer", "1.0", Faithful.integer("1"), STORED),
                new Literal("integer", "1.5", NONE, REFUSED),
                new Literal("integer", "1e2147483648", NONE, REFUSED),
                new Literal("integer", "1e-2147483649", NONE, REFUSED),
                new Literal("number", "1E400", NONE, REFUSED),
                new Literal("number", "4.9e-325", NONE, REFUSED),
                new Literal("number", "1e-999999999", NONE, REFUSED),
                new Literal("number", "1e2147483648", NONE, REFUSED),
                new Literal("number", "-0.0", Faithful.number("-0.0"), STORED),
                new Literal("number", "123456789012345678901234567890123456789",
                        Faithful.number("123456789012345678901234567890123456789"), STORED),
                new Literal("decimal", "0.1", Faithful.decimal("0.1"), STORED),
                new Literal("decimal", "123456789012345678901234567890.123456789",
                        Faithful.decimal("123456789012345678901234567890.123456789"), STORED),
                new Literal("decimal", "1e2147483648", NONE, REFUSED),
                new Literal("boolean", "true", Faithful.bool(true), STORED),
                new Literal("boolean", "2", NONE, REFUSED),
                new Literal("boolean", "null", Faithful.nullValue(), STORED),
                new Literal("string", "\"\\ud800\"", Faithful.text("\ud800"), FAITHFUL_OR_REFUSED),
                new Literal("string", "\"\\udc00\\ud800\"", Faithful.text("\udc00\ud800"), FAITHFUL_OR_REFUSED),
                new Literal("string", "\"\\ud83d\\ude00\"", Faithful.text("\ud83d\ude00"), STORED),
                new Literal("string", "\"\\u0000\"", Faithful.text("\u0000"), FAITHFUL_OR_REFUSED),
                new Literal("string", "12", Faithful.text("12"), FAITHFUL_OR_REFUSED));
    }
}
