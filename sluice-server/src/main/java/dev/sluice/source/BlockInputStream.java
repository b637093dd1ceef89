package dev.sluice.source;

import java.io.IOException;
import java.io.InputStream;

/**
 * An input stream that reads only in blocks: a single-byte read is a block read of one byte, so a
 * body's framing and limits live in one method, {@link #read(byte[], int, int)}.
 */
abstract class BlockInputStream extends InputStream {

    @Override
    public final int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public abstract int read(byte[] b, int off, int len) throws IOException;
}
