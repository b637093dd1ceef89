package dev.sluice.format;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import org.apache.parquet.column.ColumnReader;
import org.apache.parquet.column.impl.ColumnReadStoreImpl;
import org.apache.parquet.column.page.PageReadStore;
import org.apache.parquet.example.data.simple.convert.GroupRecordConverter;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.schema.MessageType;

import java.util.List;

/**
 * The flat columns of one row group (neither repeated nor a group: one value or null per row), decoded
 * column by column, a batch of rows at a time, with no record assembly (docs/parquet.md). Each column
 * decodes its pages alone, so memory holds one decompressed page per column and {@link #BATCH} values
 * per column. Not thread-safe.
 *
 * <p>Decoding throws the page decoders' unchecked exceptions for a corrupt page; the reader locates them.
 */
final class ParquetFlatColumns {
    /** Rows decoded per column before the next column is read. */
    static final int BATCH = 1024;

    private final List<ParquetColumn> columns;
    private final ColumnReader[] readers;
    private final ColumnSlot[] slots;
    private final int[] maxDefinition;
    private final JsonNode[][] batch;
    private long rowsLeft;
    private int size;
    private int at;

    /**
     * @param columns the flat top-level columns of {@code schema}, in the order {@link #value} numbers them
     */
    ParquetFlatColumns(PageReadStore pages, MessageType schema, List<ParquetColumn> columns, String createdBy) {
        this.columns = columns;
        this.readers = new ColumnReader[columns.size()];
        this.slots = new ColumnSlot[columns.size()];
        this.maxDefinition = new int[columns.size()];
        this.batch = new JsonNode[columns.size()][];
        this.rowsLeft = pages.getRowCount();
        if (columns.isEmpty()) {
            return;
        }
        ColumnReadStoreImpl store = new ColumnReadStoreImpl(pages,
                new GroupRecordConverter(schema).getRootConverter(), schema, createdBy);
        for (int k = 0; k < readers.length; k++) {
            readers[k] = store.getColumnReader(schema.getColumnDescription(new String[] {columns.get(k).name()}));
            slots[k] = new ColumnSlot(readers[k]);
            maxDefinition[k] = readers[k].getDescriptor().getMaxDefinitionLevel();
            batch[k] = new JsonNode[BATCH];
        }
    }

    /** Moves to the next row of the row group, decoding the next batch when the current one is used up. */
    void advance() {
        if (++at >= size) {
            fill();
        }
    }

    /** The current row's value of flat column {@code k}, JSON null for a null. */
    JsonNode value(int k) {
        return batch[k][at];
    }

    private void fill() {
        int n = (int) Math.min(BATCH, rowsLeft);
        for (int k = 0; k < readers.length; k++) {
            ColumnReader reader = readers[k];
            JsonNode[] values = batch[k];
            ParquetColumn column = columns.get(k);
            for (int r = 0; r < n; r++) {
                values[r] = reader.getCurrentDefinitionLevel() == maxDefinition[k]
                        ? ParquetValues.primitive(slots[k], column) : NullNode.getInstance();
                reader.consume();
            }
        }
        rowsLeft -= n;
        size = n;
        at = 0;
    }

    /** The current value of one column reader. */
    private record ColumnSlot(ColumnReader reader) implements ParquetValues.Slot {
        public int int32() {
            return reader.getInteger();
        }

        public long int64() {
            return reader.getLong();
        }

        public float float32() {
            return reader.getFloat();
        }

        public double float64() {
            return reader.getDouble();
        }

        public boolean bool() {
            return reader.getBoolean();
        }

        public Binary binary() {
            return reader.getBinary();
        }

        public Binary int96() {
            return reader.getBinary();
        }
    }
}
