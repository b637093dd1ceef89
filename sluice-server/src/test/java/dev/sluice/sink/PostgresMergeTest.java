package dev.sluice.sink;

import dev.sluice.collection.Collection;
import dev.sluice.collection.Field;
import dev.sluice.collection.FieldType;
import dev.sluice.format.ConvertedRow;
import dev.sluice.format.RowConverter;
import dev.sluice.format.SourceRow;
import dev.sluice.job.ImportOptions.OnConflict;
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

import java.math.BigDecimal;
import java.sql.SQLException;
import java.time.Instant;
import java.time.InstantSource;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What only the PostgreSQL sink has to prove: values of every type survive COPY's text format, a
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

    private static List<ConvertedRow> rows(Collection c, String[]... cells) {
        RowConverter converter = new RowConverter(c, 0, c.fields().stream().map(Field::name).toList(), false);
        List<ConvertedRow> out = new ArrayList<>();
        for (int i = 0; i < cells.length; i++) {
            RowConverter.Conversion conversion = converter.convert(new SourceRow.Cells(2 + i, cells[i]));
            assertThat(conversion.failure()).as("row %d converts", i).isNull();
            out.add(conversion.row());
        }
        return out;
    }

    private List<RowOutcome> write(RecordSink s, Collection c, OnConflict onConflict, List<ConvertedRow> rows) {
        return db.write(h -> {
            try {
                return s.write(h.getConnection(), c, JOB, onConflict, s.prepare(c, onConflict, rows));
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    @Test
    void every_type_survives_the_copy_text_format_and_reads_back_as_its_java_value() {
        Collection c = collections.create(Collection.define("things", List.of(
                new Field("s", FieldType.STRING, true, null), new Field("i", FieldType.INTEGER, false, null),
                new Field("n", FieldType.NUMBER, false, null), new Field("d", FieldType.DECIMAL, false, null),
                new Field("b", FieldType.BOOLEAN, false, null), new Field("day", FieldType.DATE, false, null),
                new Field("at", FieldType.TIMESTAMP, false, null), new Field("u", FieldType.UUID, false, null),
                new Field("j", FieldType.JSON, false, null)), List.of("s"), false));
        String tricky = "tab\there\\back\nnew\rline é \\N";
        List<RowOutcome> out = write(sink, c, OnConflict.SKIP, rows(c,
                new String[]{tricky, "-9223372036854775808", "1.5e300", "12345678901234567890.000001", "true",
                        "2026-02-28", "2026-11-22T10:00:00.123456Z", "0193f5a2-7c1e-7d4b-9a51-3f1c2b9e8d10",
                        "{\"a\":[1,\"x\\ty\"]}"},
                new String[]{"nulls", null, null, null, null, null, null, null, null}));

        assertThat(out).allMatch(o -> o instanceof Created);
        List<Map<String, Object>> records = collections.records(c, 10, 0, null).records();
        assertThat(records.get(0)).containsEntry("s", tricky).containsEntry("i", Long.MIN_VALUE)
                .containsEntry("n", 1.5e300).containsEntry("d", new BigDecimal("12345678901234567890.000001"))
                .containsEntry("b", true).containsEntry("day", LocalDate.parse("2026-02-28"))
                .containsEntry("at", Instant.parse("2026-11-22T10:00:00.123456Z"))
                .containsEntry("u", UUID.fromString("0193f5a2-7c1e-7d4b-9a51-3f1c2b9e8d10"));
        assertThat(records.get(0).get("j")).hasToString("{\"a\":[1,\"x\\ty\"]}");
        assertThat(records.get(1)).containsEntry("s", "nulls").containsEntry("i", null).containsEntry("j", null);
    }

    @Test
    void rows_the_database_refuses_fail_alone_with_write_error_and_the_rest_of_the_chunk_is_written() {
        Collection c = collections.create(Collection.define("people", List.of(
                new Field("email", FieldType.STRING, true, null), new Field("age", FieldType.INTEGER, false, null)),
                List.of("email"), false));
        db.write(h -> h.execute("ALTER TABLE public.people ADD CONSTRAINT adult CHECK (age >= 18)"));

        List<RowOutcome> out = write(sink, c, OnConflict.UPDATE, rows(c, new String[]{"a@x", "30"},
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
    void a_unique_index_beside_the_key_fails_only_the_row_that_repeats_it() {
        Collection c = collections.create(Collection.define("people", List.of(
                new Field("email", FieldType.STRING, true, null), new Field("age", FieldType.INTEGER, false, null)),
                List.of("email"), false));
        db.write(h -> h.execute("CREATE UNIQUE INDEX one_per_age ON public.people (age)"));

        List<RowOutcome> out = write(sink, c, OnConflict.SKIP, rows(c, new String[]{"a@x", "30"},
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
        Collection c = collections.create(Collection.define("people", List.of(
                new Field("email", FieldType.STRING, true, null)), List.of("email"), true));
        UUID ada = write(sink, c, OnConflict.SKIP, rows(c, new String[]{"Ada@x"})).get(0).recordIdOrNull();

        List<RowOutcome> out = write(sink.validating(), c, OnConflict.SKIP,
                rows(c, new String[]{"ADA@X"}, new String[]{"bob@x"}));

        assertThat(out).containsExactly(new Unchanged(ada), new Created(null));
        assertThat(collections.recordCount(c)).isEqualTo(1);
    }
}
