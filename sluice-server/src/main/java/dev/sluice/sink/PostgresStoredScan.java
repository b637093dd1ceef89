package dev.sluice.sink;

import dev.sluice.collection.CollectionSchema;
import dev.sluice.collection.Field;
import dev.sluice.format.ConvertedRow;
import dev.sluice.job.RowOutcome;
import dev.sluice.store.Identifiers;
import dev.sluice.store.PostgresDialect;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyOut;

import java.io.ByteArrayOutputStream;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.util.Arrays;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Finds, before anything is staged, the rows of a chunk that their records already hold byte for
 * byte: the cheap way to tell {@code unchanged} rows in a re-import. A re-imported file usually comes
 * in the order it was first loaded, and a first load writes its records in file order, so a chunk's
 * records lie together on the table's pages: three key probes (the chunk's first, middle and last
 * row) give the pages, one TID range scan of them (PostgreSQL 14 and later) reads the records back in
 * binary COPY form, and each row's encoded fields are compared with its record's bytes. That replaces,
 * for those rows, the staged lookup's key probe and heap fetch per row, which cost a re-import of an
 * unchanged file most of its server time (docs/benchmarks.md).
 *
 * <p>Only equality decides here, and it is conservative: equal bytes are equal values (the binary
 * form of every stored type is canonical: a numeric's scale is in its bytes, as it is in the text
 * the staged lookup compares), and a row whose bytes differ for any reason (a changed value, a JSON
 * text PostgreSQL formats otherwise, a key in other case under a case-insensitive key, a record moved
 * by an update, a record this job wrote) is simply left to the staged path, which decides it as
 * before. The scan reads at most twice the chunk's rows and keeps at most about four times its
 * encoded bytes, over a range of pages no larger than that, so memory stays bounded by the chunk.
 * One job's: its id and conflict rule are bound once. Belongs to the writing thread.
 */
