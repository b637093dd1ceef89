package dev.sluice.infer;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;

/**
 * The text inference reads from a file: its head, and for a file much larger than the head also a
 * piece from its middle and one from its end, each starting after a line break and ending at one
 * (a line cut by the piece's edges is dropped). Memory is bounded by the piece sizes, never by the
 * file: a 1 GB file costs the same as a 10 MB one. Gzip files are read from the head only.
 *
 * <p>Immutable once read. {@link #read} throws {@link IOException} when the file cannot be read.
 *
 * @param head     the decoded head, without a byte order mark, ending at a line break unless it is the whole file
 * @param tails    decoded pieces from the middle and the end (empty for a small or compressed file)
 * @param encoding the encoding sniffed from the head (or the one given)
 */
record FileSample(String head, List<String> tails, SniffedEncoding encoding) {
    static final int HEAD_BYTES = 4 * 1024 * 1024;
    static final int TAIL_BYTES = 512 * 1024;

    static FileSample read(Path file, Charset given) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = channel.size();
            byte[] head = readAt(channel, 0, (int) Math.min(size, HEAD_BYTES));
            if (head.length >= 2 && (head[0] & 0xFF) == 0x1F && (head[1] & 0xFF) == 0x8B) {
                return gzipped(file, given);
            }
            SniffedEncoding enc = encoding(head, head.length, given);
            boolean whole = size <= HEAD_BYTES;
            String headText = decode(head, enc.bomLength(), head.length, enc.charset());
            List<String> tails = new ArrayList<>();
            if (size > HEAD_BYTES + 2L * TAIL_BYTES) {
                tails.add(piece(channel, size / 2, enc.charset()));
                tails.add(piece(channel, size - TAIL_BYTES, enc.charset()));
            }
            return new FileSample(whole ? headText : upToLastLineBreak(headText), tails, enc);
        }
    }

    private static FileSample gzipped(Path file, Charset given) throws IOException {
        try (InputStream in = new GZIPInputStream(Files.newInputStream(file))) {
            byte[] head = in.readNBytes(HEAD_BYTES);
            boolean whole = in.read() < 0;
            SniffedEncoding enc = encoding(head, head.length, given);
            String text = decode(head, enc.bomLength(), head.length, enc.charset());
            return new FileSample(whole ? text : upToLastLineBreak(text), List.of(), enc);
        }
    }

    private static SniffedEncoding encoding(byte[] head, int length, Charset given) {
        SniffedEncoding sniffed = SniffedEncoding.of(head, length);
        if (given == null) {
            return sniffed;
        }
        return new SniffedEncoding(given, sniffed.charset().equals(given) ? sniffed.bomLength() : 0, true);
    }

    private static String piece(FileChannel channel, long from, Charset charset) throws IOException {
        long start = from - (from % 4);
        byte[] bytes = readAt(channel, start, TAIL_BYTES);
        String text = decode(bytes, 0, bytes.length, charset);
        int firstBreak = text.indexOf('\n');
        return firstBreak < 0 ? "" : upToLastLineBreak(text.substring(firstBreak + 1));
    }

    private static byte[] readAt(FileChannel channel, long position, int length) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(length);
        while (buffer.hasRemaining()) {
            if (channel.read(buffer, position + buffer.position()) < 0) {
                break;
            }
        }
        byte[] bytes = new byte[buffer.position()];
        buffer.flip().get(bytes);
        return bytes;
    }

    /** Lenient on purpose: this is a sample for guessing, never the text that gets imported. */
    private static String decode(byte[] bytes, int from, int to, Charset charset) {
        try {
            return charset.newDecoder().onMalformedInput(CodingErrorAction.REPLACE)
                    .onUnmappableCharacter(CodingErrorAction.REPLACE)
                    .decode(ByteBuffer.wrap(bytes, from, to - from)).toString();
        } catch (java.nio.charset.CharacterCodingException e) {
            throw new IllegalStateException("a replacing decoder reported an error", e);
        }
    }

    private static String upToLastLineBreak(String text) {
        int last = text.lastIndexOf('\n');
        return last < 0 ? "" : text.substring(0, last + 1);
    }
}
