package dev.sluice.infer;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * The character set of a text file, told from its first bytes: a UTF-8, UTF-16 LE or UTF-16 BE
 * byte order mark; else valid UTF-8 (plain ASCII included); else UTF-16 without a mark when every
 * other byte is zero; else the likeliest single-byte set ({@code windows-1252}, or
 * {@code ISO-8859-1} when bytes that windows-1252 leaves undefined occur).
 *
 * <p>Immutable and thread-safe.
 *
 * @param charset   the set to decode with
 * @param bomLength how many bytes the byte order mark takes (0 without one)
 * @param validUtf8 false when the bytes are not UTF-8 and {@code charset} is only the likeliest guess:
 *                  an import that names no encoding would refuse this file
 */
public record SniffedEncoding(Charset charset, int bomLength, boolean validUtf8) {

    static final Charset WINDOWS_1252 = Charset.forName("windows-1252");

    /** Sniffs {@code length} bytes of {@code head}; a multi-byte character cut at the end is not held against UTF-8. */
    public static SniffedEncoding of(byte[] head, int length) {
        if (startsWith(head, length, 0xEF, 0xBB, 0xBF)) {
            return new SniffedEncoding(StandardCharsets.UTF_8, 3, true);
        }
        if (startsWith(head, length, 0xFF, 0xFE)) {
            return new SniffedEncoding(StandardCharsets.UTF_16LE, 2, true);
        }
        if (startsWith(head, length, 0xFE, 0xFF)) {
            return new SniffedEncoding(StandardCharsets.UTF_16BE, 2, true);
        }
        Charset utf16 = utf16WithoutMark(head, length);
        if (utf16 != null) {
            return new SniffedEncoding(utf16, 0, true);
        }
        if (isUtf8(head, length)) {
            return new SniffedEncoding(StandardCharsets.UTF_8, 0, true);
        }
        return new SniffedEncoding(singleByteGuess(head, length), 0, false);
    }

    /** The wire name of the set, e.g. {@code UTF-8}, {@code UTF-16LE}, {@code windows-1252}. */
    public String name() {
        return charset.name();
    }

    private static boolean startsWith(byte[] b, int length, int... mark) {
        if (length < mark.length) {
            return false;
        }
        for (int i = 0; i < mark.length; i++) {
            if ((b[i] & 0xFF) != mark[i]) {
                return false;
            }
        }
        return true;
    }

    private static Charset utf16WithoutMark(byte[] b, int length) {
        int pairs = Math.min(length, 4096) / 2;
        if (pairs < 4) {
            return null;
        }
        int evenZero = 0;
        int oddZero = 0;
        for (int i = 0; i < pairs * 2; i += 2) {
            evenZero += b[i] == 0 ? 1 : 0;
            oddZero += b[i + 1] == 0 ? 1 : 0;
        }
        if (oddZero > pairs * 0.9 && evenZero == 0) {
            return StandardCharsets.UTF_16LE;
        }
        if (evenZero > pairs * 0.9 && oddZero == 0) {
            return StandardCharsets.UTF_16BE;
        }
        return null;
    }

    private static boolean isUtf8(byte[] b, int length) {
        int end = length;
        // a character cut by the end of the sample: up to 3 trailing bytes of an unfinished sequence
        for (int back = 1; back <= 3 && end - back >= 0; back++) {
            int v = b[end - back] & 0xFF;
            if (v >= 0xC0) {
                end -= back;
                break;
            }
            if (v < 0x80) {
                break;
            }
        }
        try {
            StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(b, 0, end));
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }

    private static Charset singleByteGuess(byte[] b, int length) {
        for (int i = 0; i < length; i++) {
            int v = b[i] & 0xFF;
            if (v == 0x81 || v == 0x8D || v == 0x8F || v == 0x90 || v == 0x9D) {
                return StandardCharsets.ISO_8859_1;
            }
        }
        return WINDOWS_1252;
    }
}
