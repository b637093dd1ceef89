package dev.sluice.format;

import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PushbackInputStream;
import java.io.SequenceInputStream;
import java.util.Arrays;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * Recognizes gzip by its magic bytes rather than by a file name or a Content-Encoding header, which
 * uploads and URLs get wrong both ways. Members written one after another (as {@code cat a.gz b.gz}
 * makes) are read as one stream; anything else after a member is an error, where
 * {@code GZIPInputStream} would silently drop it. A corrupt or truncated gzip stream becomes an
 * {@link UnreadableSourceException} that says how far it got. Not thread-safe.
 */
final class GzipSource extends InputStream {
    private static final int MAGIC_1 = 0x1f;
    private static final int MAGIC_2 = 0x8b;
    private static final int BUFFER_SIZE = 64 * 1024;

    private final InputStream raw;
    private Member member;
    private long delivered;

    private GzipSource(InputStream raw, Member first) {
        this.raw = raw;
        this.member = first;
    }

    /** {@code raw} decompressed when it starts with the gzip magic bytes, else {@code raw} as it is. */
    static InputStream decompressIfGzip(InputStream raw) throws IOException {
        PushbackInputStream in = new PushbackInputStream(raw, 2);
        if (!startsWithMagic(in)) {
            return in;
        }
        return new GzipSource(in, member(in, "the source starts like gzip but its gzip header is corrupt: "));
    }

    private static boolean startsWithMagic(PushbackInputStream in) throws IOException {
        int first = in.read();
        int second = first < 0 ? -1 : in.read();
        if (second >= 0) {
            in.unread(second);
        }
        if (first >= 0) {
            in.unread(first);
        }
        return first == MAGIC_1 && second == MAGIC_2;
    }

    private static Member member(InputStream in, String broken) throws IOException {
        try {
            return new Member(in);
        } catch (ZipException | EOFException e) {
            // an EOFException here has no message: the source ended inside the 10-byte header
            String why = e.getMessage() == null ? "the source ends inside it" : e.getMessage();
            throw new UnreadableSourceException(broken + why, e);
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
        while (member != null) {
            int n;
            try {
                n = member.read(buffer, offset, length);
            } catch (ZipException | EOFException e) {
                // an EOFException is "Unexpected end of ZLIB input stream", or has no message when the trailer is cut
                String why = e.getMessage() == null ? "the source ends inside the gzip trailer" : e.getMessage();
                throw new UnreadableSourceException("the gzip data is corrupt or truncated after "
                        + delivered + " uncompressed bytes: " + why, e);
            }
            if (n >= 0) {
                delivered += n;
                return n;
            }
            Member ended = member;
            member = next(ended.rest());
            ended.close();
        }
        return -1;
    }

    /** The member that follows, or null at the end of the source. */
    private Member next(InputStream rest) throws IOException {
        PushbackInputStream in = new PushbackInputStream(rest, 2);
        int first = in.read();
        if (first < 0) {
            return null;
        }
        in.unread(first);
        if (!startsWithMagic(in)) {
            throw new UnreadableSourceException("the gzip data ends after " + delivered
                    + " uncompressed bytes, but more bytes follow that are not gzip data");
        }
        return member(in, "a gzip member after " + delivered + " uncompressed bytes has a corrupt header: ");
    }

    @Override
    public void close() throws IOException {
        if (member != null) {
            member.close();
        }
        raw.close();
    }

    /**
     * One gzip member, or several when GZIPInputStream finds the next one in its buffer. The stream
     * under it says it has nothing buffered, so GZIPInputStream looks for a next member only in what it
     * has read ahead, and leaves the rest to {@link GzipSource} (it would drop bytes that do not start one).
     */
    private static final class Member extends GZIPInputStream {
        private static final int TRAILER = 8;

        private final InputStream source;

        Member(InputStream source) throws IOException {
            super(new FilterInputStream(source) {
                @Override
                public int available() {
                    return 0;
                }
            }, BUFFER_SIZE);
            this.source = source;
        }

        /** Once this member has ended: what follows it, the bytes it had read ahead first. */
        InputStream rest() {
            int remaining = inf.getRemaining();
            if (remaining <= TRAILER) {
                return source;
            }
            byte[] ahead = Arrays.copyOfRange(buf, len - remaining + TRAILER, len);
            return new SequenceInputStream(new ByteArrayInputStream(ahead), source);
        }

        @Override
        public void close() {
            inf.end(); // the source under it is closed by GzipSource, once
        }
    }
}
