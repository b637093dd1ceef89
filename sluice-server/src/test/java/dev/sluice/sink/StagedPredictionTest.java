package dev.sluice.sink;

import dev.sluice.collection.CollectionSchema;
import dev.sluice.collection.Field;
import dev.sluice.collection.FieldType;
import dev.sluice.collection.ValueFormats;
import dev.sluice.format.ConvertedRow;
import dev.sluice.format.RowConverter;
import dev.sluice.format.SourceRow;
import dev.sluice.job.ConflictPolicy;
import dev.sluice.job.RowOutcome;
import dev.sluice.job.Uuid7;
import dev.sluice.store.CollectionStore;
import dev.sluice.store.Database;
import dev.sluice.store.PostgresTestServer;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An atomic job's set-based prediction ({@link StagingSink}, docs/concepts.md, "Atomic imports") gives
 * every row the outcome the validating sink gives it one lookup at a time, and the outcome the
 * database's own sink then really gives it: keys repeated within a chunk and across chunks and files,
 * keys that existed before the job with the same or other values, under every {@code on_conflict}.
 * Under {@code merge} the rows carry two of the three fields, so only those are compared.
 */
class StagedPredictionTest {
    private static final String BEFORE = Uuid7.at(1_000).toString();

    @TempDir
    Path dataDir;

    /** Chunks of (email, name, age): each chunk is one transaction, as a job writes it. */
    private static final String[][][] CHUNKS = {
            {{"a@x", "Ada", "36"}, {"b@x", "Bobby", "41"}, {"c@x", "Cy", "7"}, {"c@x", "Cyd", "8"},
                    {"a@x", "Ada L.", "37"}, {"d@x", null, null}, {"b@x", "Bob", "41"}},
            {{"c@x", "Cy", "7"}, {"b@x", "Bob", "41"}, {"d@x", "Dee", "1"}, {"e@x", "Eve", "2"},
                    {"a@x", "Ada", "36"}, {"e@x", "Eve", "2"}},
            {{"e@x", "Eve", "3"}, {"f@x", "Fay", "4"}, {"a@x", "Ada", "36"}, {"g@x", "Gus", "5"}, {"f@x", "Fay", "4"}},
    };

    @ParameterizedTest(name = "{0}, on_conflict={1}")
    @CsvSource({"sqlite,SKIP", "sqlite,UPDATE", "sqlite,FAIL", "sqlite,MERGE",
            "postgres,SKIP", "postgres,UPDATE", "postgres,FAIL", "postgres,MERGE"})
    void the_prediction_of_each_row_is_what_the_validating_sink_predicts_and_what_the_apply_does(
            String database, ConflictPolicy policy) {
        Database db = database.equals("sqlite") ? Database.openSqlite(dataDir) : PostgresTestServer.openFresh();
        try {
            RecordSink sink = database.equals("sqlite") ? new SqliteRecordSink() : new PostgresRecordSink("public");
            CollectionSchema people = new CollectionStore(db, InstantSource.fixed(Instant.parse("2026-11-22T10:00:00Z")))
                    .create(CollectionSchema.define("people", List.of(
                            new Field("email", FieldType.STRING, true, null),
                            new Field("name", FieldType.STRING, false, null),
                            new Field("age", FieldType.INTEGER, false, null)), List.of("email"), false));
            List<String> columns = policy == ConflictPolicy.MERGE ? List.of("email", "name")
                    : List.of("email", "name", "age");
            write(db, sink, people, BEFORE, ConflictPolicy.SKIP, List.of(
                    rows(people, List.of("email", "name", "age"), 0, new String[][]{{"a@x", "Ada", "36"}, {"b@x", "Bob", "41"}})));

            String atomicJob = Uuid7.at(2_000).toString();
            StagedRows staged = new StagedRows(db.dialect(), people, atomicJob, policy);
            db.write(h -> {
                staged.create(h);
                return null;
            });
            List<List<ConvertedRow>> chunks = chunks(people, columns);
            List<String> predicted = write(db, new StagingSink(sink, db.dialect()), people, atomicJob, policy, chunks);
            List<String> validated = write(db, sink.validating(), people, Uuid7.at(3_000).toString(), policy, chunks);
            List<String> applied = write(db, sink, people, Uuid7.at(4_000).toString(), policy, chunks);

            assertThat(predicted).as("predicted set-based").isEqualTo(validated).isEqualTo(applied);
            assertThat(predicted).contains("created").containsAnyOf("unchanged", "failed", "updated");
            long stagedCreated = db.read(h -> h.createQuery("SELECT count(*) FROM " + staged.table()
                    + " WHERE _sluice_predicted = 'created'").mapTo(Long.class).one());
            assertThat(stagedCreated).as("the staged rows carry their predictions")
                    .isEqualTo(predicted.stream().filter("created"::equals).count());
        } finally {
            db.close();
        }
    }

    /** The chunks, the first two of file 0 and the last of file 1. */
    private static List<List<ConvertedRow>> chunks(CollectionSchema c, List<String> columns) {
        List<List<ConvertedRow>> out = new ArrayList<>();
        out.add(rows(c, columns, 0, CHUNKS[0]));
        List<ConvertedRow> second = rows(c, columns, 0, CHUNKS[1]);
        out.add(second.stream().map(r -> new ConvertedRow(r.file(), r.line() + CHUNKS[0].length, r.values(), r.key(),
                r.source(), r.carried())).toList());
        out.add(rows(c, columns, 1, CHUNKS[2]));
        return out;
    }

    /** Rows from line 2 of {@code file}, converted from {@code columns} (the first cells of each row). */
    private static List<ConvertedRow> rows(CollectionSchema c, List<String> columns, int file, String[][] cells) {
        RowConverter converter = new RowConverter(c, file, columns, false, ValueFormats.DEFAULT);
        List<ConvertedRow> out = new ArrayList<>();
        for (int i = 0; i < cells.length; i++) {
            String[] carried = java.util.Arrays.copyOf(cells[i], columns.size());
            RowConverter.Conversion conversion = converter.convert(new SourceRow.Cells(2 + i, carried));
            assertThat(conversion.failure()).as("row %d converts", i).isNull();
            out.add(conversion.row());
        }
        return out;
    }

    /** Writes the chunks through {@code sink}, one transaction each; the outcomes' wire names, in order. */
    private static List<String> write(Database db, RecordSink sink, CollectionSchema c, String jobId,
                                      ConflictPolicy policy, List<List<ConvertedRow>> chunks) {
        JobWriter writer = sink.forJob(c, jobId, policy);
        List<String> out = new ArrayList<>();
        for (List<ConvertedRow> chunk : chunks) {
            out.addAll(db.write(h -> {
                try {
                    return writer.write(h.getConnection(), writer.prepare(chunk)).stream()
                            .map(RowOutcome::wireName).toList();
                } catch (SQLException e) {
                    throw new IllegalStateException(e);
                }
            }));
        }
        return out;
    }
}
