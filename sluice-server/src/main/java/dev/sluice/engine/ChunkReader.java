package dev.sluice.engine;

import dev.sluice.format.ConvertedRow;
import dev.sluice.format.RowConverter;
import dev.sluice.format.RowReader;
import dev.sluice.format.SourceRow;
import dev.sluice.format.UnreadableSourceException;
import dev.sluice.sink.PreparedRows;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import java.util.function.LongSupplier;

/**
 * Reads and converts one file on its own thread, handing chunks to the writer through a small
 * bounded queue: parsing and writing overlap on two cores, and memory holds at most a few chunks.
 * Thread-safe between its one producer and one consumer.
 */
final class ChunkReader implements AutoCloseable {
    /** What the queue carries: a chunk, the end of the file, or why reading stopped. */
    sealed interface Item {
    }

    record Next(Chunk chunk) implements Item {
    }

    record End() implements Item {
    }

    /**
     * Reading stopped: an {@link IOException} is the source's fault (the file fails); anything else,
     * {@code Error}s included, is this process's (the job fails with {@code internal_error}).
     */
    record Broken(Throwable error, long line) implements Item {
    }

    private static final long READER_STACK_BYTES = 16L << 20;

    private final BlockingQueue<Item> queue = new ArrayBlockingQueue<>(2);
    private final RowReader reader;
    private final RowConverter converter;
    private final Function<List<ConvertedRow>, PreparedRows> prepare;
    private final LongSupplier bytesRead;
    private final int chunkRows;
    private final long chunkBytes;
    private final RowFilter filter;
    private final Thread thread;
    private volatile boolean stopped;
    /** The end or breakage once handed over (the consumer's side only). */
    private Item last;

    /**
     * @param prepare    readies converted rows for the sink, on this reader's thread
     * @param skip       records to pass over first: the checkpoint of a resumed file
     * @param filter     which of the records after the checkpoint are imported (a retry re-reads some)
     * @param bytesRead  the source bytes consumed so far (before decompression)
     */
    ChunkReader(String name, RowReader reader, RowConverter converter,
                Function<List<ConvertedRow>, PreparedRows> prepare, long skip, RowFilter filter,
                LongSupplier bytesRead, int chunkRows, long chunkBytes) {
        this.filter = filter;
        this.reader = reader;
        this.converter = converter;
        this.prepare = prepare;
        this.bytesRead = bytesRead;
        this.chunkRows = chunkRows;
        this.chunkBytes = chunkBytes;
        // a JSON record may nest 1000 levels (the parser's limit), read recursively: a stack of
        // its own keeps that well clear of the default, whatever the JIT made of the frames
        this.thread = new Thread(null, () -> produce(skip), name, READER_STACK_BYTES);
        this.thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    /**
     * The next item if one comes within {@code nanos}, else null. An interrupt ends the wait and
     * answers null with the thread's interrupt flag set again. Once the end or a breakage has been
     * handed over, this and {@link #take} answer it again at once: a writer that meets it inside a
     * transaction leaves it where the loop around the transaction finds it.
     */
    Item poll(long nanos) {
        if (last != null) {
            return last;
        }
        try {
            return handed(queue.poll(Math.max(0, nanos), TimeUnit.NANOSECONDS));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    /** True once the end of the file has been handed over: every record was read. */
    boolean atEnd() {
        return last instanceof End;
    }

    private Item handed(Item item) {
        if (item != null && !(item instanceof Next)) {
            last = item;
        }
        return item;
    }

    /**
     * The next item; waits for the reader, but never for a reader thread that has died (that gives a
     * {@link Broken}), and gives up with null as soon as {@code giveUp} says so, checked every 250 ms.
     */
    Item take(BooleanSupplier giveUp) throws InterruptedException {
        while (last == null) {
            Item item = queue.poll(250, TimeUnit.MILLISECONDS);
            if (item != null) {
                return handed(item);
            }
            if (!thread.isAlive()) {
                item = queue.poll();
                return handed(item != null ? item : new Broken(new IllegalStateException("the reader thread of "
                        + thread.getName() + " ended without handing on its end or its error"), 0));
            }
            if (giveUp.getAsBoolean()) {
                return null;
            }
        }
        return last;
    }

    private void produce(long skip) {
        long records = 0;
        long line = 0;
        List<RowConverter.Conversion> entries = new ArrayList<>(chunkRows);
        long[] recordAfter = new long[chunkRows];
        try {
            SourceRow row;
            while (records < skip && (row = reader.next()) != null) {
                records++;
                line = row.line();
            }
            long chunkStartBytes = bytesRead.getAsLong();
            while (!stopped && !filter.noneAfter(records) && (row = reader.next()) != null) {
                line = row.line();
                if (filter.keeps(records++, line)) {
                    recordAfter[entries.size()] = records;
                    entries.add(converter.convert(row));
                }
                // a chunk of no entries still moves a retry's checkpoint and progress past the records it passed over
                if (entries.size() >= chunkRows || bytesRead.getAsLong() - chunkStartBytes >= chunkBytes) {
                    put(next(entries, recordAfter, records, line));
                    entries = new ArrayList<>(chunkRows);
                    recordAfter = new long[chunkRows];
                    chunkStartBytes = bytesRead.getAsLong();
                }
            }
            if (!entries.isEmpty()) {
                put(next(entries, recordAfter, records, line));
            }
            put(new End());
        } catch (IOException e) {
            // the rows read before the break are whole and good: they commit like any others, so
            // what a broken source leaves behind does not depend on where the chunks happen to end
            if (!entries.isEmpty()) {
                putQuietly(next(entries, recordAfter, records, line));
            }
            // a JSON array's rows are numbered by element, and a reader reads ahead: the line where
            // reading broke is the reader's to say when it knows it
            putQuietly(new Broken(e, e instanceof UnreadableSourceException u && u.line() > 0 ? u.line() : line + 1));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException | Error e) {
            // a bug or the JVM's limits (OutOfMemoryError, StackOverflowError): the writer must hear of
            // it, or it would wait for this thread forever; the rows in hand are dropped, not committed
            entries = null;
            putQuietly(new Broken(e, line + 1));
        }
    }

    private Next next(List<RowConverter.Conversion> entries, long[] recordAfter, long records, long line) {
        converter.settle(); // the first chunk's members are the JSON columns reported (docs/concepts.md)
        return new Next(new Chunk(entries, prepare.apply(Chunk.convertible(entries)),
                Arrays.copyOf(recordAfter, entries.size()), records, bytesRead.getAsLong(), line));
    }

    private void put(Item item) throws InterruptedException {
        while (!stopped) {
            if (queue.offer(item, 200, TimeUnit.MILLISECONDS)) {
                return;
            }
        }
    }

    private void putQuietly(Item item) {
        try {
            put(item);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Stops the reader thread and closes the source. */
    @Override
    public void close() {
        stopped = true;
        thread.interrupt();
        try {
            thread.join(200);
            if (thread.isAlive()) {
                // still inside one long record (reading past an oversized line, say): closing the
                // source under it ends its read, so a cancel does not wait for the record's end
                closeReader();
            }
            thread.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        closeReader();
    }

    private void closeReader() {
        try {
            reader.close();
        } catch (IOException | RuntimeException ignored) {
            // nothing more will be read from it
        }
    }
}
