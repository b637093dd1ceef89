package dev.sluice.source;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;

/**
 * A {@code Transfer-Encoding: chunked} body, unframed: ends at the last (empty) chunk, after its
 * trailer. A connection that closes before that is an {@link EOFException}. Not thread-safe.
 */
final class ChunkedBody extends BlockInputStream {
    private final InputStream in;
    private long left;
    private boolean started;
    private boolean done;

    ChunkedBody(InputStream in) {
        this.in = in;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (done) {
            return -1;
        }
        if (len == 0) {
            return 0;
        }
        if (left == 0) {
            if (started) {
                expectEmptyLine();
            }
            started = true;
            left = nextChunkSize();
            if (left == 0) {
                HttpHead.readFields(in);
                done = true;
                return -1;
            }
        }
        int n = in.read(b, off, (int) Math.min(len, left));
        if (n < 0) {
            throw new EOFException("the connection closed inside a chunk");
        }
        left -= n;
        return n;
    }

    private long nextChunkSize() throws IOException {
        String line = HttpHead.readLine(in);
        if (line == null) {
            throw new EOFException("the connection closed before the last chunk");
        }
        int semicolon = line.indexOf(';');
        String size = (semicolon < 0 ? line : line.substring(0, semicolon)).strip();
        if (!size.matches("[0-9a-fA-F]{1,15}")) {
            throw new HttpHead.MalformedResponseException("a chunk size is not hexadecimal: '" + size + "'");
        }
        return Long.parseLong(size, 16);
    }

    private void expectEmptyLine() throws IOException {
        String line = HttpHead.readLine(in);
        if (line == null) {
            throw new EOFException("the connection closed after a chunk");
        }
        if (!line.isEmpty()) {
            throw new HttpHead.MalformedResponseException("a chunk is longer than its declared size");
        }
    }
}
