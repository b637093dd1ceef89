package dev.sluice.corpus;

import dev.sluice.corpus.HostileCase.CollectionDef;
import dev.sluice.corpus.HostileCase.Request;
import dev.sluice.corpus.HostileCase.Row;
import dev.sluice.corpus.HostileCase.Want;

import java.io.ByteArrayOutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static dev.sluice.corpus.HostileCase.Want.FAITHFUL_OR_REFUSED;
import static dev.sluice.corpus.HostileCase.Want.REFUSED;
import static dev.sluice.corpus.HostileCase.Want.STORED;
import static dev.sluice.corpus.HostileCase.Want.STORED_UNLESS_JOB_FAILED;

/**
 * Bytes that are not what the encoding says: invalid UTF-8 sequences, overlong forms, surrogates
 * encoded as CESU-8, code points past U+10FFFF, sequences cut short; UTF-16 with and without a
 * byte order mark, declared and not; single-byte encodings. A value whose bytes are not text in
 * the file's encoding has no faithful form, so its row (or the job, at its line) must fail; the
 * row before it must stay. Stateless.
 */
final class EncodingCases {
    private static final CollectionDef PEOPLE = CollectionDef.keyAnd("name:string");

    private EncodingCases() {
    }

    /** Invalid UTF-8, by name. */
    private static final Object[][] INVALID = {
            {"a lone continuation byte", new int[]{0x80}},
            {"byte FF", new int[]{0xFF}},
            {"byte FE", new int[]{0xFE}},
            {"overlong slash", new int[]{0xC0, 0xAF}},
            {"overlong NUL", new int[]{0xC0, 0x80}},
            {"overlong three-byte slash", new int[]{0xE0, 0x80, 0xAF}},
            {"overlong four-byte slash", new int[]{0xF0, 0x80, 0x80, 0xAF}},
            {"CESU-8 lone high surrogate", new int[]{0xED, 0xA0, 0x80}},
            {"CESU-8 surrogate pair", new int[]{0xED, 0xA0, 0xBD, 0xED, 0xB8, 0x80}},
            {"code point past U+10FFFF", new int[]{0xF4, 0x90, 0x80, 0x80}},
            {"byte F5", new int[]{0xF5, 0x80, 0x80, 0x80}},
            {"five-byte form", new int[]{0xF8, 0x88, 0x80, 0x80, 0x80}},
            {"three-byte sequence cut short", new int[]{0xE2, 0x82}}};

    static List<HostileCase> all() {
        List<HostileCase> cases = new ArrayList<>();
        for (Object[] bad : INVALID) {
            byte[] b = bytes((int[]) bad[1]);
            cases.add(csv("csv: " + bad[0], "", concat(utf8("id,name\na,x\nk,v"), b, utf8("\nz,y\n")), invalidRows(2)));
            cases.add(ndjson("ndjson: " + bad[0], concat(utf8("{\"id\": \"a\", \"name\": \"x\"}\n{\"id\": \"k\", \"name\": \"v"),
                    b, utf8("\"}\n{\"id\": \"z\", \"name\": \"y\"}\n")), invalidRows(1)));
        }
        cases.add(csv("csv: a sequence cut short at the end of the file", "",
                concat(utf8("id,name\na,x\nk,v"), bytes(new int[]{0xE2, 0x82})),
                r(2, "a", STORED, "x"), Cases.row(3, "k", REFUSED, "name", Faithful.NONE)));
        cases.addAll(oddButValid());
        cases.addAll(declared());
        return cases;
    }

    private static Row[] invalidRows(long first) {
        return new Row[]{r(first, "a", STORED, "x"), Cases.row(first + 1, "k", REFUSED, "name", Faithful.NONE),
                r(first + 2, "z", STORED_UNLESS_JOB_FAILED, "y")};
    }

    private static List<HostileCase> oddButValid() {
        return List.of(
                csv("csv: noncharacters U+FFFE and U+FFFF", "", utf8("id,name\na,\ufffe\uffff\nz,y\n"),
                        r(2, "a", FAITHFUL_OR_REFUSED, "\ufffe\uffff"), r(3, "z", STORED, "y")),
                csv("csv: U+FEFF inside a value", "", utf8("id,name\na,x\ufeffy\nz,y\n"),
                        r(2, "a", STORED, "x\ufeffy"), r(3, "z", STORED, "y")),
                csv("csv: U+10FFFF", "", utf8("id,name\na,\udbff\udfff\nz,y\n"),
                        r(2, "a", STORED, "\udbff\udfff"), r(3, "z", STORED, "y")),
                ndjson("ndjson: a byte order mark before the first line", utf8("\ufeff{\"id\": \"a\", \"name\": \"x\"}\n"
                        + "{\"id\": \"z\", \"name\": \"y\"}\n"), r(1, "a", FAITHFUL_OR_REFUSED, "x"), r(2, "z", STORED, "y")));
    }

