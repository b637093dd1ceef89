package dev.sluice.corpus;

import dev.sluice.corpus.HostileCase.CollectionDef;
import dev.sluice.corpus.HostileCase.Expect;
import dev.sluice.corpus.HostileCase.Request;
import dev.sluice.corpus.HostileCase.Row;
import dev.sluice.corpus.HostileCase.Want;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.List;
import java.util.zip.CRC32;
import java.util.zip.Deflater;

import static dev.sluice.corpus.EncodingCases.concat;
import static dev.sluice.corpus.HostileCase.Want.FAITHFUL_OR_REFUSED;
import static dev.sluice.corpus.HostileCase.Want.OPTIONAL;
import static dev.sluice.corpus.HostileCase.Want.REFUSED;
import static dev.sluice.corpus.HostileCase.Want.STORED;
import static dev.sluice.corpus.HostileCase.Want.STORED_UNLESS_JOB_FAILED;

/**
 * gzip as it comes off broken pipes and hostile hands: truncated streams and trailers, trailing
 * garbage, concatenated members (valid), header flags, bad checksums, a stream of zeros that
 * decompresses to one enormous line (a small bomb, within the corpus's limits), gzip inside gzip.
 * A stream that is not whole gzip fails the file; its rows may have been stored before, as
 * written. Stateless.
 */
final class GzipCases {
    private static final CollectionDef PEOPLE = CollectionDef.keyAnd("name:string");
    private static final String CSV = "id,name\na,x\nz,y\n";
    private static final String NDJSON = "{\"id\": \"a\", \"name\": \"x\"}\n{\"id\": \"z\", \"name\": \"y\"}\n";

    private GzipCases() {
    }

    /** @param bomb how many zero bytes the bomb decompresses to */
    static List<HostileCase> all(int bomb) {
        byte[] csv = member(Cases.utf8(CSV), 0);
        byte[] ndjson = member(Cases.utf8(NDJSON), 0);
        return List.of(
                ok("csv", Cases.CSV, csv),
                ok("ndjson", Cases.NDJSON, ndjson),
                ok("csv with Content-Encoding: gzip", Cases.CSV, csv, "Content-Encoding", "gzip"),
                ok("ndjson with FEXTRA, FNAME and FCOMMENT in the header", Cases.NDJSON,
                        member(Cases.utf8(NDJSON), 0x04 | 0x08 | 0x10)),
                gz("two concatenated members", Cases.CSV, concat(member(Cases.utf8("id,name\na,x\n"), 0),
                        member(Cases.utf8("z,y\n"), 0)), Expect.rows(stored())),
                gz("the trailer cut off", Cases.CSV, Arrays.copyOf(csv, csv.length - 8), broken()),
                gz("the last four bytes cut off", Cases.NDJSON, Arrays.copyOf(ndjson, ndjson.length - 4), broken()),
                gz("cut in half", Cases.CSV, Arrays.copyOf(csv, csv.length / 2), broken()),
                gz("only the header", Cases.CSV, Arrays.copyOf(csv, 10), broken()),
                gz("160 bytes of garbage after the member", Cases.CSV, concat(csv, garbage(160)), broken()),
                gz("a bad CRC", Cases.NDJSON, flip(ndjson, ndjson.length - 8), broken()),
                gz("a wrong uncompressed size", Cases.CSV, flip(csv, csv.length - 4), broken()),
                gz("trailing zero padding", Cases.CSV, concat(csv, new byte[512]),
                        Expect.rows(r(2, "a", STORED_UNLESS_JOB_FAILED), r(3, "z", STORED_UNLESS_JOB_FAILED))),
                gz("an empty member", Cases.CSV, member(new byte[0], 0), Expect.rows(List.of())),
                gz("gzip inside gzip", Cases.CSV, member(csv, 0),
                        Expect.rows(r(2, "a", FAITHFUL_OR_REFUSED), r(3, "z", FAITHFUL_OR_REFUSED))),
                gz("a plain body sent with Content-Encoding: gzip", Cases.CSV, Cases.utf8(CSV),
                        Expect.rows(r(2, "a", FAITHFUL_OR_REFUSED), r(3, "z", FAITHFUL_OR_REFUSED)).orRefusedRequest(),
                        "Content-Encoding", "gzip"),
                gz("Content-Encoding: br", Cases.CSV, csv, Expect.answer(HostileCase.Answer.REFUSED),
                        "Content-Encoding", "br"),
                bomb("ndjson", Cases.NDJSON, "{\"id\": \"a\", \"name\": \"x\"}\n", bomb, 2),
                bomb("csv", Cases.CSV, "id,name\na,x\n", bomb, 3));
    }

