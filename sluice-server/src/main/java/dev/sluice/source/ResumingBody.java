package dev.sluice.source;

import java.io.EOFException;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.Objects;

/**
 * A remote body read as one stream that survives dropped connections: a read that breaks, or a body
 * that ends before its announced size, asks the subclass to {@link #resume} from byte {@link #delivered}.
 * Counts every byte against {@link UrlPolicy#maxBytes()}: the bytes up to the limit are handed out, then
 * a read throws {@link SourceTooLargeException}. Once a read has thrown a {@link SourceException}, every
 * later read throws it again. Not thread-safe, except that {@link #close()} may come from another thread
 * to stop a blocked read.
 */
abstract class ResumingBody extends BlockInputStream {
    private final String url;
    final UrlPolicy policy;
    /** The body's size in bytes; null while unknown. */
    Long total;
    /** Bytes handed out so far: where a resumed body must carry on. */
    long delivered;
    /** Resumes asked for so far, at most {@link UrlPolicy#maxResumes()}. */
    int resumes;
    private boolean ended;
    private SourceException failure;
    volatile boolean closed;

    ResumingBody(String url, UrlPolicy policy, Long total) {
        this.url = url;
        this.policy = policy;
        this.total = total;
    }

    /** Reads from the current response's body, as {@link java.io.InputStream#read(byte[], int, int)}. */
    abstract int readCurrent(byte[] b, int off, int len) throws IOException;

    /** Replaces the dropped response with one that carries on at byte {@link #delivered}, or says why it cannot. */
    abstract void resume(IOException cause) throws IOException;

    /** Lets go of the current response (closed or aborted); may come from another thread. */
    abstract void release();

    @Override
    public final int read(byte[] b, int off, int len) throws IOException {
        Objects.checkFromIndexSize(off, len, b.length);
        if (failure != null) {
            throw failure;
        }
        if (closed) {
            throw closedStream();
        }
        if (ended) {
            return -1;
        }
        if (len == 0) {
            return 0;
        }
        try {
            return readResuming(b, off, len);
        } catch (SourceException e) {
            // a failed download stays failed: later reads throw the same
            failure = e;
            release();
            throw e;
        }
    }

    private int readResuming(byte[] b, int off, int len) throws IOException {
        while (true) {
            // one byte past the limit is enough to know it is exceeded
            int want = (int) Math.min(len, policy.maxBytes() - delivered + 1);
            int n;
            try {
                n = readCurrent(b, off, want);
            } catch (IOException e) {
                if (closed) {
                    throw e;
                }
                resume(e);
                continue;
            }
            if (n < 0) {
                if (total == null || delivered == total) {
                    ended = true;
                    release();
                    return -1;
                }
                resume(new EOFException("the body ended after " + delivered + " of " + total + " bytes"));
                continue;
            }
            if (delivered + n > policy.maxBytes()) {
                SourceTooLargeException tooLarge = new SourceTooLargeException(url, policy.maxBytes());
                n = (int) (policy.maxBytes() - delivered);
                if (n == 0) {
                    throw tooLarge;
                }
                // the bytes up to the limit are handed out; the next read throws
                failure = tooLarge;
                release();
            }
            delivered += n;
            return n;
        }
    }

    /** The start of every message about a broken download: where it broke, and how. */
    String dropped(String how) {
        return "the download of " + url + " broke after " + delivered + " bytes (" + how + ")";
    }

    IOException closedStream() {
        return new IOException("the stream of " + url + " is closed");
    }

    /** Waits before the {@code attempt}th try to reconnect (none before the first), longer each time. */
    static void pause(int attempt) throws InterruptedIOException {
        if (attempt == 0) {
            return;
        }
        try {
            Thread.sleep(Math.min(attempt * 500L, 5_000L));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while waiting to resume a download");
        }
    }

    @Override
    public void close() {
        closed = true;
        release();
    }
}
