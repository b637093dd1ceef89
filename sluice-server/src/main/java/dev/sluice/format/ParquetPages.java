package dev.sluice.format;

import io.airlift.compress.Decompressor;
import io.airlift.compress.lz4.Lz4Decompressor;
import io.airlift.compress.snappy.SnappyDecompressor;
import io.airlift.compress.zstd.ZstdDecompressor;
import org.apache.parquet.bytes.BytesInput;
import org.apache.parquet.column.ColumnDescriptor;
import org.apache.parquet.column.Encoding;
import org.apache.parquet.column.page.DataPage;
import org.apache.parquet.column.page.DataPageV1;
import org.apache.parquet.column.page.DataPageV2;
import org.apache.parquet.column.page.DictionaryPage;
import org.apache.parquet.column.page.PageReadStore;
import org.apache.parquet.column.page.PageReader;
import org.apache.parquet.format.ColumnChunk;
import org.apache.parquet.format.ColumnMetaData;
import org.apache.parquet.format.CompressionCodec;
import org.apache.parquet.format.DataPageHeader;
import org.apache.parquet.format.DataPageHeaderV2;
import org.apache.parquet.format.PageHeader;
import org.apache.parquet.format.PageType;
import org.apache.parquet.format.RowGroup;
import org.apache.parquet.format.Util;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.util.HashMap;
import java.util.Map;
import java.util.zip.GZIPInputStream;

/**
 * The pages of one row group: its column chunks are read whole (compressed), and each page is
 * decompressed only when the column's decoder asks for it. So memory holds one row group's compressed
 * bytes plus one decompressed page per column (docs/parquet.md). Not thread-safe.
 */
final class ParquetPages implements PageReadStore {
    /** A row group whose column chunks add up to more than this is refused rather than held. */
    static final long MAX_ROW_GROUP_BYTES = 256L << 20;

    private final RowGroup group;
    private final Map<String, ColumnChunk> chunks = new HashMap<>();
    private final FileChannel channel;
    private final String where;

    private ParquetPages(RowGroup group, FileChannel channel, String where) {
        this.group = group;
        this.channel = channel;
        this.where = where;
        for (ColumnChunk chunk : group.getColumns()) {
            chunks.put(String.join(".", chunk.getMeta_data().getPath_in_schema()), chunk);
        }
    }

    /**
     * @throws UnreadableSourceException when the row group is larger than {@link #MAX_ROW_GROUP_BYTES}
     */
    static ParquetPages of(RowGroup group, FileChannel channel, String where) throws UnreadableSourceException {
        long bytes = 0;
        for (ColumnChunk chunk : group.getColumns()) {
            bytes += chunk.getMeta_data().getTotal_compressed_size();
        }
        if (bytes > MAX_ROW_GROUP_BYTES) {
            throw new UnreadableSourceException(where + " holds " + bytes + " compressed bytes, more than the "
                    + MAX_ROW_GROUP_BYTES + " Sluice reads at once: write the file with smaller row groups");
        }
        return new ParquetPages(group, channel, where);
    }

    /** The compressed bytes of this row group's column chunks. */
    long compressedBytes() {
        long bytes = 0;
        for (ColumnChunk chunk : group.getColumns()) {
            bytes += chunk.getMeta_data().getTotal_compressed_size();
        }
        return bytes;
    }

    @Override
    public long getRowCount() {
        return group.getNum_rows();
    }

    @Override
    public PageReader getPageReader(ColumnDescriptor column) {
        String path = String.join(".", column.getPath());
        ColumnChunk chunk = chunks.get(path);
        if (chunk == null) {
            throw new IllegalStateException(where + " has no column chunk for " + path);
        }
        try {
            return new ChunkPages(chunk.getMeta_data(), read(chunk.getMeta_data()), where + ", column " + path);
        } catch (IOException e) {
            throw new IllegalStateException(where + ", column " + path + ": " + e.getMessage(), e);
        }
    }

    private byte[] read(ColumnMetaData meta) throws IOException {
        long start = meta.isSetDictionary_page_offset() && meta.getDictionary_page_offset() > 0
                && meta.getDictionary_page_offset() < meta.getData_page_offset()
                ? meta.getDictionary_page_offset() : meta.getData_page_offset();
        long length = meta.getTotal_compressed_size();
        if (start < 4 || length < 0 || length > Integer.MAX_VALUE || start + length > channel.size() - 8) {
            throw new IOException("its column chunk lies outside the file (offset " + start + ", " + length + " bytes)");
        }
        ByteBuffer bytes = ByteBuffer.allocate((int) length);
        ParquetFooter.read(channel, bytes, start);
        return bytes.array();
    }

    /** The pages of one column chunk, decompressed one at a time. */
    private static final class ChunkPages implements PageReader {
        private final ColumnMetaData meta;
        private final InputStream in;
        private final String where;
        private final DictionaryPage dictionary;
        private long valuesLeft;
        private PageHeader pending;

