package dev.sluice.sink;

import dev.sluice.collection.CollectionSchema;
import dev.sluice.collection.Field;
import dev.sluice.collection.FieldType;
import dev.sluice.format.ConvertedRow;
import dev.sluice.job.ConflictPolicy;
import dev.sluice.job.RowOutcome;
import dev.sluice.job.Uuid7;
import dev.sluice.store.CollectionStore;
import dev.sluice.store.Database;
import dev.sluice.store.PostgresDialect;
import dev.sluice.store.PostgresTestServer;
import org.jdbi.v3.core.Handle;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.SQLException;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The re-import shortcut on PostgreSQL ({@link PostgresStoredScan}): which rows it decides
 * {@code unchanged} by reading their records back by page, and that every row it leaves comes out of
 * the staged path as it did before, so the outcomes never depend on which path decided them.
 */
class PostgresStoredScanTest {
    private static final String LOAD = Uuid7.at(1_000).toString();
    private static final String AGAIN = Uuid7.at(2_000).toString();

    private Database db;
    private CollectionStore collections;
    private final PostgresDialect dialect = new PostgresDialect("public");

    @BeforeEach
    void open() {
        db = PostgresTestServer.openFresh();
        collections = new CollectionStore(db, InstantSource.fixed(Instant.parse("2026-12-06T10:00:00Z")));
    }

    @AfterEach
    void close() {
        db.close();
    }

    private CollectionSchema create(String name, boolean keyCaseInsensitive) {
        return collections.create(CollectionSchema.define(name, List.of(
                new Field("email", FieldType.STRING, true, null),
                new Field("name", FieldType.STRING, false, null),
                new Field("amount", FieldType.DECIMAL, false, null),
                new Field("data", FieldType.JSON, false, null),
                new Field("seen", FieldType.DATE, false, null)), List.of("email"), keyCaseInsensitive));
    }

    private static List<ConvertedRow> rows(CollectionSchema c, List<String> columns, boolean partial, String[]... cells) {
        return ConvertedRows.of(c, columns, partial, cells);
    }

    private static List<ConvertedRow> rows(CollectionSchema c, String[]... cells) {
        return ConvertedRows.of(c, cells);
    }

    private static String[] row(String... cells) {
        return cells;
    }

