import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;

/**
 * Writes the benchmark's deterministic "people" data set: a header and 8 columns, about 80 bytes
 * per row (1,000,000 rows is about 80 MB). The same arguments always give the same bytes.
 *
 * <pre>
 * java bench/GenerateData.java --rows N --out FILE|- [--seed S] [--format csv|jsonl] [--order shuffled|sequential]
 * </pre>
 *
 * Columns: email (unique key), name, age (integer), score (number), balance (decimal, 2 places),
 * active (true/false), signup_date (YYYY-MM-DD), city (now and then holds a comma, so it is quoted,
 * and now and then a doubled quote inside the quotes). Names and cities include some non-ASCII
 * letters, written as UTF-8.
 *
 * <p>Keys are unique by construction: row i gets the number (offset + i * step) mod 10^d, and step is
 * coprime with 10, so the map is a bijection on [0, 10^d). With {@code --order shuffled} (the default)
 * step is near 0.618 * 10^d, so consecutive rows land far apart in a key index, like a real file that is
 * not sorted by its key; {@code --order sequential} gives user0000000, user0000001, ...
 *
 * <p>Single file, no dependencies, no String.format in the loop: everything is written as bytes into
 * one buffer. This source is pure ASCII (non-ASCII letters are unicode escapes) because the
 * source launcher decodes it with the platform charset: under LC_ALL=C a literal e-acute would
 * compile to different bytes, and the output would depend on the locale.
 */
public final class GenerateData {

    private static final String[] FIRST = {
        "James", "Mary", "Robert", "Patricia", "John", "Jennifer", "Michael", "Linda", "David",
        "Elizabeth", "William", "Barbara", "Richard", "Susan", "Joseph", "Jessica", "Thomas", "Sarah",
        "Chris", "Karen", "Daniel", "Lisa", "Matthew", "Nancy", "Anthony", "Betty", "Mark", "Sandra",
        "Paul", "Ashley", "Steven", "Emily", "Andrew", "Donna", "Kenneth", "Michelle", "Zo\u00eb", "Jos\u00e9",
        "Ana", "Li", "Wei", "Fatima", "Omar", "Priya", "Raj", "Yuki", "Hiro", "Olga", "Ivan", "Noor",
        "Sean", "Aoife", "Lars", "Ingrid", "Pierre", "Am\u00e9lie", "Luca", "Giulia", "Kwame", "Ama",
    };
    private static final String[] LAST = {
        "Smith", "Johnson", "Williams", "Brown", "Jones", "Garcia", "Miller", "Davis", "Rodriguez",
        "Martinez", "Hernandez", "Lopez", "Gonzalez", "Wilson", "Anderson", "Thomas", "Taylor", "Moore",
        "Jackson", "Martin", "Lee", "Perez", "Thompson", "White", "Harris", "Sanchez", "Clark", "Ramirez",
        "Lewis", "Robinson", "Walker", "Young", "Allen", "King", "Wright", "Scott", "Nguyen", "Hill",
        "M\u00fcller", "Schmidt", "O'Brien", "Kowalski", "Novak", "Rossi", "Dubois", "Tanaka", "Kim", "Park",
        "Chen", "Wang", "Singh", "Patel", "Okafor", "Mensah", "Silva", "Santos", "Ivanov", "Berg",
    };
    /** Plain cities: most rows. */
    private static final String[] CITY = {
        "London", "Paris", "Berlin", "Madrid", "Rome", "Vienna", "Prague", "Warsaw", "Lisbon", "Dublin",
        "Oslo", "Helsinki", "Athens", "Z\u00fcrich", "Geneva", "Lyon", "Munich", "Hamburg", "Milan", "Porto",
        "New York", "Chicago", "Houston", "Phoenix", "Boston", "Seattle", "Denver", "Austin", "Miami",
        "Toronto", "Montr\u00e9al", "Tokyo", "Osaka", "Seoul", "Mumbai", "Delhi", "Lagos", "Accra", "Lima",
        "S\u00e3o Paulo", "Sydney", "Cairo",
    };
    /** Cities with a comma: quoted in CSV. */
    private static final String[] CITY_COMMA = {
        "Washington, D.C.", "Paris, TX", "Portland, OR", "Portland, ME", "London, ON", "Athens, GA",
    };
    /** Cities with a double quote: quoted in CSV, with the quote doubled. */
    private static final String[] CITY_QUOTE = {
        "Springfield \"Old Town\"", "The \"Big\" Apple", "Saint-Louis \"du Sud\", SN",
    };

    private static final LocalDate FIRST_DAY = LocalDate.of(2015, 1, 1);
    private static final int DAYS = (int) (LocalDate.of(2025, 12, 31).toEpochDay() - FIRST_DAY.toEpochDay() + 1);

