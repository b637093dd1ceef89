package dev.sluice.format;

import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.convert.GroupRecordConverter;
import org.apache.parquet.format.RowGroup;
import org.apache.parquet.io.ColumnIOFactory;
import org.apache.parquet.io.MessageColumnIO;
import org.apache.parquet.io.RecordReader;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Reads a Parquet file one row group at a time (docs/parquet.md): the footer first, then each row
 * group's column chunks, assembled into records rendered as JSON objects ({@link SourceRow.Json}) whose
 * line is the row's index in the file + 1. Memory holds the current row group's compressed bytes and one
 * decompressed page per column, never the file. Not thread-safe.
 *
 * <p>{@link #next()} throws {@link UnreadableSourceException} when a row group cannot be decoded (a
 * corrupt page, an unknown codec), naming the row group and the first row it holds.
 */
public final class ParquetRowReader implements RowReader {
    private final FileChannel channel;
    private final Path deleteOnClose;
    private final String name;
    private final ParquetFooter footer;
    private final MessageColumnIO io;
    private int nextGroup;
    private RecordReader<Group> records;
    private long rowsLeftInGroup;
    private long line;
    private long bytesRead;

    private ParquetRowReader(FileChannel channel, Path deleteOnClose, String name, ParquetFooter footer) {
        this.channel = channel;
        this.deleteOnClose = deleteOnClose;
        this.name = name;
        this.footer = footer;
        this.io = new ColumnIOFactory(footer.metadata().getCreated_by()).getColumnIO(footer.message());
    }

    /**
     * Opens {@code file} and reads its footer.
     *
     * @param temporary whether the file was staged for this reader alone and goes when it closes
     * @throws UnreadableSourceException when the file is not a whole Parquet file or its footer is corrupt
     */
    public static ParquetRowReader open(Path file, String name, boolean temporary) throws IOException {
        FileChannel channel = FileChannel.open(file);
        try {
            return new ParquetRowReader(channel, temporary ? file : null, name, ParquetFooter.read(channel, name));
        } catch (IOException | RuntimeException e) {
            channel.close();
            if (temporary) {
                Files.deleteIfExists(file);
            }
            throw e;
        }
    }

    /** The compressed bytes of the row groups read so far: the reader's progress through the file. */
    public long bytesRead() {
        return bytesRead;
    }

    @Override
    public List<String> columns() {
        return List.of();
    }

    @Override
    public SourceRow next() throws IOException {
        while (rowsLeftInGroup == 0) {
            List<RowGroup> groups = footer.metadata().getRow_groups();
            if (groups == null || nextGroup >= groups.size()) {
                return null;
            }
            openGroup(groups.get(nextGroup++));
        }
        line++;
        rowsLeftInGroup--;
        Group record;
        try {
            record = records.read();
        } catch (RuntimeException e) {
            throw broken(e);
        }
        return new SourceRow.Json(line, ParquetValues.record(record, footer.columns()));
    }

    private void openGroup(RowGroup group) throws IOException {
        try {
            ParquetPages pages = ParquetPages.of(group, channel, where());
            records = io.getRecordReader(pages, new GroupRecordConverter(footer.message()));
            rowsLeftInGroup = group.getNum_rows();
            bytesRead += pages.compressedBytes();
        } catch (UnreadableSourceException e) {
            throw e;
        } catch (RuntimeException e) {
            throw broken(e);
        }
    }

    private String where() {
        return name + ": row group " + nextGroup + " (from row " + (line + 1) + ")";
    }

    private UnreadableSourceException broken(RuntimeException e) {
        String message = e.getMessage() == null ? e.toString() : e.getMessage();
        return new UnreadableSourceException(name + ": cannot decode row " + (line == 0 ? 1 : line)
                + " in row group " + nextGroup + ": " + message, e, line);
    }

    @Override
    public void close() throws IOException {
        try {
            channel.close();
        } finally {
            if (deleteOnClose != null) {
                Files.deleteIfExists(deleteOnClose);
            }
        }
    }
}
