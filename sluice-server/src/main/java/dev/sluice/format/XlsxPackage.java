package dev.sluice.format;

import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import java.io.Closeable;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;

/**
 * The zip container of an xlsx file, its parts opened as XML streams without DTDs or external
 * entities. A part may inflate to at most {@link #MAX_INFLATION} times its compressed size (plus
 * 1 MB): a zip bomb stops with a located error instead of filling disk or memory. Not thread-safe.
 */
final class XlsxPackage implements Closeable {
    /** How many times its compressed size a part may inflate to; the bound Apache POI applies by default. */
    static final long MAX_INFLATION = 100;
    private static final long INFLATION_SLACK = 1024 * 1024;
    private static final XMLInputFactory XML = safeFactory();

    private final ZipFile zip;

    private XlsxPackage(ZipFile zip) {
        this.zip = zip;
    }

    /** @throws UnreadableSourceException when the file is not a zip archive */
    static XlsxPackage open(Path file) throws IOException {
        try {
            return new XlsxPackage(new ZipFile(file.toFile()));
        } catch (ZipException e) {
            throw new UnreadableSourceException("not an xlsx file: it is not a zip archive (" + e.getMessage() + ")", e);
        }
    }

    boolean has(String part) {
        return zip.getEntry(part) != null;
    }

    /**
     * The part as an XML stream, or null when the package has no such part.
     *
     * @throws UnreadableSourceException when the part is not XML from its start
     */
    XMLStreamReader xml(String part) throws IOException {
        ZipEntry entry = zip.getEntry(part);
        if (entry == null) {
            return null;
        }
        InputStream in = new Bounded(zip.getInputStream(entry), part, entry.getCompressedSize());
        try {
            return XML.createXMLStreamReader(in);
        } catch (XMLStreamException e) {
            in.close();
            throw broken(part, e);
        }
    }

    /** A part whose XML breaks off or is not well formed. */
    static UnreadableSourceException broken(String part, XMLStreamException e) {
        if (e.getNestedException() instanceof UnreadableSourceException u) {
            return u;
        }
        String where = e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNumber()
                + ", column " + e.getLocation().getColumnNumber();
        return new UnreadableSourceException("the xlsx part " + part + " is not readable XML" + where + ": "
                + e.getMessage(), e);
    }

    @Override
    public void close() throws IOException {
        zip.close();
    }

    private static XMLInputFactory safeFactory() {
        XMLInputFactory factory = XMLInputFactory.newFactory();
        factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        factory.setProperty(XMLInputFactory.IS_COALESCING, false);
        return factory;
    }

    /** A part's bytes, refused past the inflation bound. */
    private static final class Bounded extends FilterInputStream {
        private final String part;
        private final long limit;
        private long read;

        Bounded(InputStream in, String part, long compressed) {
            super(in);
            this.part = part;
            this.limit = Math.max(0, compressed) * MAX_INFLATION + INFLATION_SLACK;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            count(b < 0 ? 0 : 1);
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = super.read(buffer, offset, length);
            count(Math.max(n, 0));
            return n;
        }

        private void count(int n) throws IOException {
            read += n;
            if (read > limit) {
                throw new UnreadableSourceException("the xlsx part " + part + " inflates to more than " + MAX_INFLATION
                        + " times its compressed size: refused as a zip bomb");
            }
        }
    }
}
