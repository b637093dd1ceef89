package dev.sluice.store;

import dev.sluice.collection.CollectionSchema;
import dev.sluice.collection.Field;
import dev.sluice.collection.FieldType;
import dev.sluice.error.SluiceException;
import dev.sluice.format.ConvertedRow;
import dev.sluice.collection.ValueFormats;
import dev.sluice.format.RowConverter;
import dev.sluice.format.SourceRow;
import dev.sluice.job.ConflictPolicy;
import dev.sluice.job.ImportOptions;
import dev.sluice.job.JobState;
import dev.sluice.job.RowOutcome;
import dev.sluice.job.Uuid7;
import dev.sluice.sink.JobWriter;
import dev.sluice.sink.RecordSink;
import org.jdbi.v3.core.Handle;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * What every {@link CollectionStore} must do, whatever the database. A subclass per database
 * supplies the {@link Database} and the {@link RecordSink} of its dialect (records are put in
 * through the sink, as the engine does).
 *
 * <p>The few statements that touch a collection table directly, to prove its unique key index
 * exists, are plain SQL for SQLite and PostgreSQL alike: they copy an existing row with
 * {@code INSERT ... SELECT}, so no dialect's value encoding is needed. They assume the system
 * columns named in {@code SYSTEM_COLUMNS} and that only the key is unique (not {@code _id});
 * should PostgreSQL tables differ, that constant is the one place to change.
 */
abstract class CollectionStoreContractTest {
    private static final String JOB_A = Uuid7.at(1_000).toString();
    private static final String JOB_B = Uuid7.at(2_000).toString();
    private static final String SYSTEM_COLUMNS = "_id, _import_id, _import_pos, _created_at, _updated_at";

    @TempDir
    Path dataDir;

    private Database db;
    private TestClock clock;
    private CollectionStore collections;
    private JobStore jobs;
    private RecordSink sink;

    /** Opens (creating and migrating) the database under test in {@code dataDir}. */
    protected abstract Database openDatabase(Path dataDir);

    /** The record sink of the same dialect, used to put records into collections. */
    protected abstract RecordSink sink();

    @BeforeEach
    void open() {
        db = openDatabase(dataDir);
        clock = new TestClock(TestClock.T0);
        collections = new CollectionStore(db, clock);
        jobs = new JobStore(db, clock);
        sink = sink();
    }

    @AfterEach
    void close() {
        db.close();
    }

    private static CollectionSchema people(boolean keyCaseInsensitive) {
        return CollectionSchema.define("people", List.of(
                new Field("email", FieldType.STRING, false, 320),
                new Field("name", FieldType.STRING, false, null),
                new Field("age", FieldType.INTEGER, false, null)), List.of("email"), keyCaseInsensitive);
    }

    private static CollectionSchema stock() {
        return CollectionSchema.define("stock", List.of(
                new Field("country", FieldType.STRING, true, null),
                new Field("code", FieldType.INTEGER, true, null),
                new Field("qty", FieldType.INTEGER, false, null)), List.of("country", "code"), false);
    }

    @Test
    void create_stores_the_definition_with_its_creation_time_and_find_answers_it() {
        CollectionSchema created = collections.create(people(false));

        assertThat(created).isEqualTo(people(false).createdAt(TestClock.T0));
        assertThat(created.field("email").required()).as("key fields are always required").isTrue();
        assertThat(collections.find("people")).contains(created);
        assertThat(collections.require("people")).isEqualTo(created);
        assertThat(new CollectionStore(db, clock).find("people"))
                .as("a fresh store reads the definition back from the database").contains(created);
        assertThat(collections.recordCount(created)).isZero();
    }

    @Test
    void list_answers_every_collection_by_name() {
        clock.advance(Duration.ofSeconds(1));
        CollectionSchema s = collections.create(stock());
        CollectionSchema p = collections.create(people(true));

        assertThat(collections.list()).containsExactly(p, s);
        assertThat(new CollectionStore(db, clock).list()).containsExactly(p, s);
        assertThat(p.keyCaseInsensitive()).isTrue();
    }

    @Test
    void an_unknown_collection_is_not_found() {
        assertThat(collections.find("nobody")).isEmpty();
        assertThatThrownBy(() -> collections.require("nobody"))
                .isInstanceOfSatisfying(SluiceException.NotFound.class, e -> {
                    assertThat(e.code()).isEqualTo("collection_not_found");
                    assertThat(e.details()).isEqualTo(Map.of("collection", "nobody"));
                })
                .hasMessage("collection 'nobody' does not exist");
    }