    private static Row r(long line, String key, Want want) {
        return Cases.row(line, key, want, "name", Faithful.text(key.equals("a") ? "x" : "y"));
    }

    private static List<Row> stored() {
        return List.of(r(2, "a", STORED), r(3, "z", STORED));
    }

    private static Expect broken() {
        return Expect.rows(r(2, "a", OPTIONAL), r(3, "z", OPTIONAL), r(1, "a", OPTIONAL), r(2, "z", OPTIONAL))
                .failingTheJob();
    }

    private static HostileCase ok(String name, String contentType, byte[] body, String... headers) {
        boolean json = contentType.equals(Cases.NDJSON);
        return gz(name, contentType, body, Expect.rows(json ? List.of(r(1, "a", STORED), r(2, "z", STORED)) : stored()),
                headers);
    }

    private static HostileCase gz(String name, String contentType, byte[] body, Expect expect, String... headers) {
        return new HostileCase("gzip", name, PEOPLE, Request.importing(contentType, "", body, headers), expect, false);
    }

    /** Rows before a line of {@code size} zero bytes: the rows stay, the line fails (or the job does). */
    private static HostileCase bomb(String name, String contentType, String before, int size, long line) {
        byte[] body = member(concat(Cases.utf8(before), new byte[size], Cases.utf8("\n")), 0);
        long first = line - 1;
        Row a = Cases.row(first, "a", STORED, "name", Faithful.text("x"));
        return new HostileCase("gzip", "a bomb: " + size / (1 << 20) + " MB of zeros as one " + name + " line ("
                + body.length / 1024 + " kB gzipped)", PEOPLE, Request.importing(contentType, "", body),
                Expect.rows(List.of(a, Cases.row(line, "\u0000", REFUSED, "name", Faithful.NONE))), true);
    }

    /** One gzip member of {@code data}, with the header flags given (their fields filled in). */
    static byte[] member(byte[] data, int flags) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(new byte[]{0x1f, (byte) 0x8b, 8, (byte) flags, 0, 0, 0, 0, 0, (byte) 255});
        if ((flags & 0x04) != 0) {
            out.writeBytes(new byte[]{4, 0, 'a', 'b', 'c', 'd'});
        }
        if ((flags & 0x08) != 0) {
            out.writeBytes(Cases.utf8("file.name\0"));
        }
        if ((flags & 0x10) != 0) {
            out.writeBytes(Cases.utf8("a comment\0"));
        }
        Deflater deflater = new Deflater(Deflater.BEST_COMPRESSION, true);
        deflater.setInput(data);
        deflater.finish();
        byte[] buf = new byte[65_536];
        while (!deflater.finished()) {
            out.write(buf, 0, deflater.deflate(buf));
        }
        deflater.end();
        CRC32 crc = new CRC32();
        crc.update(data);
        out.writeBytes(ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putInt((int) crc.getValue())
                .putInt(data.length).array());
        return out.toByteArray();
    }

    private static byte[] garbage(int n) {
        byte[] g = new byte[n];
        new java.util.Random(160).nextBytes(g);
        return g;
    }

    private static byte[] flip(byte[] bytes, int at) {
        byte[] copy = bytes.clone();
        copy[at] ^= 0x5a;
        return copy;
    }
}
