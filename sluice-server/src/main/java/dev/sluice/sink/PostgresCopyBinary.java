package dev.sluice.sink;

import dev.sluice.collection.FieldType;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

/**
 * Rows in PostgreSQL's binary COPY format: every field is a 4-byte length (-1 for null) and the
 * type's network form, so the server stores values without parsing text (for this workload about
 * a quarter less server time than the text format). Range checks stay with the server: a date or
 * timestamp it cannot hold is refused there, like any other refused row. Pure and thread-safe.
 *
 * <p>A row is sent as {@code int16 field count}, the fields the writer puts first (an ordinal or
 * the job's columns), then the bytes {@link #encode} made here.
 */
final class PostgresCopyBinary {
    /** The file header: signature, flags, header-extension length. */
    static final byte[] HEADER = {'P', 'G', 'C', 'O', 'P', 'Y', '\n', (byte) 0xFF, '\r', '\n', 0, 0, 0, 0, 0, 0, 0, 0, 0};
    /** The file trailer: a field count of -1. */
    static final byte[] TRAILER = {(byte) 0xFF, (byte) 0xFF};
    /** Bytes gathered before each hand-over to the driver: one COPY message per buffer, not per row. */
    private static final int COPY_BUFFER = 1 << 16;

    /** Writes the rows of one binary COPY, each into the buffer {@link RowBuffer#next} hands out. */
    @FunctionalInterface
    interface Rows {
        void write(RowBuffer out) throws SQLException;
    }

    /** The buffer a binary COPY's rows are written into; a full one goes to the server as the rows come. */
    static final class RowBuffer {
        private final CopyIn copy;
        private final Bytes buffer = new Bytes(COPY_BUFFER);

        private RowBuffer(CopyIn copy) {
            this.copy = copy;
        }

        /** Where to write the next row: the buffer, emptied into the COPY first once it is full. */
        Bytes next() throws SQLException {
            if (buffer.size() >= COPY_BUFFER) {
                copy.writeToCopy(buffer.array(), 0, buffer.size());
                buffer.clear();
            }
            return buffer;
        }
    }

    /**
     * Runs {@code sql}, a {@code COPY ... FROM STDIN (FORMAT binary)}, with the rows {@code rows}
     * writes between the format's header and trailer; answers how many rows the database stored.
     * A failure cancels the COPY, so the connection stays usable (its transaction, or savepoint, failed).
     */
    static long copyIn(Connection connection, String sql, Rows rows) throws SQLException {
        CopyIn copy = connection.unwrap(PGConnection.class).getCopyAPI().copyIn(sql);
        try {
            RowBuffer out = new RowBuffer(copy);
            out.buffer.bytes(HEADER);
            rows.write(out);
            out.buffer.bytes(TRAILER);
            copy.writeToCopy(out.buffer.array(), 0, out.buffer.size());
            return copy.endCopy();
        } finally {
            if (copy.isActive()) {
                copy.cancelCopy();
            }
        }
    }

    /** 2000-01-01, PostgreSQL's epoch for dates and timestamps. */
    private static final long EPOCH_DAY_2000 = LocalDate.of(2000, 1, 1).toEpochDay();
    private static final long EPOCH_SECOND_2000 = EPOCH_DAY_2000 * 86_400;
    private static final int NUMERIC_NEGATIVE = 0x4000;
    private static final long[] POWERS_OF_TEN = {1, 10, 100, 1_000};

    private PostgresCopyBinary() {
    }

    /**
     * {@code _id}, {@code _import_pos} and the values, each as a length-prefixed field; built in
     * {@code scratch} (cleared first, reused from row to row by one thread) and answered as a copy.
     */
    static byte[] encode(Bytes scratch, UUID id, long position, List<FieldType> types, Object[] values) {
        Bytes out = scratch.clear();
        uuid(out, id);
        out.int32(8).int64(position);
        for (int f = 0; f < values.length; f++) {
            field(out, types.get(f), values[f]);
        }
        return out.toArray();
    }

    /** One field: its length, then its value in the type's binary form. */
    static void field(Bytes out, FieldType type, Object value) {
        if (value == null) {
            out.int32(-1);
            return;
        }
        switch (type) {
            case STRING -> text(out, (String) value);
            case INTEGER -> out.int32(8).int64((Long) value);
            case NUMBER -> out.int32(8).int64(Double.doubleToRawLongBits((Double) value));
            case DECIMAL -> numeric(out, (BigDecimal) value);
            case BOOLEAN -> out.int32(1).int8((Boolean) value ? 1 : 0);
            case DATE -> out.int32(4).int32(Math.toIntExact(((LocalDate) value).toEpochDay() - EPOCH_DAY_2000));
            case TIMESTAMP -> timestamp(out, (Instant) value);
            case UUID -> uuid(out, (UUID) value);
            case JSON -> {
                // jsonb's binary form: a version byte, then the JSON text
                byte[] utf8 = ((String) value).getBytes(StandardCharsets.UTF_8);
                out.int32(utf8.length + 1).int8(1).bytes(utf8);
            }
        }
    }

