package dev.sluice.sink;

import dev.sluice.collection.FieldType;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The binary COPY form of text, which the stored-record scan compares byte for byte with what
 * PostgreSQL sends back ({@link PostgresStoredScanTest} checks that against a real server): a
 * length, then the value's UTF-8 bytes, whether the text is ASCII (written char by char) or not.
 */
class PostgresCopyBinaryTest {

    @Test
    void textIsItsUtf8BytesAfterTheirLength() {
        for (String s : List.of("", "a", "plain ascii, with punctuation ~!", "\u007f", "caf\u00e9", "\u0080",
                "Stra\u00dfe \u65e5\u672c", "emoji \ud83d\ude00 end", "lone \ud800 surrogate", "x".repeat(300))) {
            PostgresCopyBinary.Bytes out = new PostgresCopyBinary.Bytes(4);
            PostgresCopyBinary.field(out, FieldType.STRING, s);
            byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
            byte[] expected = ByteBuffer.allocate(4 + utf8.length).putInt(utf8.length).put(utf8).array();
            assertThat(Arrays.copyOf(out.array(), out.size())).as("%s", s).isEqualTo(expected);
        }
    }

    @Test
    void aScratchBufferReusedFromRowToRowEncodesEachRowAlone() {
        List<FieldType> types = List.of(FieldType.STRING, FieldType.STRING);
        UUID id = UUID.randomUUID();
        PostgresCopyBinary.Bytes scratch = new PostgresCopyBinary.Bytes(16);
        byte[] long1 = PostgresCopyBinary.encode(scratch, id, 7, types, new Object[]{"\u00e9".repeat(100), "b"});
        byte[] short2 = PostgresCopyBinary.encode(scratch, id, 8, types, new Object[]{"a", null});
        byte[] alone = PostgresCopyBinary.encode(new PostgresCopyBinary.Bytes(16), id, 8, types, new Object[]{"a", null});

        assertThat(short2).isEqualTo(alone).hasSize(20 + 12 + 5 + 4);
        assertThat(long1).hasSize(20 + 12 + 204 + 5);
    }
}
