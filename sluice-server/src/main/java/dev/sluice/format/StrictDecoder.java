package dev.sluice.format;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;

/**
 * Decodes a byte stream in a named charset and refuses bytes that are not valid in it, where
 * {@code InputStreamReader} would silently write U+FFFD: a wrong encoding must stop the job, not
 * corrupt every accented name. A leading byte order mark is dropped. It counts the lines it has
 * decoded (LF, CRLF or a lone CR) so that the error can say where the bad bytes are.
 *
 * <p>Not thread-safe. Throws {@link UnreadableSourceException} for undecodable bytes; I/O errors of
 * the underlying stream pass through. Closing it closes the stream.
 */
final class StrictDecoder extends Reader {
    private static final int BUFFER_SIZE = 64 * 1024;
    private static final char BOM = '\uFEFF';

    private final InputStream in;
    private final Charset charset;
    private final CharsetDecoder decoder;
    private final ByteBuffer bytes = ByteBuffer.allocate(BUFFER_SIZE).flip();
    private final CharBuffer chars = CharBuffer.allocate(BUFFER_SIZE).flip();
    private boolean inputDone;
    private boolean decoderFlushed;
    private boolean started;
    private long newlines;
    private boolean lastWasCr;
    private UnreadableSourceException failure;

    StrictDecoder(InputStream in, Charset charset) {
        this.in = in;
        this.charset = charset;
        this.decoder = charset.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
    }

    @Override
    public int read(char[] target, int offset, int length) throws IOException {
        if (length == 0) {
            return 0;
        }
        if (!chars.hasRemaining() && !fill()) {
            return -1;
        }
        int n = Math.min(length, chars.remaining());
        chars.get(target, offset, n);
        return n;
    }

    /** Decodes the next chunk into {@code chars}; false at the end of the source. */
    private boolean fill() throws IOException {
        if (failure != null) {
            throw failure;
        }
        while (true) {
            chars.clear();
            decodeSome();
            chars.flip();
            if (!started && chars.hasRemaining()) {
                started = true;
                if (chars.get(0) == BOM) {
                    chars.position(1);
                }
            }
            if (chars.hasRemaining()) {
                return true;
            }
            if (decoderFlushed) {
                return false;
            }
            if (failure != null) {
                throw failure;
            }
        }
    }

    /** Decodes until some chars are produced or the source ends; counts the lines it decoded. */
    private void decodeSome() throws IOException {
        while (chars.position() == 0 && !decoderFlushed) {
            if (!bytes.hasRemaining() && !inputDone) {
                readBytes();
            }
            CoderResult result = decoder.decode(bytes, chars, inputDone);
            if (result.isUnderflow() && inputDone) {
                result = decoder.flush(chars);
                decoderFlushed = result.isUnderflow();
            }
            countLines(chars.position());
            if (result.isError()) {
                failure = undecodable(result.length());
                if (chars.position() == 0) {
                    throw failure;
                }
                return; // hand out the text before the bad bytes first: its rows are good
            }
            if (result.isUnderflow() && !inputDone && bytes.hasRemaining()) {
                readBytes(); // a multi-byte sequence is split across reads: fetch the rest of it
            }
        }
    }

    private void readBytes() throws IOException {
        bytes.compact();
        int n = in.read(bytes.array(), bytes.arrayOffset() + bytes.position(), bytes.remaining());
        if (n < 0) {
            inputDone = true;
        } else {
            bytes.position(bytes.position() + n);
        }
        bytes.flip();
    }

    private void countLines(int end) {
        char[] array = chars.array();
        long count = newlines;
        boolean cr = lastWasCr;
        for (int i = 0; i < end; i++) {
            char c = array[i];
            if (c <= '\r') {
                if (c == '\n') {
                    if (!cr) {
                        count++;
                    }
                    cr = false;
                } else if (c == '\r') {
                    count++;
                    cr = true;
                } else {
                    cr = false;
                }
            } else {
                cr = false;
            }
        }
        newlines = count;
        lastWasCr = cr;
    }

    private UnreadableSourceException undecodable(int length) {
        StringBuilder shown = new StringBuilder(length == 1 ? "byte " : "bytes ");
        for (int i = 0; i < length && i < 4; i++) {
            shown.append(i == 0 ? "" : " ").append(String.format("0x%02X", bytes.get(bytes.position() + i)));
        }
        return new UndecodableSourceException(charset.name(), newlines + 1, shown.toString());
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
