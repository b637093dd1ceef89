package dev.sluice.engine;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * A stream whose first bytes are read ahead, for sniffing, and then handed out again: the reader
 * sees every byte once, in order. A failure met while reading ahead (a corrupt gzip member) is
 * thrown where the reader reaches it, after the bytes before it, exactly as without the look-ahead.
 * Memory is the head's size, never the file's. Not thread-safe.
 */
final class HeadPeek extends FilterInputStream {
    private final byte[] head;
    private final int length;
    private int position;
    private final IOException pending;
    private final boolean whole;

    private HeadPeek(InputStream in, byte[] head, int length, IOException pending, boolean whole) {
        super(in);
        this.whole = whole;
        this.head = head;
        this.length = length;
        this.pending = pending;
    }

    /**
     * Reads ahead up to {@code size} bytes of {@code in}, or fewer once they hold {@code lines} line
     * breaks: a stream that is slow to arrive (a URL) is read as soon as a sample is in hand.
     */
    static HeadPeek of(InputStream in, int size, int lines) {
        byte[] head = new byte[size];
        int n = 0;
        int breaks = 0;
        IOException pending = null;
        boolean ended = false;
        try {
            int r = 0;
            while (n < size && breaks < lines && (r = in.read(head, n, size - n)) >= 0) {
                for (int i = n; i < n + r; i++) {
                    breaks += head[i] == '\n' ? 1 : 0;
                }
                n += r;
            }
            ended = r < 0;
        } catch (IOException e) {
            pending = e;
        }
        return new HeadPeek(in, head, n, pending, ended);
    }

    /** True when the bytes read ahead are the whole stream. */
    boolean whole() {
        return whole;
    }

    /** The bytes read ahead (a copy). */
    byte[] head() {
        return Arrays.copyOf(head, length);
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xFF;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        if (position < length) {
            int n = Math.min(len, length - position);
            System.arraycopy(head, position, b, off, n);
            position += n;
            return n;
        }
        if (pending != null) {
            throw pending;
        }
        return in.read(b, off, len);
    }

    @Override
    public long skip(long n) throws IOException {
        int step = (int) Math.min(n, 8192);
        int read = read(new byte[step], 0, step);
        return Math.max(read, 0);
    }

    @Override
    public int available() {
        return length - position;
    }

    @Override
    public boolean markSupported() {
        return false;
    }
}