    static void uuid(Bytes out, UUID id) {
        out.int32(16).int64(id.getMostSignificantBits()).int64(id.getLeastSignificantBits());
    }

    /** Microseconds since 2000-01-01 UTC, rounded to the nearest as PostgreSQL rounds text input. */
    static void timestamp(Bytes out, Instant at) {
        long micros = Math.addExact(Math.multiplyExact(at.getEpochSecond() - EPOCH_SECOND_2000, 1_000_000L),
                (at.getNano() + 500) / 1000);
        out.int32(8).int64(micros);
    }

    private static void text(Bytes out, String s) {
        if (!out.ascii(s)) {
            byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
            out.int32(utf8.length).bytes(utf8);
        }
    }

    /**
     * numeric: digit count, weight (of the first digit, in powers of 10000), sign, display scale,
     * then base-10000 digits without leading or trailing zero digits.
     */
    static void numeric(Bytes out, BigDecimal value) {
        BigDecimal v = value.scale() < 0 ? value.setScale(0) : value;
        int scale = v.scale();
        // fraction digits padded to whole base-10000 digits, so that the groups align on the point
        int padRight = Math.floorMod(-scale, 4);
        int fractionGroups = (scale + padRight) / 4;
        if (v.precision() <= 15 && scale <= 1_000) {
            long unscaled = Math.abs(v.unscaledValue().longValue()) * POWERS_OF_TEN[padRight];
            short[] groups = new short[5];
            int n = 0;
            for (long rest = unscaled; rest != 0; rest /= 10_000) {
                groups[n++] = (short) (rest % 10_000);
            }
            int low = 0;
            while (low < n && groups[low] == 0) {
                low++; // trailing zero digits are left out
            }
            numericHeader(out, n - low, n - 1 - fractionGroups, v.signum(), scale);
            for (int g = n - 1; g >= low; g--) {
                out.int16(groups[g]);
            }
            return;
        }
        // beyond a long: the same grouping over the digit string
        String digits = v.unscaledValue().abs().toString();
        int integerDigits = digits.length() - scale;
        int padLeft = integerDigits > 0 ? Math.floorMod(-integerDigits, 4) : 0;
        String aligned = "0".repeat(padLeft + Math.max(0, -integerDigits)) + digits + "0".repeat(padRight);
        int count = aligned.length() / 4;
        int first = 0;
        while (first < count && aligned.startsWith("0000", first * 4)) {
            first++;
        }
        int end = count;
        while (end > first && aligned.startsWith("0000", (end - 1) * 4)) {
            end--;
        }
        numericHeader(out, end - first, count - first - 1 - fractionGroups, v.signum(), scale);
        for (int g = first; g < end; g++) {
            out.int16(Integer.parseInt(aligned, g * 4, g * 4 + 4, 10));
        }
    }

    private static void numericHeader(Bytes out, int digits, int weight, int signum, int scale) {
        if (digits == 0) {
            out.int32(8).int16(0).int16(0).int16(0).int16(scale);
            return;
        }
        out.int32(8 + 2 * digits).int16(digits).int16(weight).int16(signum < 0 ? NUMERIC_NEGATIVE : 0).int16(scale);
    }

    /** A growable big-endian byte buffer. Not thread-safe. */
    static final class Bytes {
        private byte[] buf;
        private int size;

        Bytes(int capacity) {
            buf = new byte[Math.max(16, capacity)];
        }

        private void room(int n) {
            if (size + n > buf.length) {
                buf = Arrays.copyOf(buf, Math.max(buf.length * 2, size + n));
            }
        }

        Bytes int8(int v) {
            room(1);
            buf[size++] = (byte) v;
            return this;
        }

        Bytes int16(int v) {
            room(2);
            buf[size++] = (byte) (v >>> 8);
            buf[size++] = (byte) v;
            return this;
        }

        Bytes int32(int v) {
            room(4);
            buf[size++] = (byte) (v >>> 24);
            buf[size++] = (byte) (v >>> 16);
            buf[size++] = (byte) (v >>> 8);
            buf[size++] = (byte) v;
            return this;
        }

        Bytes int64(long v) {
            int32((int) (v >>> 32));
            return int32((int) v);
        }

        Bytes bytes(byte[] b) {
            room(b.length);
            System.arraycopy(b, 0, buf, size, b.length);
            size += b.length;
            return this;
        }

        /**
         * Writes {@code s} length-prefixed when it is all ASCII, whose UTF-8 bytes are its chars (most
         * text, without a byte array per value); else writes nothing and answers false.
         */
        boolean ascii(String s) {
            int n = s.length();
            room(4 + n);
            int at = size + 4;
            for (int i = 0; i < n; i++) {
                char c = s.charAt(i);
                if (c >= 0x80) {
                    return false;
                }
                buf[at + i] = (byte) c;
            }
            int32(n);
            size += n;
            return true;
        }

        int size() {
            return size;
        }

        byte[] array() {
            return buf;
        }

        Bytes clear() {
            size = 0;
            return this;
        }

        byte[] toArray() {
            return Arrays.copyOf(buf, size);
        }
    }
}