    private static List<HostileCase> declared() {
        String file = "id,name\na,x\u00e9\nz,y\n";
        byte[] le = file.getBytes(StandardCharsets.UTF_16LE);
        byte[] be = file.getBytes(StandardCharsets.UTF_16BE);
        byte[] leBom = concat(bytes(new int[]{0xFF, 0xFE}), le);
        byte[] beBom = concat(bytes(new int[]{0xFE, 0xFF}), be);
        return List.of(
                csv("UTF-16LE with a byte order mark, not declared", "", leBom, either()),
                csv("UTF-16BE with a byte order mark, not declared", "", beBom, either()),
                csv("UTF-16LE without a byte order mark, not declared", "", le, either()),
                csv("UTF-16 with a byte order mark, declared UTF-16", "encoding=UTF-16", leBom, stored()),
                csv("UTF-16BE without a byte order mark, declared", "encoding=UTF-16BE", be, stored()),
                csv("UTF-16LE with a byte order mark, declared UTF-16LE", "encoding=UTF-16LE", leBom, either()),
                csv("UTF-16BE with an odd byte at the end", "encoding=UTF-16BE", concat(be, new byte[]{0x41}),
                        r(2, "a", STORED, "x\u00e9"), r(3, "z", STORED_UNLESS_JOB_FAILED, "y")),
                csv("UTF-16LE holding a lone surrogate", "encoding=UTF-16LE", concat(
                        "id,name\na,x\nk,".getBytes(StandardCharsets.UTF_16LE), bytes(new int[]{0x00, 0xD8}),
                        "\nz,y\n".getBytes(StandardCharsets.UTF_16LE)), invalidRows(2)),
                csv("windows-1252 euro sign", "encoding=windows-1252", bytes(new int[]{'i', 'd', ',', 'n', 'a', 'm', 'e',
                        '\n', 'a', ',', 0x80, '\n'}), r(2, "a", STORED, "\u20ac")),
                csv("windows-1252 byte 81, which it does not define", "encoding=windows-1252",
                        bytes(new int[]{'i', 'd', ',', 'n', 'a', 'm', 'e', '\n', 'a', ',', 0x81, '\n', 'z', ',', 'y', '\n'}),
                        Cases.row(2, "a", FAITHFUL_OR_REFUSED, "name", Faithful.text("\u0081")),
                        r(3, "z", STORED_UNLESS_JOB_FAILED, "y")),
                csv("ISO-8859-1", "encoding=ISO-8859-1", file.getBytes(StandardCharsets.ISO_8859_1), stored()),
                csv("UTF-32", "encoding=UTF-32", file.getBytes(Charset.forName("UTF-32")), stored()),
                csv("UTF-8 with a byte order mark, declared", "encoding=UTF-8", concat(bytes(new int[]{0xEF, 0xBB, 0xBF}),
                        utf8(file)), stored()),
                csv("invalid UTF-8, declared UTF-8", "encoding=UTF-8", concat(utf8("id,name\na,x\nk,"),
                        bytes(new int[]{0xC3, 0x28}), utf8("\nz,y\n")), invalidRows(2)));
    }

    private static Row[] stored() {
        return new Row[]{r(2, "a", STORED, "x\u00e9"), r(3, "z", STORED, "y")};
    }

    private static Row[] either() {
        return new Row[]{r(2, "a", FAITHFUL_OR_REFUSED, "x\u00e9"), r(3, "z", FAITHFUL_OR_REFUSED, "y")};
    }

    private static Row r(long line, String key, Want want, String name) {
        return Cases.row(line, key, want, "name", Faithful.text(name));
    }

    private static HostileCase csv(String name, String options, byte[] body, Row... rows) {
        return Cases.imports("encoding", name, PEOPLE, Request.importing(Cases.CSV, options, body), List.of(rows));
    }

    private static HostileCase ndjson(String name, byte[] body, Row... rows) {
        return Cases.imports("encoding", name, PEOPLE, Request.importing(Cases.NDJSON, "", body), List.of(rows));
    }

    static byte[] bytes(int[] values) {
        byte[] b = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            b[i] = (byte) values[i];
        }
        return b;
    }

    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    private static byte[] utf8(String text) {
        return Cases.utf8(text);
    }
}
