package dev.sluice.format;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.convert.GroupRecordConverter;
import org.apache.parquet.format.RowGroup;
import org.apache.parquet.io.ColumnIOFactory;
import org.apache.parquet.io.MessageColumnIO;
import org.apache.parquet.io.RecordReader;
import org.apache.parquet.schema.MessageType;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a Parquet file one row group at a time (docs/parquet.md): the footer first, then each row
 * group's column chunks, rendered as JSON objects ({@link SourceRow.Json}) whose line is the row's index
 * in the file + 1. Flat columns are decoded column by column ({@link ParquetFlatColumns}); only lists,
 * maps, structs and repeated columns go through record assembly. Memory holds the current row group's compressed bytes and one
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
    /** Per top-level column: its index among the flat columns (k), or among the assembled ones (-1 - k). */
    private final int[] place;
    private final List<ParquetColumn> flat = new ArrayList<>();
    /** The columns read by record assembly (lists, maps, structs, repeated ones); null when there are none. */
    private final MessageColumnIO nested;
    private final MessageType nestedSchema;
    private int nextGroup;
    private ParquetFlatColumns flatValues;
    private RecordReader<Group> records;
    private long rowsLeftInGroup;
    private long line;
    private long bytesRead;

    private ParquetRowReader(FileChannel channel, Path deleteOnClose, String name, ParquetFooter footer) {
        this.channel = channel;
        this.deleteOnClose = deleteOnClose;
        this.name = name;
        this.footer = footer;
        List<ParquetColumn> columns = footer.columns();
        this.place = new int[columns.size()];
        List<org.apache.parquet.schema.Type> assembled = new ArrayList<>();
        for (int i = 0; i < columns.size(); i++) {
            ParquetColumn column = columns.get(i);
            if (column.children().isEmpty() && !column.repeated() && column.physical() != null) {
                place[i] = flat.size();
                flat.add(column);
            } else {
                place[i] = -1 - assembled.size();
                assembled.add(footer.message().getType(i));
            }
        }
        this.nestedSchema = assembled.isEmpty() ? null : new MessageType(footer.message().getName(), assembled);
        this.nested = nestedSchema == null ? null : new ColumnIOFactory(footer.metadata().getCreated_by())
                .getColumnIO(nestedSchema, footer.message(), true);
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
        try {
            return new SourceRow.Json(line, row());
        } catch (RuntimeException e) {
            throw broken(e);
        }
    }

    /** The next row, its flat columns from the column-wise batch and the others from record assembly. */
    private ObjectNode row() {
        flatValues.advance();
        Group record = records == null ? null : records.read();
        List<ParquetColumn> columns = footer.columns();
        ObjectNode row = ParquetValues.NODES.objectNode();
        for (int i = 0; i < columns.size(); i++) {
            int k = place[i];
            row.set(columns.get(i).name(), k >= 0 ? flatValues.value(k)
                    : ParquetValues.member(record, -1 - k, columns.get(i)));
        }
        return row;
    }

    private void openGroup(RowGroup group) throws IOException {
        try {
            ParquetPages pages = ParquetPages.of(group, channel, where());
            flatValues = new ParquetFlatColumns(pages, footer.message(), flat, footer.metadata().getCreated_by());
            records = nested == null ? null : nested.getRecordReader(pages, new GroupRecordConverter(nestedSchema));
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
