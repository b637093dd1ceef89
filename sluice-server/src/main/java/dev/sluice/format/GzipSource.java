package dev.sluice.format;

import java.io.EOFException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PushbackInputStream;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * Recognizes gzip by its magic bytes rather than by a file name or a Content-Encoding header, which
 * uploads and URLs get wrong both ways. A corrupt or truncated gzip stream becomes an
 * {@link UnreadableSourceException} that says how far it got. Not thread-safe.
 */
final class GzipSource extends FilterInputStream {
    private static final int MAGIC_1 = 0x1f;
    private static final int MAGIC_2 = 0x8b;
    private static final int BUFFER_SIZE = 64 * 1024;

    private long delivered;

    private GzipSource(InputStream gzip) {
        super(gzip);
    }

    /** {@code raw} decompressed when it starts with the gzip magic bytes, else {@code raw} as it is. */
    static InputStream decompressIfGzip(InputStream raw) throws IOException {
        PushbackInputStream in = new PushbackInputStream(raw, 2);
        int first = in.read();
        int second = first < 0 ? -1 : in.read();
        if (second >= 0) {
            in.unread(second);
        }
        if (first >= 0) {
            in.unread(first);
        }
        if (first != MAGIC_1 || second != MAGIC_2) {
            return in;
        }
        try {
            return new GzipSource(new GZIPInputStream(in, BUFFER_SIZE));
        } catch (ZipException | EOFException e) {
            // an EOFException here has no message: the source ended inside the 10-byte header
            String why = e.getMessage() == null ? "the source ends inside it" : e.getMessage();
            throw new UnreadableSourceException(
                    "the source starts like gzip but its gzip header is corrupt: " + why, e);
        }
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        try {
            int n = super.read(buffer, offset, length);
            if (n > 0) {
                delivered += n;
            }
            return n;
        } catch (ZipException | EOFException e) {
            // EOFException here is "Unexpected end of ZLIB input stream": a truncated file
            throw new UnreadableSourceException("the gzip data is corrupt or truncated after "
                    + delivered + " uncompressed bytes: " + e.getMessage(), e);
        }
    }

    @Override
    public long skip(long n) throws IOException {
        byte[] sink = new byte[(int) Math.min(n, 8192)];
        long skipped = 0;
        while (skipped < n) {
            int read = read(sink, 0, (int) Math.min(sink.length, n - skipped));
            if (read < 0) {
                break;
            }
            skipped += read;
        }
        return skipped;
    }
}