final class PostgresStoredScan {
    /** Where a row's fields start in {@link PostgresCopyBinary#encode}: the record id and the position go first. */
    private static final int FIELDS_START = 4 + 16 + 4 + 8;
    /** The binary COPY header up to its extension: signature, flags, and the extension's length last. */
    private static final int COPY_HEADER = 19;
    /** No tuple's slot in a page is above this, so {@code (page, MAX_SLOT)} ends a range at the page's end. */
    private static final int MAX_SLOT = 65_535;
    /** PostgreSQL's page size as built by default; a range of pages is judged by it, not read by it. */
    private static final long PAGE_BYTES = 8_192;
    /** Big-endian reads at any offset of a byte array, as COPY's binary form writes its numbers; nothing allocated. */
    private static final VarHandle INT16 = MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.BIG_ENDIAN);
    private static final VarHandle INT32 = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.BIG_ENDIAN);
    private static final VarHandle INT64 = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);

    private final PostgresDialect dialect;
    private final CollectionSchema collection;
    private final String table;
    private final int[] keyIndexes;
    private final String probeSql;
    private final String scanColumns;
    private final ConflictRule rule;
    /** The job's {@code _import_id} field as COPY encodes it: a record this job wrote holds these bytes. */
    private final byte[] thisJob;

    PostgresStoredScan(PostgresDialect dialect, CollectionSchema collection, UUID jobId, ConflictRule rule) {
        this.dialect = dialect;
        this.collection = collection;
        this.table = dialect.table(collection.name());
        this.rule = rule;
        PostgresCopyBinary.Bytes job = new PostgresCopyBinary.Bytes(20);
        PostgresCopyBinary.uuid(job, jobId);
        this.thisJob = job.toArray();
        this.keyIndexes = collection.keyIndexes();
        StringBuilder oneKey = new StringBuilder("(");
        for (int k = 0; k < keyIndexes.length; k++) {
            oneKey.append(k == 0 ? "" : " AND ").append(dialect.keyEquals(collection, collection.key().get(k)));
        }
        oneKey.append(')');
        this.probeSql = "SELECT min((ctid::text::point)[0])::bigint, max((ctid::text::point)[0])::bigint FROM " + table
                + " WHERE " + oneKey + " OR " + oneKey + " OR " + oneKey;
        StringBuilder columns = new StringBuilder();
        for (Field f : collection.fields()) {
            columns.append(Identifiers.quote(f.name())).append(", ");
        }
        this.scanColumns = columns.append("_id, _import_id").toString();
    }

    /** Whether the server scans a range of pages by itself: TID range scans came with PostgreSQL 14. */
    static boolean supported(Connection connection) throws SQLException {
        return connection.getMetaData().getDatabaseMajorVersion() >= 14;
    }

    /**
     * Decides {@code unchanged} the candidates whose record, written before this job, holds every
     * field the row carries in the same bytes, and answers them (by candidate ordinal). The rows
     * must hold each key once ({@code candidates} is the chunk's only pass).
     */
    BitSet setApart(Connection connection, PreparedRows prepared, int[] candidates, RowOutcome[] outcomes)
            throws SQLException {
        BitSet found = new BitSet(candidates.length);
        byte[] stored = read(connection, prepared, candidates);
        if (stored == null) {
            return found;
        }
        Map<ByteBuffer, Integer> byKey = index(stored);
        int fields = collection.fields().size();
        int[] rowOffsets = new int[fields + 1];
        int[] recordOffsets = new int[fields + 3];
        for (int c : candidates) {
            byte[] row = (byte[]) prepared.encoded(c)[0];
            offsets(row, FIELDS_START, fields, rowOffsets);
            Integer record = byKey.get(key(row, rowOffsets));
            if (record == null) {
                continue;
            }
            offsets(stored, record + 2, fields + 2, recordOffsets);
            if (Arrays.equals(stored, recordOffsets[fields + 1], recordOffsets[fields + 2], thisJob, 0, thisJob.length)
                    || !sameFields(row, rowOffsets, stored, recordOffsets, prepared.rows().get(prepared.candidates()[c]))) {
                continue;
            }
            int idAt = recordOffsets[fields] + 4;
            UUID id = new UUID((long) INT64.get(stored, idAt), (long) INT64.get(stored, idAt + 8));
            outcomes[prepared.candidates()[c]] = rule.decide(ConflictRule.Met.recordBeforeJob(id).same(true));
            found.set(c);
        }
        return found;
    }

    /**
     * The records on the pages from the first to the last that hold a probed row's record, in binary
     * COPY form; null when no probed row has a record, when those pages are more than the chunk's byte
     * budget, or when the server refused the reading (under a savepoint, so the chunk goes on by the
     * staged path; a lost connection is not caught: the chunk is written again).
     */
    private byte[] read(Connection connection, PreparedRows prepared, int[] candidates) throws SQLException {
        Savepoint savepoint = connection.setSavepoint();
        try {
            long[] pages = pages(connection, prepared, candidates);
            long budget = 4L * encodedBytes(prepared, candidates) + (1 << 20);
            byte[] stored = pages == null || (pages[1] - pages[0] + 1) * PAGE_BYTES > budget ? null
                    : scan(connection, pages[0], pages[1], 2L * candidates.length, budget);
            connection.releaseSavepoint(savepoint);
            return stored;
        } catch (SQLException e) {
            if (e.getSQLState() != null && e.getSQLState().startsWith("08")) {
                throw e;
            }
            connection.rollback(savepoint);
            return null;
        }
    }

    /** The first and last table page holding the records of the chunk's first, middle and last row; null when none has one. */
    private long[] pages(Connection connection, PreparedRows prepared, int[] candidates) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement(probeSql)) {
            int p = 1;
            for (int c : new int[]{candidates[0], candidates[candidates.length / 2], candidates[candidates.length - 1]}) {
                Object[] values = prepared.rows().get(prepared.candidates()[c]).values();
                for (int k : keyIndexes) {
                    dialect.bind(ps, p++, collection.fields().get(k).type(), values[k]);
                }
            }
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                long first = rs.getLong(1);
                return rs.wasNull() ? null : new long[]{first, rs.getLong(2)};
            }
        }
    }

    /**
     * Up to {@code limit} records of pages {@code first} to {@code last}, in binary COPY form, as many
     * as fit in {@code budget} bytes: what comes after (values kept out of line can make a page's
     * records far larger than the page) is read and dropped, so memory stays bounded by the chunk.
     */
    private byte[] scan(Connection connection, long first, long last, long limit, long budget) throws SQLException {
        // the page numbers and the limit are numbers this class computed: nothing from the data is spliced in
        String sql = "COPY (SELECT " + scanColumns + " FROM " + table + " WHERE ctid >= '(" + first + ",0)'::tid AND ctid <= '("
                + last + "," + MAX_SLOT + ")'::tid LIMIT " + limit + ") TO STDOUT (FORMAT binary)";
        ByteArrayOutputStream out = new ByteArrayOutputStream(1 << 16);
        CopyOut copy = connection.unwrap(PGConnection.class).getCopyAPI().copyOut(sql);
        boolean full = false;
        byte[] part;
        while ((part = copy.readFromCopy()) != null) {
            // a prefix of the stream: a record cut short at its end is not read (see index)
            full = full || out.size() + part.length > budget;
            if (!full) {
                out.write(part, 0, part.length);
            }
        }
        return out.toByteArray();
    }

    /** The bytes the candidates' values take encoded, about what their records take on the table's pages. */
    private static long encodedBytes(PreparedRows prepared, int[] candidates) {
        long bytes = 0;
        for (int c : candidates) {
            bytes += ((byte[]) prepared.encoded(c)[0]).length;
        }
        return bytes;
    }

    /** Each scanned record's start (its field count), by the bytes of its key fields. */
    private Map<ByteBuffer, Integer> index(byte[] stored) {
        int fields = collection.fields().size();
        int[] offsets = new int[fields + 3];
        Map<ByteBuffer, Integer> byKey = new HashMap<>();
        int at = stored.length < COPY_HEADER ? stored.length : COPY_HEADER + (int) INT32.get(stored, COPY_HEADER - 4);
        while (at + 2 <= stored.length && (short) INT16.get(stored, at) == fields + 2) {
            int end = offsets(stored, at + 2, fields + 2, offsets);
            if (end < 0) {
                break; // the budget cut the stream in this record
            }
            byKey.put(key(stored, offsets), at);
            at = end;
        }
        return byKey;
    }

    /**
     * Where each of {@code count} length-prefixed fields starts in {@code bytes}, the first at
     * {@code from}: into {@code into[0..count-1]}, and the end into {@code into[count]}, which is also
     * answered; -1 when the bytes end before the fields do.
     */
    private static int offsets(byte[] bytes, int from, int count, int[] into) {
        long at = from;
        for (int f = 0; f < count; f++) {
            if (at + 4 > bytes.length) {
                return -1;
            }
            into[f] = (int) at;
            at += 4 + Math.max((int) INT32.get(bytes, (int) at), 0);
        }
        if (at > bytes.length) {
            return -1;
        }
        into[count] = (int) at;
        return (int) at;
    }

    /** The key fields' bytes, lengths included, as one comparable value. */
    private ByteBuffer key(byte[] bytes, int[] offsets) {
        if (keyIndexes.length == 1) {
            int k = keyIndexes[0];
            return ByteBuffer.wrap(bytes, offsets[k], offsets[k + 1] - offsets[k]).slice();
        }
        ByteArrayOutputStream key = new ByteArrayOutputStream();
        for (int k : keyIndexes) {
            key.write(bytes, offsets[k], offsets[k + 1] - offsets[k]);
        }
        return ByteBuffer.wrap(key.toByteArray());
    }

    /** Whether every field the row carries has the record's bytes. */
    private static boolean sameFields(byte[] row, int[] rowOffsets, byte[] stored, int[] recordOffsets, ConvertedRow source) {
        BitSet carried = source.carried();
        int fields = rowOffsets.length - 1;
        if (carried == null) {
            return Arrays.equals(row, rowOffsets[0], rowOffsets[fields], stored, recordOffsets[0], recordOffsets[fields]);
        }
        for (int f = carried.nextSetBit(0); f >= 0 && f < fields; f = carried.nextSetBit(f + 1)) {
            if (!Arrays.equals(row, rowOffsets[f], rowOffsets[f + 1], stored, recordOffsets[f], recordOffsets[f + 1])) {
                return false;
            }
        }
        return true;
    }
}
