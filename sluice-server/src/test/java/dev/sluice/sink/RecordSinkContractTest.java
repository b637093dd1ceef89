package dev.sluice.sink;

import dev.sluice.collection.CollectionSchema;
import dev.sluice.collection.Field;
import dev.sluice.collection.FieldType;
import dev.sluice.format.ConvertedRow;
import dev.sluice.collection.ValueFormats;
import dev.sluice.format.RowConverter;
import dev.sluice.format.SourceRow;
import dev.sluice.job.ConflictPolicy;
import dev.sluice.job.RowOutcome;
import dev.sluice.job.RowOutcome.Created;
import dev.sluice.job.RowOutcome.Failed;
import dev.sluice.job.RowOutcome.Position;
import dev.sluice.job.RowOutcome.Skipped;
import dev.sluice.job.RowOutcome.Unchanged;
import dev.sluice.job.RowOutcome.Updated;
import dev.sluice.job.Uuid7;
import dev.sluice.store.CollectionStore;
import dev.sluice.store.Database;
import org.jdbi.v3.core.Handle;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What every {@link RecordSink} must do, whatever the database: prepare and write chunks inside
 * the caller's transaction and tell each row's outcome, in input order. "Before the job" means
 * written by another job; a key the same job wrote earlier is an in-job duplicate, whether it came
 * earlier in the same chunk, in an earlier chunk of the same transaction, or in an earlier
 * transaction. A subclass per database supplies the {@link Database} and its sink.
 */
abstract class RecordSinkContractTest {
    protected static final String JOB_A = Uuid7.at(1_000).toString();
    protected static final String JOB_B = Uuid7.at(2_000).toString();

    @TempDir
    Path dataDir;

    protected Database db;
    protected CollectionStore collections;
    private RecordSink sink;
    protected CollectionSchema people;

    /** Opens (creating and migrating) the database under test in {@code dataDir}. */
    protected abstract Database openDatabase(Path dataDir);

    /** The sink under test, of the same dialect as the database. */
    protected abstract RecordSink sink();

    @BeforeEach
    void open() {
        db = openDatabase(dataDir);
        collections = new CollectionStore(db, InstantSource.fixed(Instant.parse("2026-11-22T10:00:00Z")));
        sink = sink();
        people = collections.create(CollectionSchema.define("people", List.of(
                new Field("email", FieldType.STRING, true, null),
                new Field("name", FieldType.STRING, false, null),
                new Field("age", FieldType.INTEGER, false, null)), List.of("email"), false));
    }

    @AfterEach
    void close() {
        db.close();
    }

    /** A chunk's rows: cells in field order; the first is on {@code firstLine} of file {@code file}. */
    protected static List<ConvertedRow> rows(CollectionSchema c, int file, long firstLine, String[]... cells) {
        RowConverter converter = new RowConverter(c, file, c.fields().stream().map(Field::name).toList(), false,
                ValueFormats.DEFAULT);
        List<ConvertedRow> out = new ArrayList<>();
        for (int i = 0; i < cells.length; i++) {
            RowConverter.Conversion conversion = converter.convert(new SourceRow.Cells(firstLine + i, cells[i]));
            assertThat(conversion.failure()).as("row %d converts", i).isNull();
            out.add(conversion.row());
        }
        return out;
    }

    protected static String[] row(String... cells) {
        return cells;
    }

