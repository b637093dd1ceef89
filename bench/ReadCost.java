import java.io.BufferedInputStream;
import java.io.FileInputStream;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.lang.reflect.Method;

/**
 * Times a bare read of a CSV file through {@code format.Readers.open}: every row taken from the
 * reader, nothing converted or written. Run with a built Sluice jar on the class path:
 *
 * <pre>
 * java -cp sluice-server/target/sluice.jar bench/ReadCost.java --csv FILE [--rounds R]
 * java -cp sluice-server/target/sluice.jar bench/ReadCost.java --parquet FILE [--rounds R]
 * </pre>
 *
 * With {@code --parquet} the rows come from {@code format.ParquetRowReader} instead.
 *
 * Prints each round's time and the best of them (the round least disturbed by other work on the
 * machine) as {@code best_ms=N best_cpu_ms=N rows=N}: wall time, and the reading thread's CPU time,
 * which other work on a loaded machine disturbs less. The classes are looked up by name, so the same harness
 * times older builds too (the source format type moved from {@code format} to {@code job}).
 */
public final class ReadCost {
    public static void main(String[] args) throws Exception {
        String csv = null;
        String parquet = null;
        int rounds = 5;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--csv" -> csv = args[++i];
                case "--parquet" -> parquet = args[++i];
                case "--rounds" -> rounds = Integer.parseInt(args[++i]);
                default -> throw new IllegalArgumentException("unknown argument: " + args[i]);
            }
        }
        if (csv == null && parquet == null) {
            throw new IllegalArgumentException("--csv FILE or --parquet FILE is required");
        }
        Class<?> format = sourceFormat();
        Object csvFormat = format.getField("CSV").get(null);
        Class<?> dialect = Class.forName("dev.sluice.format.Dialect");
        Object defaults = dialect.getField("DEFAULT").get(null);
        Method open = Class.forName("dev.sluice.format.Readers").getMethod("open", InputStream.class, format, dialect);
        Method next = Class.forName("dev.sluice.format.RowReader").getMethod("next");
        Method openParquet = parquet == null ? null : Class.forName("dev.sluice.format.ParquetRowReader")
                .getMethod("open", java.nio.file.Path.class, String.class, boolean.class);
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long best = Long.MAX_VALUE;
        long bestCpu = Long.MAX_VALUE;
        long rows = 0;
        for (int round = 1; round <= rounds; round++) {
            long started = System.nanoTime();
            long startedCpu = threads.getCurrentThreadCpuTime();
            rows = 0;
            try (AutoCloseable reader = parquet != null ? (AutoCloseable) openParquet.invoke(null,
                    java.nio.file.Path.of(parquet), parquet, false) : (AutoCloseable) open.invoke(null,
                    new BufferedInputStream(new FileInputStream(csv), 1 << 16), csvFormat, defaults)) {
                while (next.invoke(reader) != null) {
                    rows++;
                }
            }
            long ms = (System.nanoTime() - started) / 1_000_000;
            long cpuMs = (threads.getCurrentThreadCpuTime() - startedCpu) / 1_000_000;
            best = Math.min(best, ms);
            bestCpu = Math.min(bestCpu, cpuMs);
            System.err.println("round " + round + ": " + ms + " ms, cpu " + cpuMs + " ms, " + rows + " rows");
        }
        System.out.println("best_ms=" + best + " best_cpu_ms=" + bestCpu + " rows=" + rows);
    }

    private static Class<?> sourceFormat() throws ClassNotFoundException {
        try {
            return Class.forName("dev.sluice.job.SourceFormat");
        } catch (ClassNotFoundException moved) {
            return Class.forName("dev.sluice.format.SourceFormat");
        }
    }
}
