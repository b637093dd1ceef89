package dev.sluice.source;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;

/** A body of declared length: ends after exactly that many bytes; ending sooner is an {@link EOFException}. Not thread-safe. */
final class LengthBody extends BlockInputStream {
    private final InputStream in;
    private final long length;
    private long left;

    LengthBody(InputStream in, long length) {
        this.in = in;
        this.length = length;
        this.left = length;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (left == 0) {
            return -1;
        }
        if (len == 0) {
            return 0;
        }
        int n = in.read(b, off, (int) Math.min(len, left));
        if (n < 0) {
            throw new EOFException("the connection closed after " + (length - left) + " of " + length + " bytes");
        }
        left -= n;
        return n;
    }

    @Override
    public int available() throws IOException {
        return (int) Math.min(in.available(), left);
    }
}