    @Test
    void creating_a_collection_twice_is_a_conflict_named_collection_exists_and_keeps_the_first() {
        CollectionSchema first = collections.create(people(false));
        CollectionSchema other = CollectionSchema.define("people", List.of(new Field("id", FieldType.INTEGER, true, null)),
                List.of("id"), false);

        assertThatThrownBy(() -> collections.create(other))
                .isInstanceOfSatisfying(SluiceException.Conflict.class, e -> {
                    assertThat(e.code()).isEqualTo("collection_exists");
                    assertThat(e.details()).isEqualTo(Map.of("collection", "people"));
                })
                .hasMessage("collection 'people' already exists");
        assertThat(new CollectionStore(db, clock).require("people")).isEqualTo(first);
    }

    @Test
    void a_table_that_sluice_did_not_create_blocks_a_collection_of_its_name() {
        db.write(h -> h.execute("CREATE TABLE legacy (x INTEGER)"));

        assertThatThrownBy(() -> collections.create(CollectionSchema.define("legacy",
                List.of(new Field("x", FieldType.INTEGER, true, null)), List.of("x"), false)))
                .isInstanceOfSatisfying(SluiceException.Conflict.class,
                        e -> assertThat(e.code()).isEqualTo("collection_exists"))
                .hasMessage("collection 'legacy' already exists");
        assertThat(collections.find("legacy")).isEmpty();
    }

    @Test
    void the_table_exists_and_its_unique_key_index_refuses_a_second_row_with_the_same_key() {
        CollectionSchema c = collections.create(people(false));
        write(c, JOB_A, ConflictPolicy.SKIP, new String[]{"ada@x.com", "Ada", "36"});

        assertThatThrownBy(() -> db.write(h -> h.execute("INSERT INTO \"people\" SELECT * FROM \"people\"")))
                .hasRootCauseInstanceOf(SQLException.class);
        assertThat(count("people")).isEqualTo(1);

        db.write(h -> h.execute("INSERT INTO \"people\" (" + SYSTEM_COLUMNS + ", email, name, age) SELECT "
                + SYSTEM_COLUMNS + ", 'grace@x.com', name, age FROM \"people\""));
        assertThat(count("people")).as("another key is accepted").isEqualTo(2);
    }

    @Test
    void a_composite_key_is_unique_over_all_its_fields_together() {
        CollectionSchema c = collections.create(stock());
        write(c, JOB_A, ConflictPolicy.SKIP, new String[]{"us", "1", "10"});

        assertThatThrownBy(() -> db.write(h -> h.execute("INSERT INTO \"stock\" SELECT * FROM \"stock\"")))
                .hasRootCauseInstanceOf(SQLException.class);
        db.write(h -> h.execute("INSERT INTO \"stock\" (" + SYSTEM_COLUMNS + ", country, code, qty) SELECT "
                + SYSTEM_COLUMNS + ", country, 2, qty FROM \"stock\""));
        db.write(h -> h.execute("INSERT INTO \"stock\" (" + SYSTEM_COLUMNS + ", country, code, qty) SELECT "
                + SYSTEM_COLUMNS + ", 'fr', 1, qty FROM \"stock\" WHERE code = 1"));

        assertThat(count("stock")).isEqualTo(3);
    }

    @Test
    void case_insensitive_keys_differing_only_in_letter_case_are_one_key_in_the_table() {
        CollectionSchema c = collections.create(people(true));
        write(c, JOB_A, ConflictPolicy.SKIP, new String[]{"Ada@X.com", "Ada", "36"});

        assertThatThrownBy(() -> db.write(h -> h.execute("INSERT INTO \"people\" (" + SYSTEM_COLUMNS
                + ", email, name, age) SELECT " + SYSTEM_COLUMNS + ", lower(email), name, age FROM \"people\"")))
                .hasRootCauseInstanceOf(SQLException.class);
        assertThat(count("people")).isEqualTo(1);
    }

