package dev.sluice.sink;

import dev.sluice.collection.CollectionSchema;
import dev.sluice.collection.Field;
import dev.sluice.collection.FieldType;
import dev.sluice.format.ConvertedRow;
import dev.sluice.job.ConflictPolicy;
import dev.sluice.job.RowOutcome;
import dev.sluice.job.RowOutcome.Created;
import dev.sluice.job.RowOutcome.Unchanged;
import dev.sluice.job.Uuid7;
import dev.sluice.store.CollectionStore;
import dev.sluice.store.Database;
import dev.sluice.store.PostgresTestServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.math.BigDecimal;
import java.sql.SQLException;
import java.time.Instant;
import java.time.InstantSource;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What only the PostgreSQL sink has to prove: values of every type survive COPY's binary format on
 * both paths (straight into the table, and through the staging table and merge), a
 * row the database refuses fails alone with {@code write_error}, and validation writes nothing.
 */
class PostgresMergeTest {
    private static final String JOB = Uuid7.at(1_000).toString();

    private Database db;
    private CollectionStore collections;
    private final RecordSink sink = new PostgresRecordSink("public");

    @BeforeEach
    void open() {
        db = PostgresTestServer.openFresh();
        collections = new CollectionStore(db, InstantSource.fixed(Instant.parse("2026-11-22T10:00:00Z")));
    }

    @AfterEach
    void close() {
        db.close();
    }

    private static List<ConvertedRow> rows(CollectionSchema c, String[]... cells) {
        return ConvertedRows.of(c, cells);
    }