        ChunkPages(ColumnMetaData meta, byte[] bytes, String where) throws IOException {
            this.meta = meta;
            this.in = new ByteArrayInputStream(bytes);
            this.where = where;
            this.valuesLeft = meta.getNum_values();
            PageHeader first = Util.readPageHeader(in);
            if (first.getType() == PageType.DICTIONARY_PAGE) {
                byte[] data = uncompressed(first.getCompressed_page_size(), first.getUncompressed_page_size());
                dictionary = new DictionaryPage(BytesInput.from(data), first.getDictionary_page_header().getNum_values(),
                        Encoding.valueOf(first.getDictionary_page_header().getEncoding().name()));
            } else {
                dictionary = null;
                pending = first;
            }
        }

        @Override
        public DictionaryPage readDictionaryPage() {
            return dictionary;
        }

        @Override
        public long getTotalValueCount() {
            return meta.getNum_values();
        }

        @Override
        public DataPage readPage() {
            try {
                while (valuesLeft > 0) {
                    PageHeader header = pending != null ? pending : Util.readPageHeader(in);
                    pending = null;
                    DataPage page = page(header);
                    if (page != null) {
                        valuesLeft -= page.getValueCount();
                        return page;
                    }
                }
                return null;
            } catch (IOException | RuntimeException e) {
                throw new IllegalStateException(where + ": a page cannot be read: " + e.getMessage(), e);
            }
        }

        private DataPage page(PageHeader header) throws IOException {
            if (header.getType() == PageType.DATA_PAGE) {
                DataPageHeader h = header.getData_page_header();
                byte[] data = uncompressed(header.getCompressed_page_size(), header.getUncompressed_page_size());
                return new DataPageV1(BytesInput.from(data), h.getNum_values(), data.length, null,
                        encoding(h.getRepetition_level_encoding()), encoding(h.getDefinition_level_encoding()),
                        encoding(h.getEncoding()));
            }
            if (header.getType() == PageType.DATA_PAGE_V2) {
                DataPageHeaderV2 h = header.getData_page_header_v2();
                byte[] repetition = in.readNBytes(h.getRepetition_levels_byte_length());
                byte[] definition = in.readNBytes(h.getDefinition_levels_byte_length());
                int levels = repetition.length + definition.length;
                byte[] data = !h.isSetIs_compressed() || h.isIs_compressed()
                        ? uncompressed(header.getCompressed_page_size() - levels, header.getUncompressed_page_size() - levels)
                        : in.readNBytes(header.getCompressed_page_size() - levels);
                return DataPageV2.uncompressed(h.getNum_rows(), h.getNum_nulls(), h.getNum_values(),
                        BytesInput.from(repetition), BytesInput.from(definition), encoding(h.getEncoding()),
                        BytesInput.from(data), null);
            }
            in.skipNBytes(header.getCompressed_page_size());
            return null;
        }

        private static Encoding encoding(org.apache.parquet.format.Encoding e) {
            return Encoding.valueOf(e.name());
        }

        private byte[] uncompressed(int compressedSize, int size) throws IOException {
            byte[] compressed = in.readNBytes(compressedSize);
            if (compressed.length < compressedSize) {
                throw new IOException("the page is cut short: " + compressed.length + " of " + compressedSize + " bytes");
            }
            return Codecs.decompress(meta.getCodec(), compressed, size);
        }
    }

    /** The page codecs Sluice reads. */
    static final class Codecs {
        private Codecs() {
        }

        static byte[] decompress(CompressionCodec codec, byte[] compressed, int size) throws IOException {
            switch (codec) {
                case UNCOMPRESSED:
                    return compressed;
                case GZIP:
                    try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(compressed))) {
                        return exactly(in.readNBytes(size + 1), size);
                    }
                case SNAPPY:
                    return block(new SnappyDecompressor(), compressed, size);
                case ZSTD:
                    return block(new ZstdDecompressor(), compressed, size);
                case LZ4_RAW:
                    return block(new Lz4Decompressor(), compressed, size);
                default:
                    throw new IOException("its pages are compressed with " + codec + ", which Sluice does not read"
                            + " (it reads SNAPPY, GZIP, ZSTD, LZ4_RAW and uncompressed pages)");
            }
        }

        private static byte[] block(Decompressor decompressor, byte[] compressed, int size) throws IOException {
            byte[] out = new byte[size];
            int n = decompressor.decompress(compressed, 0, compressed.length, out, 0, size);
            return exactly(n == size ? out : java.util.Arrays.copyOf(out, n), size);
        }

        private static byte[] exactly(byte[] data, int size) throws IOException {
            if (data.length != size) {
                throw new IOException("a page decompresses to " + data.length + " bytes, not the " + size + " declared");
            }
            return data;
        }
    }
}
