package dev.sluice.format;

import org.apache.parquet.format.FieldRepetitionType;
import org.apache.parquet.format.FileMetaData;
import org.apache.parquet.format.SchemaElement;
import org.apache.parquet.format.Util;
import org.apache.parquet.schema.GroupType;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The footer of a Parquet file: its schema and row groups, read from the file's end (the last 8
 * bytes give the footer's length and the {@code PAR1} magic). Immutable and thread-safe.
 *
 * @param message the schema as the page decoders need it (physical types and repetition only)
 * @param columns the top-level columns with what their values mean
 */
public record ParquetFooter(FileMetaData metadata, MessageType message, List<ParquetColumn> columns) {
    static final byte[] MAGIC = "PAR1".getBytes(StandardCharsets.US_ASCII);
    /** A footer larger than this is not a footer Sluice holds: the file is refused, not read into memory. */
    private static final int MAX_FOOTER_BYTES = 64 << 20;

    /** Whether {@code file} starts with the Parquet magic bytes. */
    public static boolean hasMagic(Path file) throws IOException {
        try (FileChannel channel = FileChannel.open(file)) {
            ByteBuffer head = ByteBuffer.allocate(MAGIC.length);
            read(channel, head, 0);
            return !head.hasRemaining() && head.flip().equals(ByteBuffer.wrap(MAGIC));
        }
    }

    /** Whether {@code head}, the first bytes of a source, starts with the Parquet magic bytes. */
    public static boolean hasMagic(byte[] head, int length) {
        return length >= MAGIC.length && ByteBuffer.wrap(head, 0, MAGIC.length).equals(ByteBuffer.wrap(MAGIC));
    }

    /** Reads the footer of {@code file}; see {@link #read(FileChannel, String)}. */
    public static ParquetFooter read(Path file) throws IOException {
        try (FileChannel channel = FileChannel.open(file)) {
            return read(channel, file.getFileName().toString());
        }
    }

    /**
     * @throws UnreadableSourceException when the file is too short, lacks the magic bytes at either
     *                                   end, or its footer or schema cannot be decoded
     */
    static ParquetFooter read(FileChannel channel, String name) throws IOException {
        long size = channel.size();
        if (size < 12) {
            throw new UnreadableSourceException(name + " is not a Parquet file: " + size + " bytes, too short for one");
        }
        ByteBuffer tail = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
        read(channel, tail, size - 8);
        ByteBuffer head = ByteBuffer.allocate(4);
        read(channel, head, 0);
        if (!head.flip().equals(ByteBuffer.wrap(MAGIC)) || !tail.slice(4, 4).equals(ByteBuffer.wrap(MAGIC))) {
            throw new UnreadableSourceException(name + " is not a whole Parquet file: it must start and end with"
                    + " PAR1 (a truncated file lacks the footer at its end)");
        }
        int length = tail.getInt(0);
        if (length <= 0 || length > size - 12 || length > MAX_FOOTER_BYTES) {
            throw new UnreadableSourceException(name + ": corrupt Parquet footer: it declares " + length
                    + " bytes in a file of " + size);
        }
        ByteBuffer footer = ByteBuffer.allocate(length);
        read(channel, footer, size - 8 - length);
        try {
            FileMetaData metadata = Util.readFileMetaData(new ByteArrayInputStream(footer.array()));
            List<SchemaElement> schema = metadata.getSchema();
            if (schema == null || schema.isEmpty()) {
                throw new IllegalArgumentException("it has no schema");
            }
            return new ParquetFooter(metadata, message(schema), ParquetColumn.of(schema));
        } catch (IOException | RuntimeException e) {
            throw new UnreadableSourceException(name + ": corrupt Parquet footer: " + (e.getMessage() == null ? e.toString() : e.getMessage()), e);
        }
    }

    static void read(FileChannel channel, ByteBuffer into, long position) throws IOException {
        long at = position;
        while (into.hasRemaining()) {
            int n = channel.read(into, at);
            if (n < 0) {
                return;
            }
            at += n;
        }
    }

    private static MessageType message(List<SchemaElement> elements) {
        int[] next = {1};
        List<org.apache.parquet.schema.Type> fields = new ArrayList<>();
        for (int i = 0; i < elements.get(0).num_children; i++) {
            fields.add(type(elements, next));
        }
        return new MessageType(elements.get(0).name == null ? "schema" : elements.get(0).name, fields);
    }

    private static org.apache.parquet.schema.Type type(List<SchemaElement> elements, int[] next) {
        if (next[0] >= elements.size()) {
            throw new IllegalArgumentException("the schema's groups name more children than it lists");
        }
        SchemaElement e = elements.get(next[0]++);
        org.apache.parquet.schema.Type.Repetition repetition = e.repetition_type == FieldRepetitionType.REQUIRED
                ? org.apache.parquet.schema.Type.Repetition.REQUIRED
                : e.repetition_type == FieldRepetitionType.REPEATED ? org.apache.parquet.schema.Type.Repetition.REPEATED
                : org.apache.parquet.schema.Type.Repetition.OPTIONAL;
        if (e.num_children > 0 || e.type == null) {
            List<org.apache.parquet.schema.Type> children = new ArrayList<>();
            for (int i = 0; i < e.num_children; i++) {
                children.add(type(elements, next));
            }
            return new GroupType(repetition, e.name, children);
        }
        PrimitiveType.PrimitiveTypeName physical = e.type == org.apache.parquet.format.Type.BYTE_ARRAY
                ? PrimitiveType.PrimitiveTypeName.BINARY : PrimitiveType.PrimitiveTypeName.valueOf(e.type.name());
        return new PrimitiveType(repetition, physical, e.type_length, e.name);
    }

}
