package dev.sluice.sink;

import dev.sluice.collection.CollectionSchema;
import dev.sluice.collection.Field;
import dev.sluice.collection.FieldType;
import dev.sluice.format.ConvertedRow;
import dev.sluice.job.ConflictPolicy;
import dev.sluice.job.RowOutcome;
import dev.sluice.store.PostgresDialect;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;

/**
 * PostgreSQL writer. A chunk whose keys are all new is COPYed straight into the table, which costs
 * the server about what a plain {@code COPY} costs; the chunk is tried that way while the job's
 * history says it pays (see {@link WriteHistory}), under a savepoint, and a chunk the table refuses
 * (a key that exists, or any refused row) is rolled back and merged instead.
 *
 * <p>The merge COPYs the chunk into a temporary staging table, then runs one {@code INSERT ... SELECT
 * ... ON CONFLICT} whose {@code RETURNING} tells created rows (and, with {@code update}, updated ones)
 * from conflicting ones; only conflicts are looked up, in one query. Under {@code update} and
 * {@code merge}, while a job's chunks are mostly unchanged rows (a re-import), the rows a record
 * from before the job already matches are first decided {@code unchanged}, neither written nor
 * locked: before anything is staged, by reading the chunk's records back by their pages and comparing
 * bytes ({@link PostgresStoredScan}, while the file comes in the order of the load), and for the rows
 * that leaves, by one join that removes them from the stage. An overwrite is guarded by
 * {@code DO UPDATE ... WHERE} the record differs, so a record that already holds the row's values gets
 * no new version, and is not returned: the conflict query finds it {@code unchanged}. With
 * {@code merge} each shape of row (the fields it carries) has its statement, setting only those
 * fields; a shape without a required field inserts nothing. With {@code update} a key
 * repeated within the chunk is merged in passes, since one statement cannot change a row twice. When
 * the database refuses a pass (a constraint Java could not check, a value it cannot store), the pass
 * is bisected under savepoints and only the refused rows fail, with {@code write_error}. COPY uses the
 * binary format throughout. Stateless and thread-safe; the staging table is per connection.
 */
public final class PostgresRecordSink implements RecordSink {
    private final PostgresDialect dialect;

    /** @param schema where collection tables live */
    public PostgresRecordSink(String schema) {
        this.dialect = new PostgresDialect(schema);
    }

    @Override
    public JobWriter forJob(CollectionSchema collection, String jobId, ConflictPolicy onConflict) {
        UUID job = UUID.fromString(jobId);
        ConflictRule rule = new ConflictRule(onConflict);
        return new Writer(new PostgresMerge(dialect, collection), new PostgresStoredScan(dialect, collection, job, rule),
                collection.fields().stream().map(Field::type).toList(), job, rule, new WriteHistory());
    }

    @Override
    public RecordSink validating() {
        return new KeyValidationSink(dialect);
    }

    /** One job's writes: its merge SQL, field types, id, conflict rule and write history, bound once. */
    private record Writer(PostgresMerge merge, PostgresStoredScan storedScan, List<FieldType> types, UUID jobId,
                          ConflictRule rule, WriteHistory history) implements JobWriter {

        @Override
        public PreparedRows prepare(List<ConvertedRow> rows) {
            PostgresCopyBinary.Bytes scratch = new PostgresCopyBinary.Bytes(256);
            return PreparedRows.of(rows, rule, (row, id) -> new Object[]{PostgresCopyBinary.encode(scratch, id,
                    RecordSink.position(row.file(), row.line()), types, row.values())});
        }

        @Override
        public List<RowOutcome> write(Connection connection, PreparedRows prepared) throws SQLException {
            RowOutcome[] outcomes = prepared.outcomes();
            PostgresChunkWrite pass = new PostgresChunkWrite(connection, merge, jobId, Instant.now(), firstRecordNumber(connection, prepared), rule,
                    prepared, outcomes, rule.overwrites() && history.tryUnchangedFirst());
            List<int[]> passes = passes(prepared, rule);
            if (rule.overwrites() && passes.size() == 1 && passes.get(0).length > 0
                    && PostgresStoredScan.supported(connection) && history.tryStoredScan()) {
                int[] candidates = passes.get(0);
                BitSet found = storedScan.setApart(connection, prepared, candidates, outcomes);
                history.storedScan(found.cardinality(), candidates.length);
                int[] rest = IntStream.of(candidates).filter(c -> !found.get(c)).toArray();
                passes = rest.length == 0 ? List.of() : List.of(rest);
            }
            boolean direct = false;
            if (passes.size() == 1 && passes.get(0).length > 0 && history.tryFastPath()) {
                direct = pass.copyIntoTable(passes.get(0));
                history.fastPath(direct);
            }
            if (!direct && !passes.isEmpty()) {
                merge.ensureStage(connection);
                for (int[] candidates : passes) {
                    pass.run(candidates);
                }
            }
            if (rule.overwrites()) {
                history.unchanged((int) Arrays.stream(outcomes).filter(o -> o instanceof RowOutcome.Unchanged).count(),
                        prepared.candidates().length);
            }
            return prepared.complete(outcomes);
        }
    }

    /** The {@code _seq} of the chunk's candidate 0: candidate {@code c} is this plus {@code c}. */
    private static long firstRecordNumber(Connection connection, PreparedRows prepared) throws SQLException {
        if (prepared.candidates().length >= 1 << PostgresMerge.ORDER_SHIFT) {
            throw new IllegalStateException("a chunk of " + prepared.candidates().length + " rows is over the limit");
        }
        try (Statement st = connection.createStatement();
             ResultSet rs = st.executeQuery(PostgresMerge.NEXT_CHUNK_NUMBER)) {
            rs.next();
            return rs.getLong(1) << PostgresMerge.ORDER_SHIFT;
        }
    }

    /** Candidate ordinals split so that no pass holds a key twice (only {@code update} sends repeats). */
    private static List<int[]> passes(PreparedRows prepared, ConflictRule rule) {
        int[] candidates = prepared.candidates();
        int[] all = new int[candidates.length];
        for (int c = 0; c < all.length; c++) {
            all[c] = c;
        }
        if (!rule.overwrites()) {
            return List.of(all);
        }
        Map<String, Integer> seen = new HashMap<>();
        List<List<Integer>> byOccurrence = new ArrayList<>();
        for (int c = 0; c < candidates.length; c++) {
            int occurrence = seen.merge(prepared.rows().get(candidates[c]).key(), 1, Integer::sum) - 1;
            if (occurrence == byOccurrence.size()) {
                byOccurrence.add(new ArrayList<>());
            }
            byOccurrence.get(occurrence).add(c);
        }
        List<int[]> out = new ArrayList<>();
        for (List<Integer> p : byOccurrence) {
            out.add(p.stream().mapToInt(Integer::intValue).toArray());
        }
        return out;
    }
}