    private static List<RowOutcome> write(Handle h, CollectionSchema c, String job, ConflictPolicy rule,
                                          List<ConvertedRow> rows) {
        try {
            JobWriter writer = new PostgresRecordSink("public").forJob(c, job, rule);
            return writer.write(h.getConnection(), writer.prepare(rows));
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** What the scan alone decides for a chunk of {@code rows} under {@code rule}: the rows it found, by index. */
    private List<Integer> scanned(CollectionSchema c, String job, ConflictPolicy rule, List<ConvertedRow> rows,
                                  RowOutcome[] outcomes) {
        return db.write(h -> {
            PreparedRows prepared = new PostgresRecordSink("public").forJob(c, job, rule).prepare(rows);
            int[] candidates = IntStream.range(0, prepared.candidates().length).toArray();
            try {
                BitSet found = new PostgresStoredScan(dialect, c, UUID.fromString(job), new ConflictRule(rule))
                        .setApart(h.getConnection(), prepared, candidates, outcomes);
                return found.stream().map(ord -> prepared.candidates()[ord]).boxed().toList();
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    @Test
    void rows_their_records_hold_byte_for_byte_are_unchanged_with_the_records_ids() {
        CollectionSchema c = create("scan_same", false);
        String[][] cells = {row("a@x.org", "Ada", "1.50", null, "2026-01-02"),
                row("b@x.org", null, "-0.000", null, null), row("c@x.org", "Cy", "123456789012345678901234.5", null, "1999-12-31")};
        List<RowOutcome> created = db.write(h -> write(h, c, LOAD, ConflictPolicy.SKIP, rows(c, cells)));
        RowOutcome[] outcomes = new RowOutcome[cells.length];

        List<Integer> found = scanned(c, AGAIN, ConflictPolicy.UPDATE, rows(c, cells), outcomes);

        assertThat(found).containsExactly(0, 1, 2);
        assertThat(outcomes).allMatch(o -> o instanceof RowOutcome.Unchanged);
        assertThat(Arrays.stream(outcomes).map(RowOutcome::recordIdOrNull).toList())
                .isEqualTo(created.stream().map(RowOutcome::recordIdOrNull).toList());
    }

    @Test
    void a_changed_value_another_scale_or_json_text_is_left_to_the_staged_path_which_decides_as_before() {
        CollectionSchema c = create("scan_left", false);
        db.write(h -> write(h, c, LOAD, ConflictPolicy.SKIP, rows(c,
                row("a@x.org", "Ada", "1.00", null, null), row("b@x.org", "Bob", "2.5", null, null),
                row("c@x.org", "Cy", null, "{\"k\": 1}", null), row("d@x.org", "Dee", null, null, "2026-01-02"))));
        String[][] again = {row("a@x.org", "Ada", "1.0", null, null), row("b@x.org", "Bobby", "2.5", null, null),
                row("c@x.org", "Cy", null, "{\"k\":1}", null), row("d@x.org", "Dee", null, null, "2026-01-02")};

        List<Integer> found = scanned(c, AGAIN, ConflictPolicy.UPDATE, rows(c, again), new RowOutcome[again.length]);
        List<RowOutcome> outcomes = db.write(h -> write(h, c, AGAIN, ConflictPolicy.UPDATE, rows(c, again)));

        // 1.0 is not 1.00 (their text differs, as the record reads back); a JSON value is held as compact
        // text and jsonb reads back in PostgreSQL's own formatting, so only the staged comparison can tell
        assertThat(found).containsExactly(3);
        assertThat(outcomes).extracting(RowOutcome::wireName).containsExactly("updated", "updated", "unchanged", "unchanged");
    }

    @Test
    void a_record_this_job_wrote_is_never_unchanged_by_the_scan() {
        CollectionSchema c = create("scan_own", false);
        db.write(h -> write(h, c, LOAD, ConflictPolicy.SKIP, rows(c, row("a@x.org", "Ada", null, null, null))));
        db.write(h -> write(h, c, AGAIN, ConflictPolicy.UPDATE, rows(c, row("a@x.org", "Ada B", null, null, null))));

        List<Integer> found = scanned(c, AGAIN, ConflictPolicy.UPDATE, rows(c, row("a@x.org", "Ada B", null, null, null)),
                new RowOutcome[1]);
        List<RowOutcome> outcomes = db.write(h -> write(h, c, AGAIN, ConflictPolicy.UPDATE,
                rows(c, row("a@x.org", "Ada B", null, null, null))));

        assertThat(found).isEmpty();
        assertThat(outcomes).extracting(RowOutcome::wireName).containsExactly("updated");
    }

    @Test
    void merge_compares_only_the_fields_a_row_carries() {
        CollectionSchema c = create("scan_merge", false);
        db.write(h -> write(h, c, LOAD, ConflictPolicy.SKIP, rows(c,
                row("a@x.org", "Ada", "1.5", null, "2026-01-02"), row("b@x.org", "Bob", "2", null, null))));
        List<String> columns = List.of("email", "name");

        List<Integer> found = scanned(c, AGAIN, ConflictPolicy.MERGE,
                rows(c, columns, true, row("a@x.org", "Ada"), row("b@x.org", "Bobby")), new RowOutcome[2]);
        List<RowOutcome> outcomes = db.write(h -> write(h, c, AGAIN, ConflictPolicy.MERGE,
                rows(c, columns, true, row("a@x.org", "Ada"), row("b@x.org", "Bobby"))));

        assertThat(found).containsExactly(0);
        assertThat(outcomes).extracting(RowOutcome::wireName).containsExactly("unchanged", "updated");
    }

    @Test
    void a_key_in_other_case_under_a_case_insensitive_key_is_left_to_the_staged_path() {
        CollectionSchema c = create("scan_case", true);
        db.write(h -> write(h, c, LOAD, ConflictPolicy.SKIP, rows(c,
                row("Ada@X.org", "Ada", null, null, null), row("bob@x.org", "Bob", null, null, null))));
        String[][] again = {row("ada@x.org", "Ada", null, null, null), row("bob@x.org", "Bob", null, null, null)};

        List<Integer> found = scanned(c, AGAIN, ConflictPolicy.UPDATE, rows(c, again), new RowOutcome[2]);
        List<RowOutcome> outcomes = db.write(h -> write(h, c, AGAIN, ConflictPolicy.UPDATE, rows(c, again)));

        assertThat(found).containsExactly(1);
        // the key's text is a field too: the record now holds the file's spelling
        assertThat(outcomes).extracting(RowOutcome::wireName).containsExactly("updated", "unchanged");
    }

    @Test
    void a_chunk_in_another_order_than_the_load_still_gets_the_same_outcomes() {
        CollectionSchema c = create("scan_order", false);
        String[][] cells = IntStream.range(0, 3_000).mapToObj(i -> row("u" + i + "@x.org", "N" + i, i + ".25", null, null))
                .toArray(String[][]::new);
        for (int from = 0; from < cells.length; from += 1_000) {
            String[][] chunk = Arrays.copyOfRange(cells, from, from + 1_000);
            db.write(h -> write(h, c, LOAD, ConflictPolicy.SKIP, rows(c, chunk)));
        }
        String[][] shuffled = cells.clone();
        java.util.Collections.shuffle(Arrays.asList(shuffled), new java.util.Random(7));
        shuffled[10] = row(shuffled[10][0], "changed", shuffled[10][2], null, null);
        String[][] inOrder = Arrays.copyOfRange(cells, 1_000, 2_000);

        List<Integer> foundInOrder = scanned(c, AGAIN, ConflictPolicy.UPDATE, rows(c, inOrder), new RowOutcome[1_000]);
        List<RowOutcome> outcomes = db.write(h -> write(h, c, AGAIN, ConflictPolicy.UPDATE, rows(c, shuffled)));

        assertThat(foundInOrder).as("a chunk in the load's order is found by its pages").hasSizeGreaterThan(990);
        assertThat(outcomes.stream().filter(o -> o instanceof RowOutcome.Unchanged).count()).isEqualTo(2_999);
        assertThat(outcomes.get(10)).isInstanceOf(RowOutcome.Updated.class);
    }

    @Test
    void records_far_larger_than_their_pages_are_read_only_up_to_a_budget_of_the_chunk_s_size() {
        CollectionSchema c = create("scan_budget", false);
        String large = "x".repeat(600_000); // compressed out of line: a few bytes on the page, 600 kB read back
        String[][] load = {row("a@x.org", "Ada", null, null, null), row("big1@x.org", large, null, null, null),
                row("big2@x.org", large, null, null, null), row("z@x.org", "Zoe", null, null, null)};
        db.write(h -> write(h, c, LOAD, ConflictPolicy.SKIP, rows(c, load)));
        String[][] again = {load[0], load[3]};

        // two small rows allow about 1 MB: Ada's record and the first large one fit, the second large one
        // does not, and nothing after it is kept, so Zoe's record (within the scan's limit) is not seen
        List<Integer> found = scanned(c, AGAIN, ConflictPolicy.UPDATE, rows(c, again), new RowOutcome[2]);
        List<RowOutcome> outcomes = db.write(h -> write(h, c, AGAIN, ConflictPolicy.UPDATE, rows(c, again)));

        assertThat(found).containsExactly(0);
        assertThat(outcomes).extracting(RowOutcome::wireName).containsExactly("unchanged", "unchanged");
    }
}