    private List<RowOutcome> write(RecordSink s, CollectionSchema c, ConflictPolicy onConflict, List<ConvertedRow> rows) {
        return db.write(h -> {
            try {
                JobWriter writer = s.forJob(c, JOB, onConflict);
                return writer.write(h.getConnection(), writer.prepare(rows));
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    /** A chunk written by the direct COPY (all keys new) or, with a repeated key under update, by the merge. */
    private List<Map<String, Object>> writeAndReadBack(CollectionSchema c, boolean viaMerge, String[]... cells) {
        String[][] chunk = cells;
        if (viaMerge) {
            chunk = java.util.Arrays.copyOf(cells, cells.length + 1);
            chunk[cells.length] = cells[0]; // one statement cannot change a row twice: a second pass, so a merge
        }
        List<RowOutcome> out = write(sink, c, ConflictPolicy.UPDATE, rows(c, chunk));
        assertThat(out.subList(0, cells.length)).allMatch(o -> o instanceof Created);
        assertThat(stagingTables()).as("staging tables").isEqualTo(viaMerge ? 1 : 0);
        return collections.records(c, 10_000, 0, null).records();
    }

    private long stagingTables() {
        return db.read(h -> h.createQuery("SELECT count(*) FROM pg_class WHERE relname LIKE '\\_sluice\\_stage\\_%'")
                .mapTo(Long.class).one());
    }

    @ParameterizedTest(name = "via merge: {0}")
    @ValueSource(booleans = {false, true})
    void every_type_survives_the_binary_copy_format_and_reads_back_as_its_java_value(boolean viaMerge) {
        CollectionSchema c = collections.create(CollectionSchema.define("things", List.of(
                new Field("s", FieldType.STRING, true, null), new Field("i", FieldType.INTEGER, false, null),
                new Field("n", FieldType.NUMBER, false, null), new Field("d", FieldType.DECIMAL, false, null),
                new Field("b", FieldType.BOOLEAN, false, null), new Field("day", FieldType.DATE, false, null),
                new Field("at", FieldType.TIMESTAMP, false, null), new Field("u", FieldType.UUID, false, null),
                new Field("j", FieldType.JSON, false, null)), List.of("s"), false));
        String tricky = "tab\there\\back\nnew\rline é 😀 \\N";
        List<Map<String, Object>> records = writeAndReadBack(c, viaMerge,
                new String[]{tricky, "-9223372036854775808", "1.5e300", "12345678901234567890.000001", "true",
                        "2026-02-28", "2026-11-22T10:00:00.123456Z", "0193f5a2-7c1e-7d4b-9a51-3f1c2b9e8d10",
                        "{\"a\":[1,\"x\\ty\"]}"},
                new String[]{"edges", "9223372036854775807", "-0.0", "-0.00001234", "false", "0001-01-01",
                        "1969-12-31T23:59:59.999999Z", "00000000-0000-0000-0000-000000000000", "[]"},
                new String[]{"nulls", null, null, null, null, null, null, null, null});

        assertThat(records.get(0)).containsEntry("s", tricky).containsEntry("i", Long.MIN_VALUE)
                .containsEntry("n", 1.5e300).containsEntry("d", new BigDecimal("12345678901234567890.000001"))
                .containsEntry("b", true).containsEntry("day", LocalDate.parse("2026-02-28"))
                .containsEntry("at", Instant.parse("2026-11-22T10:00:00.123456Z"))
                .containsEntry("u", UUID.fromString("0193f5a2-7c1e-7d4b-9a51-3f1c2b9e8d10"));
        assertThat(records.get(0).get("j")).hasToString("{\"a\":[1,\"x\\ty\"]}");
        assertThat(records.get(1)).containsEntry("i", Long.MAX_VALUE).containsEntry("n", -0.0)
                .containsEntry("d", new BigDecimal("-0.00001234")).containsEntry("b", false)
                .containsEntry("day", LocalDate.parse("0001-01-01"))
                .containsEntry("at", Instant.parse("1969-12-31T23:59:59.999999Z"))
                .containsEntry("u", new UUID(0, 0));
        assertThat(records.get(1).get("j")).hasToString("[]");
        assertThat(records.get(2)).containsEntry("s", "nulls").containsEntry("i", null).containsEntry("d", null)
                .containsEntry("j", null);
    }

    @ParameterizedTest(name = "via merge: {0}")
    @ValueSource(booleans = {false, true})
    void decimals_keep_their_value_and_scale_in_the_binary_format(boolean viaMerge) {
        CollectionSchema c = collections.create(CollectionSchema.define("amounts", List.of(
                new Field("k", FieldType.INTEGER, true, null), new Field("d", FieldType.DECIMAL, false, null)),
                List.of("k"), false));
        List<String> decimals = List.of("0", "0.00", "-0.0", "1", "-1", "9999", "10000", "10000.0001", "0.0001",
                "0.00001234", "5610.40", "-5610.4", "99999999.9999", "123456789012345", "-999999999999999",
                "1234567890123456", "123456789.123456789", "1e20", "-1.5e-20", "1E+3", "1e1000", "1e-16383",
                "-12345678901234567890123456789.98765432109876543210");
        String[][] cells = new String[decimals.size()][];
        for (int r = 0; r < cells.length; r++) {
            cells[r] = new String[]{Integer.toString(r), decimals.get(r)};
        }

        List<Map<String, Object>> records = writeAndReadBack(c, viaMerge, cells);

        for (Map<String, Object> record : records) {
            BigDecimal written = new BigDecimal(decimals.get(((Long) record.get("k")).intValue()));
            BigDecimal expected = written.scale() < 0 ? written.setScale(0) : written;
            assertThat(record.get("d")).as("decimal %s", written).isEqualTo(expected);
        }
    }

    @Test
    void rows_the_database_refuses_fail_alone_with_write_error_and_the_rest_of_the_chunk_is_written() {
        CollectionSchema c = collections.create(CollectionSchema.define("people", List.of(
                new Field("email", FieldType.STRING, true, null), new Field("age", FieldType.INTEGER, false, null)),
                List.of("email"), false));
        db.write(h -> h.execute("ALTER TABLE public.people ADD CONSTRAINT adult CHECK (age >= 18)"));

        List<RowOutcome> out = write(sink, c, ConflictPolicy.UPDATE, rows(c, new String[]{"a@x", "30"},
                new String[]{"b@x", "3"}, new String[]{"c@x", "40"}, new String[]{"d@x\u0000", "50"},
                new String[]{"e@x", "60"}));

        assertThat(out.get(0)).isInstanceOf(Created.class);
        assertThat(out.get(1)).isInstanceOfSatisfying(RowOutcome.Failed.class, f -> {
            assertThat(f.code()).isEqualTo("write_error");
            assertThat(f.message()).contains("adult");
        });
        assertThat(out.get(2)).isInstanceOf(Created.class);
        assertThat(out.get(3)).isInstanceOfSatisfying(RowOutcome.Failed.class,
                f -> assertThat(f.code()).isEqualTo("write_error"));
        assertThat(out.get(4)).isInstanceOf(Created.class);
        assertThat(collections.recordCount(c)).isEqualTo(3);
    }

    @Test
    void a_row_a_trigger_drops_fails_with_write_error_and_is_not_reported_created() {
        CollectionSchema c = collections.create(CollectionSchema.define("people", List.of(
                new Field("email", FieldType.STRING, true, null), new Field("age", FieldType.INTEGER, false, null)),
                List.of("email"), false));
        db.write(h -> h.execute("CREATE FUNCTION public.drop_minors() RETURNS trigger AS $$"
                + " BEGIN IF NEW.age < 18 THEN RETURN NULL; END IF; RETURN NEW; END $$ LANGUAGE plpgsql"));
        db.write(h -> h.execute("CREATE TRIGGER drop_minors BEFORE INSERT ON public.people"
                + " FOR EACH ROW EXECUTE FUNCTION public.drop_minors()"));

        List<RowOutcome> out = write(sink, c, ConflictPolicy.SKIP, rows(c, new String[]{"a@x", "30"},
                new String[]{"b@x", "3"}, new String[]{"c@x", "40"}));

        assertThat(out.get(0)).isInstanceOf(Created.class);
        assertThat(out.get(1)).isInstanceOfSatisfying(RowOutcome.Failed.class, f -> {
            assertThat(f.code()).isEqualTo("write_error");
            assertThat(f.message()).contains("trigger");
        });
        assertThat(out.get(2)).isInstanceOf(Created.class);
        assertThat(collections.recordCount(c)).isEqualTo(2);
    }

    @Test
    void under_update_a_row_a_trigger_drops_fails_with_write_error_even_when_its_key_exists() {
        CollectionSchema c = collections.create(CollectionSchema.define("people", List.of(
                new Field("email", FieldType.STRING, true, null), new Field("age", FieldType.INTEGER, false, null)),
                List.of("email"), false));
        write(sink, c, ConflictPolicy.UPDATE, rows(c, new String[]{"a@x", "30"}, new String[]{"b@x", "31"}));
        db.write(h -> h.execute("CREATE FUNCTION public.drop_minors() RETURNS trigger AS $$"
                + " BEGIN IF NEW.age < 18 THEN RETURN NULL; END IF; RETURN NEW; END $$ LANGUAGE plpgsql"));
        db.write(h -> h.execute("CREATE TRIGGER drop_minors BEFORE INSERT ON public.people"
                + " FOR EACH ROW EXECUTE FUNCTION public.drop_minors()"));

        List<RowOutcome> out = write(sink, c, ConflictPolicy.UPDATE, rows(c, new String[]{"a@x", "40"},
                new String[]{"b@x", "3"}, new String[]{"a@x", "41"}));

        assertThat(out.get(0)).isInstanceOf(RowOutcome.Updated.class);
        assertThat(out.get(1)).isInstanceOfSatisfying(RowOutcome.Failed.class, f -> {
            assertThat(f.code()).isEqualTo("write_error");
            assertThat(f.message()).contains("trigger");
        });
        assertThat(out.get(2)).isInstanceOf(RowOutcome.Updated.class);
    }

    @Test
    void a_unique_index_beside_the_key_fails_only_the_row_that_repeats_it() {
        CollectionSchema c = collections.create(CollectionSchema.define("people", List.of(
                new Field("email", FieldType.STRING, true, null), new Field("age", FieldType.INTEGER, false, null)),
                List.of("email"), false));
        db.write(h -> h.execute("CREATE UNIQUE INDEX one_per_age ON public.people (age)"));

        List<RowOutcome> out = write(sink, c, ConflictPolicy.SKIP, rows(c, new String[]{"a@x", "30"},
                new String[]{"b@x", "31"}, new String[]{"c@x", "30"}, new String[]{"a@x", "99"}));

        assertThat(out.get(0)).isInstanceOf(Created.class);
        assertThat(out.get(1)).isInstanceOf(Created.class);
        assertThat(out.get(2)).isInstanceOfSatisfying(RowOutcome.Failed.class, f -> {
            assertThat(f.code()).isEqualTo("write_error");
            assertThat(f.message()).contains("one_per_age");
        });
        assertThat(out.get(3)).isEqualTo(new RowOutcome.Skipped(new RowOutcome.Position(0, 2), out.get(0).recordIdOrNull()));
        assertThat(collections.recordCount(c)).isEqualTo(2);
    }

    @Test
    void validation_decides_outcomes_against_the_table_and_writes_no_record() {
        CollectionSchema c = collections.create(CollectionSchema.define("people", List.of(
                new Field("email", FieldType.STRING, true, null)), List.of("email"), true));
        UUID ada = write(sink, c, ConflictPolicy.SKIP, rows(c, new String[]{"Ada@x"})).get(0).recordIdOrNull();

        List<RowOutcome> out = write(sink.validating(), c, ConflictPolicy.SKIP,
                rows(c, new String[]{"ADA@X"}, new String[]{"bob@x"}));

        assertThat(out).containsExactly(new Unchanged(ada), new Created(null));
        assertThat(collections.recordCount(c)).isEqualTo(1);
    }
}