    @Test
    void case_insensitive_keys_differing_only_in_letter_case_are_one_key_through_the_sink() {
        CollectionSchema c = collections.create(people(true));
        List<RowOutcome> first = write(c, JOB_A, ConflictPolicy.SKIP, new String[]{"A@x.com", "Upper", "1"});
        UUID id = first.get(0).recordIdOrNull();

        List<RowOutcome> sameJob = write(c, JOB_A, ConflictPolicy.SKIP, new String[]{"a@x.com", "lower", "2"});
        List<RowOutcome> laterJob = write(c, JOB_B, ConflictPolicy.SKIP, new String[]{"a@X.COM", "LOWER", "3"});

        assertThat(first).containsExactly(new RowOutcome.Created(id));
        assertThat(sameJob).containsExactly(new RowOutcome.Skipped(new RowOutcome.Position(0, 2), id));
        assertThat(laterJob).containsExactly(new RowOutcome.Unchanged(id));
        assertThat(count("people")).isEqualTo(1);
        List<Map<String, Object>> records = collections.records(c, 10, 0, null).records();
        assertThat(records).hasSize(1);
        assertThat(records.get(0)).containsEntry("email", "A@x.com").containsEntry("name", "Upper")
                .containsEntry("_id", id.toString());
        assertThat(collections.records(c, 10, 0, List.of("a@X.com")).records())
                .as("a key lookup ignores letter case too").containsExactlyElementsOf(records);
    }

    @Test
    void drop_is_refused_while_a_job_is_queued_or_running_on_the_collection_and_allowed_once_it_ended() {
        CollectionSchema c = collections.create(people(false));
        write(c, JOB_A, ConflictPolicy.SKIP, new String[]{"ada@x.com", "Ada", "36"});
        String id = newJob("people", JobState.QUEUED);
        newJob("stock", JobState.QUEUED);

        assertBusy("people", 1);
        jobs.claimNext("node-a", Duration.ofSeconds(30));
        assertThat(jobs.require(id).state()).isEqualTo(JobState.RUNNING);
        assertBusy("people", 1);

        jobs.finish(id, JobState.COMPLETED, null, false, Duration.ofDays(7));
        collections.drop("people");

        assertThat(collections.find("people")).isEmpty();
        assertThat(new CollectionStore(db, clock).find("people")).isEmpty();
        assertThat(collections.list()).isEmpty();
        assertThatThrownBy(() -> count("people")).as("the table is gone").hasRootCauseInstanceOf(SQLException.class);
    }

    @Test
    void drop_is_refused_while_an_open_job_waits_for_files_for_the_collection() {
        collections.create(people(false));
        newJob("people", JobState.OPEN);
        newJob("people", JobState.QUEUED);

        assertBusy("people", 2);
    }

    @Test
    void a_dropped_collection_can_be_created_again_with_an_empty_table() {
        CollectionSchema c = collections.create(people(false));
        write(c, JOB_A, ConflictPolicy.SKIP, new String[]{"ada@x.com", "Ada", "36"});
        collections.drop("people");

        CollectionSchema again = collections.create(people(true));

        assertThat(again.keyCaseInsensitive()).isTrue();
        assertThat(collections.recordCount(again)).isZero();
    }

    @Test
    void dropping_an_unknown_collection_is_not_found() {
        assertThatThrownBy(() -> collections.drop("nobody"))
                .isInstanceOfSatisfying(SluiceException.NotFound.class,
                        e -> assertThat(e.code()).isEqualTo("collection_not_found"))
                .hasMessage("collection 'nobody' does not exist");
    }

    @Test
    void records_come_back_in_insertion_order_a_page_at_a_time_with_their_system_columns() {
        CollectionSchema c = collections.create(people(false));
        List<RowOutcome> outcomes = write(c, JOB_A, ConflictPolicy.SKIP,
                new String[]{"e1@x.com", "One", "1"}, new String[]{"e2@x.com", null, "2"},
                new String[]{"e3@x.com", "Three", null}, new String[]{"e4@x.com", "Four", "4"},
                new String[]{"e5@x.com", "Five", "5"});

        CollectionStore.RecordPage first = collections.records(c, 2, 0, null);
        CollectionStore.RecordPage second = collections.records(c, 2, first.nextAfter(), null);
        CollectionStore.RecordPage third = collections.records(c, 2, second.nextAfter(), null);

        assertThat(emails(first)).containsExactly("e1@x.com", "e2@x.com");
        assertThat(emails(second)).containsExactly("e3@x.com", "e4@x.com");
        assertThat(emails(third)).containsExactly("e5@x.com");
        assertThat(first.nextAfter()).isNotNull();
        assertThat(second.nextAfter()).isNotNull();
        assertThat(third.nextAfter()).isNull();
        assertThat(collections.records(c, 5, 0, null).nextAfter()).as("a page that holds the rest is the last").isNull();

        Map<String, Object> e2 = first.records().get(1);
        assertThat(e2.keySet()).containsExactly("email", "name", "age", "_id", "_import_id", "_created_at", "_updated_at");
        assertThat(e2.get("email")).isEqualTo("e2@x.com");
        assertThat(e2.get("name")).isNull();
        assertThat(e2.get("age")).isEqualTo(2L);
        assertThat(e2.get("_id")).isEqualTo(outcomes.get(1).recordIdOrNull().toString());
        assertThat(e2.get("_import_id")).isEqualTo(JOB_A);
        assertThat((String) e2.get("_created_at")).matches("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{3}Z");
        assertThat(e2.get("_updated_at")).isEqualTo(e2.get("_created_at"));
        assertThat(third.records().get(0).get("_id")).isEqualTo(outcomes.get(4).recordIdOrNull().toString());
        assertThat(collections.recordCount(c)).isEqualTo(5);
    }

