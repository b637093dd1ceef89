package dev.sluice.format;

import dev.sluice.job.SourceFormat;
import java.io.IOException;
import java.io.InputStream;

/** Opens the right {@link RowReader} for a format. Stateless and thread-safe. */
public final class Readers {
    private Readers() {
    }

    /**
     * Opens a reader over {@code raw}, which may be gzip-compressed (detected by its magic bytes).
     * The text is decoded with {@link Dialect#encoding()}, strictly (bytes that are not valid in it
     * are an error, never replaced), and a leading byte order mark is dropped. The reader owns the
     * stream and closes it; when opening fails, the stream is closed here.
     *
     * <p>An empty CSV or TSV source opens as a reader with no rows (and no columns unless the
     * {@code columns} option names them).
     *
     * @throws UnreadableSourceException when the start of the source is already unreadable
     *                                   (bad gzip header, a blank or repeated column name,
     *                                   {@code header=false} without columns, a JSON document that is not an array)
     */
    public static RowReader open(InputStream raw, SourceFormat format, Dialect dialect) throws IOException {
        return open(raw, format, dialect, RecordLimit.DEFAULT);
    }

    /**
     * As {@link #open(InputStream, SourceFormat, Dialect)}, with the longest record the reader holds:
     * a longer one is read past and becomes a {@link SourceRow.Malformed}.
     */
    public static RowReader open(InputStream raw, SourceFormat format, Dialect dialect, RecordLimit limit)
            throws IOException {
        InputStream in;
        try {
            in = GzipSource.decompressIfGzip(raw);
        } catch (IOException | RuntimeException e) {
            closeAfter(raw, e);
            throw e;
        }
        return openPlain(in, format, dialect, limit);
    }

    /**
     * {@code raw} decompressed when it starts with the gzip magic bytes, else as it is: for a caller
     * that looks at the first bytes of the text before {@link #openPlain} reads it.
     *
     * @throws UnreadableSourceException when the source starts like gzip but its header is corrupt
     */
    public static InputStream decompressIfGzip(InputStream raw) throws IOException {
        return GzipSource.decompressIfGzip(raw);
    }

    /**
     * As {@link #open(InputStream, SourceFormat, Dialect, RecordLimit)} for a source already
     * decompressed ({@link #decompressIfGzip}): gzip inside it is not looked for again.
     */
    public static RowReader openPlain(InputStream in, SourceFormat format, Dialect dialect, RecordLimit limit)
            throws IOException {
        if (format == SourceFormat.XLSX) {
            return XlsxRowReader.open(in, dialect, limit);
        }
        try {
            StrictDecoder text = new StrictDecoder(in, dialect.encoding());
            return switch (format) {
                case CSV, TSV -> CsvRowReader.open(text, format, dialect, limit);
                case JSONL -> new JsonLinesRowReader(text, limit);
                case JSON -> JsonArrayRowReader.open(text, limit);
                case XLSX -> throw new IllegalStateException("a spreadsheet is not text");
                case PARQUET -> throw new IllegalArgumentException("Parquet is read from a file, with ParquetRowReader.open");
            };
        } catch (IOException | RuntimeException e) {
            closeAfter(in, e);
            throw e;
        }
    }

    private static void closeAfter(InputStream in, Exception failure) {
        try {
            in.close();
        } catch (IOException closing) {
            failure.addSuppressed(closing);
        }
    }
}
