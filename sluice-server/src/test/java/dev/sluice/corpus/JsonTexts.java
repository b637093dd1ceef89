package dev.sluice.corpus;

import java.util.ArrayList;
import java.util.List;

/**
 * JSON texts of the kinds a conformance suite covers, written here: {@code Y} ones every parser
 * must take and keep exactly, {@code N} ones every parser must refuse (structure, trailing commas,
 * comments, single quotes, NaN and Infinity, leading zeros, raw control characters, bad escapes,
 * duplicate members, which this service refuses), and {@code I} ones where a parser may choose,
 * as long as it does not change the value (huge numbers, lone surrogates, deep nesting). None
 * holds a raw line break, so each fits on one NDJSON line. Stateless.
 */
final class JsonTexts {
    /** What a parser must do with a text. */
    enum Kind { Y, N, I }

    /**
     * @param inArray what the record holds when its element ends early inside a JSON array (a
     *                stray closer right after a complete value), or null
     */
    record Text(Kind kind, String name, String json, String inArray) {
        Text(Kind kind, String name, String json) {
            this(kind, name, json, null);
        }
    }

    private JsonTexts() {
    }

    static List<Text> all() {
        List<Text> t = new ArrayList<>();
        accept(t);
        refuse(t);
        either(t);
        return t;
    }

    private static void accept(List<Text> t) {
        String[][] y = {
                {"empty array", "[]"}, {"empty object", "{}"}, {"nested empty", "[[], {}, [[]]]"},
                {"empty string", "\"\""}, {"short escapes", "\"a\\\"b\\\\c\\/d\\b\\f\\n\\r\\t\""},
                {"unicode escapes", "\"\\u0041\\u00e9\\u4e2d\""}, {"escaped surrogate pair", "\"\\ud83d\\ude00\""},
                {"raw utf-8", "\"\u20ac\ud834\udd1e\""}, {"zero", "0"}, {"minus zero", "-0"}, {"negative", "-1"},
                {"exponent plus", "1.5e+10"}, {"capital exponent", "1E-2"}, {"integer exponent", "1e1"},
                {"big integer", "123456789012345678901234567890"}, {"negative fraction exponent", "-123.456e-78"},
                {"true", "true"}, {"false", "false"}, {"null", "null"},
                {"mixed array", "[1, \"a\", null, true, {\"b\": []}]"},
                {"nested objects", "{\"a\": {\"b\": {\"c\": [1, 2]}}}"}, {"white space", " \t[ 1 ,\t2 ] \t"},
                {"empty member name", "{\"\": 1}"}, {"escaped line separators", "\"\\u2028\\u2029\""},
                {"raw delete character", "\"\u007f\""}, {"raw line separator", "\"\u2028\""},
                {"small exponent", "[1e-7]"}, {"nesting 100", "[".repeat(100) + "]".repeat(100)},
                {"long string", "\"" + "abc".repeat(30_000) + "\""}, {"many members",
                        manyMembers(2_000)}, {"slash escape", "\"\\/\""}, {"fraction exponent zero", "1.0e+0"}};
        for (String[] c : y) {
            t.add(new Text(Kind.Y, c[0], c[1]));
        }
    }

    private static void refuse(List<Text> t) {
        String[][] n = {
                {"trailing comma in array", "[1,]"}, {"trailing comma in object", "{\"a\": 1,}"},
                {"leading comma", "[,1]"}, {"double comma", "[1,,2]"}, {"missing colon", "{\"a\" 1}"},
                {"missing value", "{\"a\":}"}, {"unquoted name", "{a: 1}"}, {"single-quoted name", "{'a': 1}"},
                {"single-quoted string", "['a']"}, {"unclosed string", "\"abc"}, {"unclosed array", "[1"},
                {"unclosed object", "{\"a\": 1"}, {"lone close bracket", "]"}, {"extra close bracket", "[1]]"},
{"block comment", "/* c */ 1"}, {"comment in array", "[1 /* c */]"},
                {"line comment", "[1] // c"}, {"hash comment", "# c"}, {"NaN", "NaN"}, {"Infinity", "Infinity"},
                {"-Infinity", "-Infinity"}, {"plus sign", "+1"}, {"leading zero", "01"}, {"negative leading zero", "-01"},
                {"trailing point", "1."}, {"leading point", ".1"}, {"point before exponent", "1.e1"},
                {"empty exponent", "1e"}, {"signed empty exponent", "1e+"}, {"hex number", "0x10"},
                {"space after minus", "- 1"}, {"two values", "1 2"}, {"truncated true", "tru"}, {"truncated null", "nul"},
                {"capital True", "True"}, {"hex escape", "\"\\x41\""}, {"short unicode escape", "\"\\u12\""},
                {"bad unicode escape", "\"\\uZZZZ\""}, {"raw tab in string", "\"a\tb\""},
                {"raw control character", "\"a\u0001b\""}, {"raw NUL in string", "\"a\u0000b\""},
                {"escaped apostrophe", "\"\\'\""}, {"missing comma between members", "{\"a\": 1 \"b\": 2}"},
                {"double colon", "{\"a\"::1}"}, {"lone comma in object", "{,}"}, {"lone minus", "[-]"},
                {"two points", "[1.2.3]"}, {"missing comma between strings", "[\"a\" \"b\"]"},
                {"byte order mark before value", "\ufeff1"}, {"empty", ""},
                {"duplicate members", "{\"a\": 1, \"a\": 2}"}, {"duplicate equal members", "{\"a\": 1, \"a\": 1}"},
                {"nested duplicate members", "[{\"b\": {\"x\": true, \"x\": false}}]"}};
        for (String[] c : n) {
            t.add(new Text(Kind.N, c[0], c[1]));
        }
        t.add(new Text(Kind.N, "extra close brace", "{\"a\": 1}}", "{\"a\": 1}"));
    }

    private static void either(List<Text> t) {
        String[][] i = {
                {"exponent past double", "1e999999"}, {"exponent past 32 bits", "1e2147483648"},
                {"negative exponent past 32 bits", "-1e-2147483649"}, {"1E400", "1E400"}, {"underflow", "-1e-400"},
                {"400-digit integer", "9".repeat(400)}, {"400-digit fraction", "0." + "3".repeat(400)},
                {"lone high surrogate", "\"\\ud800\""}, {"lone low surrogate", "\"\\udc00\""},
                {"two high surrogates", "\"\\ud800\\ud800\""}, {"high surrogate then text", "\"\\ud800abc\""},
                {"reversed pair", "\"\\udfaa\\ud834\""}, {"escaped NUL", "\"\\u0000\""},
                {"NUL in member name", "{\"a\\u0000\": 1}"}, {"noncharacter", "\"\\uffff\""},
                {"noncharacter FDD0", "\"\\ufdd0\""}, {"nesting 10000", "[".repeat(10_000) + "]".repeat(10_000)},
                {"object nesting 2000", "{\"a\":".repeat(2_000) + "1" + "}".repeat(2_000)},
                {"number 1e-7 in big integer form", "0.0000001"}};
        for (String[] c : i) {
            t.add(new Text(Kind.I, c[0], c[1]));
        }
    }

    private static String manyMembers(int n) {
        StringBuilder b = new StringBuilder("{");
        for (int i = 0; i < n; i++) {
            b.append(i == 0 ? "" : ",").append("\"m").append(i).append("\":").append(i);
        }
        return b.append('}').toString();
    }
}