    protected List<RowOutcome> write(Handle h, CollectionSchema c, String jobId, ConflictPolicy onConflict, List<ConvertedRow> rows) {
        try {
            JobWriter writer = sink.forJob(c, jobId, onConflict);
            return writer.write(h.getConnection(), writer.prepare(rows));
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Prepares and writes one chunk in its own transaction. */
    private List<RowOutcome> write(CollectionSchema c, String jobId, ConflictPolicy onConflict, List<ConvertedRow> rows) {
        return db.write(h -> write(h, c, jobId, onConflict, rows));
    }

    /** The table's records by key field {@code keyField}, each as its fields plus system columns. */
    private Map<Object, Map<String, Object>> records(CollectionSchema c, String keyField) {
        Map<Object, Map<String, Object>> out = new LinkedHashMap<>();
        for (Map<String, Object> r : collections.records(c, 10_000, 0, null).records()) {
            assertThat(out.put(r.get(keyField), r)).as("key %s once", r.get(keyField)).isNull();
        }
        return out;
    }

    private static UUID id(RowOutcome outcome) {
        return outcome.recordIdOrNull();
    }

    @Test
    void a_first_load_creates_every_row_with_the_record_ids_it_reports() {
        List<RowOutcome> outcomes = write(people, JOB_A, ConflictPolicy.SKIP, rows(people, 0, 2,
                row("ada@x.com", "Ada", "36"), row("bob@x.com", null, "41"), row("cy@x.com", "Cy", null)));

        assertThat(outcomes).hasSize(3).allMatch(o -> o instanceof Created);
        assertThat(outcomes).extracting(RowOutcome::recordIdOrNull).doesNotContainNull().doesNotHaveDuplicates();
        Map<Object, Map<String, Object>> records = records(people, "email");
        assertThat(records.keySet()).containsExactly("ada@x.com", "bob@x.com", "cy@x.com");
        assertThat(records.get("ada@x.com")).containsEntry("_id", id(outcomes.get(0)).toString())
                .containsEntry("_import_id", JOB_A).containsEntry("name", "Ada").containsEntry("age", 36L);
        assertThat(records.get("bob@x.com")).containsEntry("_id", id(outcomes.get(1)).toString())
                .containsEntry("name", null).containsEntry("age", 41L);
        assertThat(records.get("cy@x.com")).containsEntry("_id", id(outcomes.get(2)).toString())
                .containsEntry("name", "Cy").containsEntry("age", null);
    }

    /**
     * Records page in the order they were written: by chunk, and by line within a chunk, whether a
     * chunk went straight into the table or through the merge, and whichever connection wrote it
     * (docs/http-api.md, reading records).
     */
    @Test
    void records_page_in_the_order_their_chunks_and_rows_were_written_whatever_path_and_connection_wrote_them() {
        write(people, JOB_A, ConflictPolicy.SKIP, rows(people, 0, 2, row("m@x.com", "M", "1"), row("c@x.com", "C", "2")));
        // a key that exists sends the chunk through the merge; its new key is created there
        write(people, JOB_B, ConflictPolicy.UPDATE, rows(people, 0, 2, row("z@x.com", "Z", "3"), row("m@x.com", "M2", "1"),
                row("a@x.com", "A", "4")));
        // two chunks in one transaction
        db.write(h -> {
            write(h, people, JOB_A, ConflictPolicy.SKIP, rows(people, 1, 2, row("k@x.com", "K", "5")));
            return write(h, people, JOB_A, ConflictPolicy.SKIP, rows(people, 1, 3, row("b@x.com", "B", "6")));
        });

        assertThat(emailsInRecordOrder()).containsExactly("m@x.com", "c@x.com", "z@x.com", "a@x.com", "k@x.com", "b@x.com");
    }

    /** The records' emails in record order, read two a page (so the cursor is checked too). */
    protected List<Object> emailsInRecordOrder() {
        List<Object> emails = new ArrayList<>();
        long after = 0;
        while (true) {
            CollectionStore.RecordPage page = collections.records(people, 2, after, null);
            page.records().forEach(r -> emails.add(r.get("email")));
            if (page.nextAfter() == null) {
                return emails;
            }
            after = page.nextAfter();
        }
    }

    @Test
    void skip_leaves_records_written_before_the_job_unchanged() {
        List<RowOutcome> before = write(people, JOB_A, ConflictPolicy.SKIP, rows(people, 0, 2,
                row("ada@x.com", "Ada", "36"), row("bob@x.com", "Bob", "41")));

        List<RowOutcome> outcomes = write(people, JOB_B, ConflictPolicy.SKIP, rows(people, 0, 2,
                row("bob@x.com", "Robert", "42"), row("cy@x.com", "Cy", "7"), row("ada@x.com", "Ada L.", "37")));

        assertThat(outcomes).containsExactly(new Unchanged(id(before.get(1))), new Created(id(outcomes.get(1))),
                new Unchanged(id(before.get(0))));
        Map<Object, Map<String, Object>> records = records(people, "email");
        assertThat(records.get("ada@x.com")).containsEntry("name", "Ada").containsEntry("age", 36L)
                .containsEntry("_import_id", JOB_A);
        assertThat(records.get("bob@x.com")).containsEntry("name", "Bob").containsEntry("age", 41L)
                .containsEntry("_import_id", JOB_A);
        assertThat(records.get("cy@x.com")).containsEntry("_import_id", JOB_B);
    }

    @Test
    void skip_marks_a_key_repeated_within_one_chunk_as_skipped_pointing_at_the_kept_record() {
        List<RowOutcome> outcomes = write(people, JOB_A, ConflictPolicy.SKIP, rows(people, 0, 2,
                row("ada@x.com", "Ada", "36"), row("bob@x.com", "Bob", "41"), row("ada@x.com", "Ada 2", "1"),
                row("ada@x.com", "Ada 3", "2")));

        UUID ada = id(outcomes.get(0));
        assertThat(outcomes).containsExactly(new Created(ada), new Created(id(outcomes.get(1))),
                new Skipped(new Position(0, 2), ada), new Skipped(new Position(0, 2), ada));
        assertThat(records(people, "email").get("ada@x.com")).containsEntry("name", "Ada").containsEntry("age", 36L)
                .containsEntry("_id", ada.toString());
    }

    @Test
    void skip_marks_a_key_repeated_in_a_later_chunk_of_the_same_transaction_as_skipped() {
        List<List<RowOutcome>> chunks = db.write(h -> List.of(
                write(h, people, JOB_A, ConflictPolicy.SKIP, rows(people, 0, 2, row("ada@x.com", "Ada", "36"))),
                write(h, people, JOB_A, ConflictPolicy.SKIP, rows(people, 0, 3,
                        row("bob@x.com", "Bob", "41"), row("ada@x.com", "Ada 2", "1")))));

        UUID ada = id(chunks.get(0).get(0));
        assertThat(chunks.get(1)).containsExactly(new Created(id(chunks.get(1).get(0))),
                new Skipped(new Position(0, 2), ada));
        assertThat(records(people, "email").get("ada@x.com")).containsEntry("name", "Ada");
    }

    @Test
    void skip_marks_a_key_repeated_in_a_later_transaction_or_file_of_the_same_job_as_skipped() {
        List<RowOutcome> first = write(people, JOB_A, ConflictPolicy.SKIP, rows(people, 0, 2, row("ada@x.com", "Ada", "36")));
        List<RowOutcome> later = write(people, JOB_A, ConflictPolicy.SKIP, rows(people, 0, 900,
                row("ada@x.com", "Ada 2", "1")));
        List<RowOutcome> otherFile = write(people, JOB_A, ConflictPolicy.SKIP, rows(people, 1, 5,
                row("ada@x.com", "Ada 3", "2")));

        UUID ada = id(first.get(0));
        assertThat(later).containsExactly(new Skipped(new Position(0, 2), ada));
        assertThat(otherFile).containsExactly(new Skipped(new Position(0, 2), ada));
        assertThat(records(people, "email").get("ada@x.com")).containsEntry("name", "Ada").containsEntry("age", 36L);
    }

    @Test
    void a_key_that_existed_before_the_job_stays_unchanged_however_often_the_job_repeats_it_and_however_it_is_chunked() {
        List<RowOutcome> before = write(people, JOB_A, ConflictPolicy.SKIP, rows(people, 0, 2, row("ada@x.com", "Ada", "36")));
        UUID ada = id(before.get(0));

        List<RowOutcome> oneChunk = write(people, JOB_B, ConflictPolicy.SKIP, rows(people, 0, 2,
                row("ada@x.com", "Ada 2", "1"), row("ada@x.com", "Ada 3", "2")));
        List<RowOutcome> laterChunk = write(people, JOB_B, ConflictPolicy.SKIP, rows(people, 0, 4,
                row("ada@x.com", "Ada 4", "3")));

        assertThat(oneChunk).containsExactly(new Unchanged(ada), new Unchanged(ada));
        assertThat(laterChunk).containsExactly(new Unchanged(ada));
        assertThat(records(people, "email").get("ada@x.com")).containsEntry("name", "Ada")
                .containsEntry("_import_id", JOB_A);
    }

    @Test
    void update_overwrites_every_value_and_keeps_the_record_id() {
        List<RowOutcome> before = write(people, JOB_A, ConflictPolicy.SKIP, rows(people, 0, 2,
                row("ada@x.com", "Ada", "36"), row("bob@x.com", "Bob", "41")));

        List<RowOutcome> outcomes = write(people, JOB_B, ConflictPolicy.UPDATE, rows(people, 0, 2,
                row("dee@x.com", "Dee", "20"), row("ada@x.com", "Ada Lovelace", null)));

        UUID ada = id(before.get(0));
        assertThat(outcomes).containsExactly(new Created(id(outcomes.get(0))), new Updated(ada));
        Map<Object, Map<String, Object>> records = records(people, "email");
        assertThat(records.keySet()).containsExactly("ada@x.com", "bob@x.com", "dee@x.com");
        assertThat(records.get("ada@x.com")).containsEntry("_id", ada.toString()).containsEntry("name", "Ada Lovelace")
                .containsEntry("age", null).containsEntry("_import_id", JOB_B);
        assertThat(records.get("bob@x.com")).containsEntry("name", "Bob").containsEntry("_import_id", JOB_A);
    }

    @Test
    void update_of_a_key_repeated_within_the_job_keeps_the_last_values_in_one_record() {
        List<RowOutcome> oneChunk = write(people, JOB_A, ConflictPolicy.UPDATE, rows(people, 0, 2,
                row("ada@x.com", "v1", "1"), row("bob@x.com", "Bob", "2"), row("ada@x.com", "v2", "3"),
                row("ada@x.com", "v3", "4")));
        UUID ada = id(oneChunk.get(0));
        assertThat(oneChunk).containsExactly(new Created(ada), new Created(id(oneChunk.get(1))), new Updated(ada),
                new Updated(ada));
        assertThat(records(people, "email").get("ada@x.com")).containsEntry("name", "v3").containsEntry("age", 4L);

        List<RowOutcome> laterChunk = write(people, JOB_A, ConflictPolicy.UPDATE, rows(people, 0, 6,
                row("ada@x.com", "v4", "5")));

        assertThat(laterChunk).containsExactly(new Updated(ada));
        assertThat(records(people, "email").get("ada@x.com")).containsEntry("name", "v4").containsEntry("age", 5L)
                .containsEntry("_id", ada.toString());
        assertThat(records(people, "email")).hasSize(2);
    }

    @Test
    void fail_refuses_a_key_that_existed_before_the_job_and_leaves_the_record_alone() {
        List<RowOutcome> before = write(people, JOB_A, ConflictPolicy.SKIP, rows(people, 0, 2, row("ada@x.com", "Ada", "36")));
        UUID ada = id(before.get(0));

        List<RowOutcome> outcomes = write(people, JOB_B, ConflictPolicy.FAIL, rows(people, 0, 2,
                row("ada@x.com", "Ada 2", "1"), row("eve@x.com", "Eve", "30")));

        assertThat(outcomes).containsExactly(
                new Failed("duplicate_key", null, "a record with this key already exists (" + ada + ")"),
                new Created(id(outcomes.get(1))));
        assertThat(records(people, "email").get("ada@x.com")).containsEntry("name", "Ada").containsEntry("_import_id", JOB_A);
    }

    @Test
    void fail_refuses_a_key_repeated_within_the_job_naming_the_line_it_first_appeared_on() {
        List<RowOutcome> oneChunk = write(people, JOB_A, ConflictPolicy.FAIL, rows(people, 0, 2,
                row("fay@x.com", "Fay", "1"), row("fay@x.com", "Fay 2", "2")));
        List<RowOutcome> laterChunk = write(people, JOB_A, ConflictPolicy.FAIL, rows(people, 0, 4,
                row("fay@x.com", "Fay 3", "3")));

        assertThat(oneChunk).containsExactly(new Created(id(oneChunk.get(0))),
                new Failed("duplicate_key", null, "key already appeared at line 2 of this import"));
        assertThat(laterChunk).containsExactly(
                new Failed("duplicate_key", null, "key already appeared at line 2 of this import"));
        assertThat(records(people, "email").get("fay@x.com")).containsEntry("name", "Fay");
    }

    @Test
    void a_composite_key_identifies_a_record_by_all_its_fields_together() {
        CollectionSchema stock = collections.create(CollectionSchema.define("stock", List.of(
                new Field("country", FieldType.STRING, true, null),
                new Field("code", FieldType.INTEGER, true, null),
                new Field("qty", FieldType.INTEGER, false, null)), List.of("country", "code"), false));

        List<RowOutcome> first = write(stock, JOB_A, ConflictPolicy.SKIP, rows(stock, 0, 2,
                row("us", "1", "10"), row("us", "2", "20"), row("fr", "1", "30"), row("us", "1", "40")));
        List<RowOutcome> update = write(stock, JOB_B, ConflictPolicy.UPDATE, rows(stock, 0, 2,
                row("fr", "1", "99"), row("fr", "2", "5")));

        UUID us1 = id(first.get(0));
        UUID fr1 = id(first.get(2));
        assertThat(first).containsExactly(new Created(us1), new Created(id(first.get(1))), new Created(fr1),
                new Skipped(new Position(0, 2), us1));
        assertThat(update).containsExactly(new Updated(fr1), new Created(id(update.get(1))));
        List<Map<String, Object>> all = collections.records(stock, 100, 0, null).records();
        assertThat(all).extracting(r -> r.get("country") + "/" + r.get("code") + "=" + r.get("qty"))
                .containsExactly("us/1=10", "us/2=20", "fr/1=99", "fr/2=5");
    }

    @Test
    void case_insensitive_keys_are_one_key_within_a_chunk_across_chunks_and_across_jobs() {
        CollectionSchema contacts = collections.create(CollectionSchema.define("contacts", List.of(
                new Field("email", FieldType.STRING, true, null),
                new Field("name", FieldType.STRING, false, null)), List.of("email"), true));

        List<RowOutcome> chunk = write(contacts, JOB_A, ConflictPolicy.SKIP, rows(contacts, 0, 2,
                row("A@x.com", "first"), row("a@X.com", "second")));
        List<RowOutcome> laterChunk = write(contacts, JOB_A, ConflictPolicy.SKIP, rows(contacts, 0, 4,
                row("a@x.COM", "third")));
        List<RowOutcome> laterJob = write(contacts, JOB_B, ConflictPolicy.SKIP, rows(contacts, 0, 2,
                row("A@X.COM", "fourth")));

        UUID a = id(chunk.get(0));
        assertThat(chunk).containsExactly(new Created(a), new Skipped(new Position(0, 2), a));
        assertThat(laterChunk).containsExactly(new Skipped(new Position(0, 2), a));
        assertThat(laterJob).containsExactly(new Unchanged(a));
        assertThat(collections.records(contacts, 100, 0, null).records()).singleElement()
                .satisfies(r -> assertThat(r).containsEntry("email", "A@x.com").containsEntry("name", "first"));
    }

    @Test
    void every_outcome_list_follows_the_input_order_whatever_the_mix() {
        List<RowOutcome> before = write(people, JOB_A, ConflictPolicy.SKIP, rows(people, 0, 2,
                row("old1@x.com", "Old 1", "1"), row("old2@x.com", "Old 2", "2")));
        UUID old1 = id(before.get(0));
        UUID old2 = id(before.get(1));
        List<RowOutcome> earlier = write(people, JOB_B, ConflictPolicy.SKIP, rows(people, 0, 2,
                row("prev@x.com", "Prev", "3")));
        UUID prev = id(earlier.get(0));

        List<RowOutcome> outcomes = write(people, JOB_B, ConflictPolicy.SKIP, rows(people, 0, 10,
                row("new1@x.com", "N1", "1"),
                row("old2@x.com", "x", "2"),
                row("prev@x.com", "x", "3"),
                row("new2@x.com", "N2", "4"),
                row("new1@x.com", "x", "5"),
                row("old1@x.com", "x", "6"),
                row("new3@x.com", "N3", "7"),
                row("prev@x.com", "x", "8"),
                row("new2@x.com", "x", "9")));

        UUID new1 = id(outcomes.get(0));
        UUID new2 = id(outcomes.get(3));
        UUID new3 = id(outcomes.get(6));
        assertThat(outcomes).containsExactly(
                new Created(new1),
                new Unchanged(old2),
                new Skipped(new Position(0, 2), prev),
                new Created(new2),
                new Skipped(new Position(0, 10), new1),
                new Unchanged(old1),
                new Created(new3),
                new Skipped(new Position(0, 2), prev),
                new Skipped(new Position(0, 13), new2));
        assertThat(List.of(new1, new2, new3)).doesNotContainNull().doesNotHaveDuplicates();
        assertThat(records(people, "email").keySet())
                .containsExactly("old1@x.com", "old2@x.com", "prev@x.com", "new1@x.com", "new2@x.com", "new3@x.com");
    }
}