    @Test
    void a_record_is_found_by_its_key_and_an_unknown_key_finds_nothing() {
        CollectionSchema c = collections.create(people(false));
        write(c, JOB_A, ConflictPolicy.SKIP, new String[]{"e1@x.com", "One", "1"}, new String[]{"e2@x.com", "Two", "2"},
                new String[]{"e3@x.com", "Three", "3"});

        CollectionStore.RecordPage found = collections.records(c, 10, 0, List.of("e2@x.com"));
        CollectionStore.RecordPage missing = collections.records(c, 10, 0, List.of("E2@x.com"));

        assertThat(emails(found)).containsExactly("e2@x.com");
        assertThat(found.records().get(0).get("name")).isEqualTo("Two");
        assertThat(found.nextAfter()).isNull();
        assertThat(missing.records()).as("keys are case-sensitive unless the collection says otherwise").isEmpty();
        assertThat(missing.nextAfter()).isNull();
    }

    @Test
    void a_record_with_a_composite_key_is_found_by_all_its_key_values() {
        CollectionSchema c = collections.create(stock());
        write(c, JOB_A, ConflictPolicy.SKIP, new String[]{"us", "1", "10"}, new String[]{"us", "2", "20"},
                new String[]{"fr", "1", "30"});

        List<Map<String, Object>> found = collections.records(c, 10, 0, List.of("fr", 1L)).records();

        assertThat(found).hasSize(1);
        assertThat(found.get(0)).containsEntry("country", "fr").containsEntry("code", 1L).containsEntry("qty", 30L);
    }

    private void assertBusy(String collection, int active) {
        assertThatThrownBy(() -> collections.drop(collection))
                .isInstanceOfSatisfying(SluiceException.Conflict.class, e -> {
                    assertThat(e.code()).isEqualTo("collection_busy");
                    assertThat(e.details()).isEqualTo(Map.of("collection", collection));
                })
                .hasMessage("collection '" + collection + "' has " + active
                        + " unfinished import job(s); cancel them or let them finish first");
        assertThat(collections.find(collection)).isPresent();
        assertThatCode(() -> count(collection)).as("the table is still there").doesNotThrowAnyException();
    }

    private int jobSeq = 10;

    private String newJob(String collection, JobState state) {
        String id = Uuid7.at(1_000_000L + jobSeq++).toString();
        jobs.create(new NewJob(id, collection, state, ImportOptions.DEFAULT, "{}", "{}", null, null, null, List.of()));
        return id;
    }

    private long count(String table) {
        return db.read(h -> h.createQuery("SELECT count(*) FROM \"" + table + "\"").mapTo(Long.class).one());
    }

    private static List<Object> emails(CollectionStore.RecordPage page) {
        List<Object> out = new ArrayList<>();
        page.records().forEach(r -> out.add(r.get("email")));
        return out;
    }

    /** Writes rows (cells in field order, lines from 2) through the sink in one transaction. */
    private List<RowOutcome> write(CollectionSchema c, String jobId, ConflictPolicy onConflict, String[]... cells) {
        List<String> columns = c.fields().stream().map(Field::name).toList();
        RowConverter converter = new RowConverter(c, 0, columns, false, ValueFormats.DEFAULT);
        List<ConvertedRow> rows = new ArrayList<>();
        for (int i = 0; i < cells.length; i++) {
            RowConverter.Conversion conversion = converter.convert(new SourceRow.Cells(i + 2, cells[i]));
            assertThat(conversion.failure()).as("row %d converts", i).isNull();
            rows.add(conversion.row());
        }
        return db.write((Handle h) -> {
            try {
                JobWriter writer = sink.forJob(c, jobId, onConflict);
                return writer.write(h.getConnection(), writer.prepare(rows));
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        });
    }
}
