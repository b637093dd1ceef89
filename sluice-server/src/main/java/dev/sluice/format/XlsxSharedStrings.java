package dev.sluice.format;

import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * The shared strings of a workbook, by index. They stay in memory up to {@link #MEMORY_CHARS}
 * characters in all; past that every string moves to a temporary file (UTF-8 texts, plus a file
 * of 8-byte offsets), read back by position, so memory stays bounded whatever the table's size
 * (docs/concepts.md, "Excel files"). Not thread-safe. Deletes its files on {@link #close()}.
 */
final class XlsxSharedStrings implements Closeable {
    /** Characters held in memory before the table spills to disk: 8 Mi, about 16 MB. */
    static final long MEMORY_CHARS = 8L * 1024 * 1024;

    private final long memoryChars;
    private final List<String> held = new ArrayList<>();
    private long heldChars;
    private Path textsFile;
    private Path offsetsFile;
    private DataOutputStream texts;
    private DataOutputStream offsets;
    private long written;
    private int count;
    private FileChannel textsChannel;
    private FileChannel offsetsChannel;

    XlsxSharedStrings(long memoryChars) {
        this.memoryChars = memoryChars;
    }

    /**
     * Reads the table from its part, each string cut at {@code limit} characters.
     *
     * @throws UnreadableSourceException when the part is not readable XML
     */
    static XlsxSharedStrings read(XMLStreamReader xml, String part, long memoryChars, long limit) throws IOException {
        XlsxSharedStrings strings = new XlsxSharedStrings(memoryChars);
        try {
            StringBuilder text = new StringBuilder();
            int phonetic = 0;
            while (xml.hasNext()) {
                int event = xml.next();
                if (event == XMLStreamConstants.START_ELEMENT) {
                    String name = xml.getLocalName();
                    phonetic += name.equals("rPh") ? 1 : 0;
                    if (name.equals("si")) {
                        text.setLength(0);
                    } else if (name.equals("t") && phonetic == 0) {
                        XlsxSheetRows.appendText(xml, text, limit);
                    }
                } else if (event == XMLStreamConstants.END_ELEMENT) {
                    phonetic -= xml.getLocalName().equals("rPh") ? 1 : 0;
                    if (xml.getLocalName().equals("si")) {
                        strings.add(text.toString());
                    }
                }
            }
            strings.finish();
        } catch (XMLStreamException e) {
            strings.close();
            throw XlsxPackage.broken(part, e);
        } catch (IOException | RuntimeException e) {
            strings.close();
            throw e;
        }
        return strings;
    }

    void add(String s) throws IOException {
        count++;
        if (texts == null) {
            held.add(s);
            heldChars += s.length();
            if (heldChars > memoryChars) {
                spill();
            }
            return;
        }
        write(s);
    }

    /** How many strings the table holds. */
    int size() {
        return count;
    }

    /** Whether the table moved to disk. */
    boolean spilled() {
        return textsFile != null;
    }

    /** The string at {@code index}, or null when the table has no such index. */
    String get(int index) throws IOException {
        if (index < 0 || index >= count) {
            return null;
        }
        if (textsFile == null) {
            return held.get(index);
        }
        ByteBuffer at = ByteBuffer.allocate(Long.BYTES + Integer.BYTES);
        readFully(offsetsChannel, at.limit(Long.BYTES), (long) index * Long.BYTES);
        long offset = at.flip().getLong();
        ByteBuffer length = ByteBuffer.allocate(Integer.BYTES);
        readFully(textsChannel, length, offset);
        ByteBuffer bytes = ByteBuffer.allocate(length.flip().getInt());
        readFully(textsChannel, bytes, offset + Integer.BYTES);
        return new String(bytes.array(), StandardCharsets.UTF_8);
    }

    private void spill() throws IOException {
        textsFile = Files.createTempFile("sluice-xlsx-strings", ".bin");
        offsetsFile = Files.createTempFile("sluice-xlsx-offsets", ".bin");
        texts = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(textsFile), 1 << 16));
        offsets = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(offsetsFile), 1 << 16));
        for (String s : held) {
            write(s);
        }
        held.clear();
        heldChars = 0;
    }

    private void write(String s) throws IOException {
        byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
        offsets.writeLong(written);
        texts.writeInt(bytes.length);
        texts.write(bytes);
        written += Integer.BYTES + bytes.length;
    }

    private void finish() throws IOException {
        if (texts != null) {
            texts.close();
            offsets.close();
            textsChannel = FileChannel.open(textsFile, StandardOpenOption.READ);
            offsetsChannel = FileChannel.open(offsetsFile, StandardOpenOption.READ);
        }
    }

    private static void readFully(FileChannel channel, ByteBuffer buffer, long position) throws IOException {
        long at = position;
        while (buffer.hasRemaining()) {
            int n = channel.read(buffer, at);
            if (n < 0) {
                throw new IOException("the spilled shared strings end early at byte " + at);
            }
            at += n;
        }
    }

    @Override
    public void close() throws IOException {
        held.clear();
        for (Closeable c : new Closeable[] {texts, offsets, textsChannel, offsetsChannel}) {
            if (c != null) {
                c.close();
            }
        }
        for (Path p : new Path[] {textsFile, offsetsFile}) {
            if (p != null) {
                Files.deleteIfExists(p);
            }
        }
    }
}