    public static void main(String[] args) throws IOException {
        long rows = -1;
        String out = null;
        long seed = 42;
        String format = "csv";
        String order = "shuffled";
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            switch (a) {
                case "--rows" -> rows = parseLong(value(args, ++i, a).replace("_", ""), a);
                case "--out" -> out = value(args, ++i, a);
                case "--seed" -> seed = parseLong(value(args, ++i, a), a);
                case "--format" -> format = value(args, ++i, a);
                case "--order" -> order = value(args, ++i, a);
                case "-h", "--help" -> {
                    System.out.println("usage: java bench/GenerateData.java --rows N --out FILE|- [--seed S]"
                            + " [--format csv|jsonl] [--order shuffled|sequential]");
                    return;
                }
                default -> fail("unknown argument: " + a);
            }
        }
        if (rows < 0) fail("--rows is required and must be >= 0");
        if (out == null) fail("--out is required (a file name, or - for standard output)");
        if (!format.equals("csv") && !format.equals("jsonl")) fail("--format must be csv or jsonl, not " + format);
        if (!order.equals("shuffled") && !order.equals("sequential")) {
            fail("--order must be shuffled or sequential, not " + order);
        }

        long started = System.nanoTime();
        long bytes;
        try (OutputStream os = out.equals("-") ? System.out : new FileOutputStream(out)) {
            Writer w = new Writer(os);
            new GenerateData(rows, seed, format.equals("jsonl"), order.equals("shuffled")).write(w);
            w.flush();
            bytes = w.total;
        }
        double secs = (System.nanoTime() - started) / 1e9;
        System.err.printf("GenerateData: %d rows, %d bytes (%.1f bytes/row) to %s in %.2f s%n",
                rows, bytes, rows == 0 ? 0.0 : (double) bytes / rows, out, secs);
    }

    private static String value(String[] args, int i, String name) {
        if (i >= args.length) fail(name + " needs a value");
        return args[i];
    }

    private static long parseLong(String text, String name) {
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            fail(name + " must be an integer, not '" + text + "'");
            return 0;
        }
    }

    private static void fail(String message) {
        System.err.println("GenerateData: " + message);
        System.exit(2);
    }

    // ---------------------------------------------------------------------------------------------

    private final long rows;
    private final boolean jsonl;
    private final int keyDigits;
    private final long keyModulus;
    private final long keyStep;
    private final long keyOffset;
    private long rng;

    private final byte[][] first = utf8(FIRST);
    private final byte[][] last = utf8(LAST);
    private final byte[][] city;
    private final byte[][] cityComma;
    private final byte[][] cityQuote;
    private final byte[][] dates = new byte[DAYS][];

    private GenerateData(long rows, long seed, boolean jsonl, boolean shuffled) {
        this.rows = rows;
        this.jsonl = jsonl;
        int d = 7;
        long m = 10_000_000L;
        while (m < rows) {
            d++;
            m *= 10;
        }
        if (d > 17) fail("--rows is too large");
        this.keyDigits = d;
        this.keyModulus = m;
        this.rng = seed ^ 0x5DEECE66DL;
        if (shuffled) {
            long step = (long) (m * 0.6180339887498949);
            while (step % 2 == 0 || step % 5 == 0) step++;
            this.keyStep = step;
            this.keyOffset = Math.floorMod(next(), m);
        } else {
            this.keyStep = 1;
            this.keyOffset = 0;
        }
        this.city = jsonl ? json(CITY) : csv(CITY);
        this.cityComma = jsonl ? json(CITY_COMMA) : csv(CITY_COMMA);
        this.cityQuote = jsonl ? json(CITY_QUOTE) : csv(CITY_QUOTE);
        for (int i = 0; i < DAYS; i++) {
            dates[i] = FIRST_DAY.plusDays(i).toString().getBytes(StandardCharsets.US_ASCII);
        }
    }

    private static final byte[] HEADER = ascii("email,name,age,score,balance,active,signup_date,city\n");
    private static final byte[] USER = ascii("user");
    private static final byte[] DOMAIN = ascii("@example.com");
    private static final byte[] TRUE = ascii("true");
    private static final byte[] FALSE = ascii("false");
    private static final byte[] J_EMAIL = ascii("{\"email\":\"");
    private static final byte[] J_NAME = ascii("\",\"name\":\"");
    private static final byte[] J_AGE = ascii("\",\"age\":");
    private static final byte[] J_SCORE = ascii(",\"score\":");
    private static final byte[] J_BALANCE = ascii(",\"balance\":");
    private static final byte[] J_ACTIVE = ascii(",\"active\":");
    private static final byte[] J_DATE = ascii(",\"signup_date\":\"");
    private static final byte[] J_CITY = ascii("\",\"city\":");
    private static final byte[] J_END = ascii("}\n");

    private void write(Writer w) {
        if (!jsonl) w.put(HEADER);
        long key = keyOffset;
        for (long i = 0; i < rows; i++) {
            long r1 = next();
            long r2 = next();
            byte[] firstName = first[(int) ((r1 & 0xFFFF) % first.length)];
            byte[] lastName = last[(int) (((r1 >>> 16) & 0xFFFF) % last.length)];
            int age = 18 + (int) (((r1 >>> 32) & 0xFFFF) % 73);
            long scoreMillis = ((r1 >>> 48) & 0xFFFF) * 100_000L / 65_536L; // 0 .. 99.999
            long balanceCents = (r2 & 0xFFFFFFL) % 10_000_000L;              // 0 .. 99,999.99
            boolean negative = ((r2 >>> 24) & 0xF) == 0;                      // 1 in 16
            boolean active = ((r2 >>> 28) & 0xFF) < 154;                      // about 60 %
            byte[] date = dates[(int) (((r2 >>> 36) & 0xFFFF) % DAYS)];
            int c = (int) ((r2 >>> 52) & 0x3FF);                              // 0 .. 1023
            byte[] cityName = c < 20 ? cityComma[c % cityComma.length]        // about 2 %
                    : c < 25 ? cityQuote[c % cityQuote.length]                 // about 0.5 %
                    : city[c % city.length];

            if (jsonl) w.put(J_EMAIL);
            w.put(USER);
            w.putPadded(key, keyDigits);
            w.put(DOMAIN);
            w.separator(jsonl ? J_NAME : null);
            w.put(firstName);
            w.put((byte) ' ');
            w.put(lastName);
            w.separator(jsonl ? J_AGE : null);
            w.putLong(age);
            w.separator(jsonl ? J_SCORE : null);
            w.putLong(scoreMillis / 1000);
            w.put((byte) '.');
            w.putPadded(scoreMillis % 1000, 3);
            w.separator(jsonl ? J_BALANCE : null);
            if (negative && balanceCents != 0) w.put((byte) '-');
            w.putLong(balanceCents / 100);
            w.put((byte) '.');
            w.putPadded(balanceCents % 100, 2);
            w.separator(jsonl ? J_ACTIVE : null);
            w.put(active ? TRUE : FALSE);
            w.separator(jsonl ? J_DATE : null);
            w.put(date);
            w.separator(jsonl ? J_CITY : null);
            w.put(cityName);
            if (jsonl) w.put(J_END);
            else w.put((byte) '\n');

            key += keyStep;
            if (key >= keyModulus) key -= keyModulus;
        }
    }

    /** splitmix64: a fixed algorithm, so the output never depends on the JDK version. */
    private long next() {
        long z = (rng += 0x9E3779B97F4A7C15L);
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    private static byte[][] utf8(String[] values) {
        byte[][] out = new byte[values.length][];
        for (int i = 0; i < values.length; i++) out[i] = values[i].getBytes(StandardCharsets.UTF_8);
        return out;
    }

    private static byte[][] csv(String[] values) {
        byte[][] out = new byte[values.length][];
        for (int i = 0; i < values.length; i++) {
            String v = values[i];
            if (v.indexOf(',') >= 0 || v.indexOf('"') >= 0 || v.indexOf('\n') >= 0) {
                v = '"' + v.replace("\"", "\"\"") + '"';
            }
            out[i] = v.getBytes(StandardCharsets.UTF_8);
        }
        return out;
    }

    private static byte[][] json(String[] values) {
        byte[][] out = new byte[values.length][];
        for (int i = 0; i < values.length; i++) {
            out[i] = ('"' + values[i].replace("\\", "\\\\").replace("\"", "\\\"") + '"')
                    .getBytes(StandardCharsets.UTF_8);
        }
        return out;
    }

    /** An output buffer of bytes; not thread-safe. */
    private static final class Writer {
        private final OutputStream out;
        private final byte[] buf = new byte[1 << 20];
        private int pos;
        long total;

        Writer(OutputStream out) {
            this.out = out;
        }

        void put(byte b) {
            if (pos == buf.length) flush();
            buf[pos++] = b;
        }

        void put(byte[] bytes) {
            if (pos + bytes.length > buf.length) flush();
            System.arraycopy(bytes, 0, buf, pos, bytes.length);
            pos += bytes.length;
        }

        /** The JSON separator when there is one, else the CSV comma. */
        void separator(byte[] json) {
            if (json != null) put(json);
            else put((byte) ',');
        }

        void putLong(long v) {
            if (v < 0) {
                put((byte) '-');
                v = -v;
            }
            if (pos + 20 > buf.length) flush();
            int start = pos;
            do {
                buf[pos++] = (byte) ('0' + v % 10);
                v /= 10;
            } while (v != 0);
            for (int i = start, j = pos - 1; i < j; i++, j--) {
                byte t = buf[i];
                buf[i] = buf[j];
                buf[j] = t;
            }
        }

        /** Non-negative v, left-padded with zeros to width digits. */
        void putPadded(long v, int width) {
            if (pos + 20 > buf.length) flush();
            for (int i = pos + width - 1; i >= pos; i--) {
                buf[i] = (byte) ('0' + v % 10);
                v /= 10;
            }
            pos += width;
        }

        void flush() {
            try {
                out.write(buf, 0, pos);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            total += pos;
            pos = 0;
        }
    }
}
