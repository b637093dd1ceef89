package dev.sluice.store;

import dev.sluice.job.RowOutcome;
import dev.sluice.job.RowReport;
import dev.sluice.job.Uuid7;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * What every {@link ResultStore} must do, whatever the database: results are written inside the
 * chunk's transaction and read back exactly (a malformed row's raw text and a row's original file
 * included), in order, filtered and paged by position. A subclass
 * per database supplies the {@link Database}.
 */
abstract class ResultStoreContractTest extends JobDatabaseContract {
    private static final String JOB = Uuid7.at(1_000).toString();
    private static final String OTHER_JOB = Uuid7.at(2_000).toString();
    private static final UUID R1 = UUID.fromString("0193f5a2-7c1e-7d4b-9a51-3f1c2b9e8d10");
    private static final UUID R2 = UUID.fromString("0193f5a2-7c1e-7d4b-9a51-3f1c2b9e8d11");
    private static final UUID R3 = UUID.fromString("0193f5a2-7c1e-7d4b-9a51-3f1c2b9e8d12");

    /** One result of each outcome, over two files, in the order a job would produce them. */
    private static final List<RowReport> MIXED = List.of(
            new RowReport(0, 2, "ada@x.com", new RowOutcome.Created(R1), null),
            new RowReport(0, 3, "bob@x.com", new RowOutcome.Failed("invalid_value", "age", "'abc' is not an integer"),
                    "[\"bob@x.com\",\"Bob\",\"abc\"]"),
            new RowReport(0, 5, "ada@x.com", new RowOutcome.Skipped(new RowOutcome.Position(0, 2), R1), null),
            new RowReport(1, 2, "cy@x.com", new RowOutcome.Updated(R2), null),
            new RowReport(1, 3, "dee@x.com", new RowOutcome.Unchanged(R3), null, null, "first.csv"),
            new RowReport(1, 4, null, new RowOutcome.Failed("malformed_row", null, "has 2 fields, but the header has 3"),
                    "[\"x\",\"y\"]", "x,\"y\r\nstill y\"", null),
            new RowReport(1, 7, "ada@x.com", new RowOutcome.Skipped(new RowOutcome.Position(0, 2), R1), null));

    private ResultStore results;

    @BeforeEach
    void setUp() {
        results = new ResultStore(db);
    }

    private void insert(String jobId, List<RowReport> rows) {
        db.write(h -> {
            try {
                results.insert(h, jobId, rows);
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
            return null;
        });
    }

    private static List<RowReport> rows(List<ResultStore.StoredResult> stored) {
        return stored.stream().map(ResultStore.StoredResult::result).toList();
    }

    @Test
    void results_inserted_in_a_transaction_read_back_exactly_and_in_order() {
        insert(JOB, MIXED);

        List<ResultStore.StoredResult> stored = results.page(JOB, null, null, 0, 100);

        assertThat(rows(stored)).containsExactlyElementsOf(MIXED);
        assertThat(stored).extracting(ResultStore.StoredResult::seq).isSorted().doesNotHaveDuplicates();
    }

    @Test
    void results_of_a_rolled_back_transaction_are_not_kept() {
        assertThatThrownBy(() -> db.write(h -> {
            try {
                results.insert(h, JOB, MIXED);
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
            throw new IllegalStateException("the chunk's transaction fails");
        })).hasMessage("the chunk's transaction fails");

        assertThat(results.page(JOB, null, null, 0, 100)).isEmpty();
    }

    @Test
    void inserting_no_results_stores_nothing() {
        insert(JOB, List.of());

        assertThat(results.page(JOB, null, null, 0, 100)).isEmpty();
    }

    @Test
    void results_are_filtered_by_outcome_and_by_file() {
        insert(JOB, MIXED);

        assertThat(rows(results.page(JOB, "failed", null, 0, 100))).containsExactly(MIXED.get(1), MIXED.get(5));
        assertThat(rows(results.page(JOB, "skipped", null, 0, 100))).containsExactly(MIXED.get(2), MIXED.get(6));
        assertThat(rows(results.page(JOB, null, 1, 0, 100)))
                .containsExactly(MIXED.get(3), MIXED.get(4), MIXED.get(5), MIXED.get(6));
        assertThat(rows(results.page(JOB, "skipped", 1, 0, 100))).containsExactly(MIXED.get(6));
        assertThat(rows(results.page(JOB, "updated", 0, 0, 100))).isEmpty();
    }

    @Test
    void a_page_starts_after_the_position_it_is_given() {
        insert(JOB, MIXED);

        List<ResultStore.StoredResult> first = results.page(JOB, null, null, 0, 3);
        List<ResultStore.StoredResult> second = results.page(JOB, null, null, first.get(2).seq(), 3);
        List<ResultStore.StoredResult> third = results.page(JOB, null, null, second.get(2).seq(), 3);
        List<ResultStore.StoredResult> past = results.page(JOB, null, null, third.get(0).seq(), 3);

        assertThat(rows(first)).containsExactlyElementsOf(MIXED.subList(0, 3));
        assertThat(rows(second)).containsExactlyElementsOf(MIXED.subList(3, 6));
        assertThat(rows(third)).containsExactly(MIXED.get(6));
        assertThat(past).isEmpty();

        List<ResultStore.StoredResult> failed = results.page(JOB, "failed", null, 0, 1);
        assertThat(rows(results.page(JOB, "failed", null, failed.get(0).seq(), 1))).containsExactly(MIXED.get(5));
    }

    @Test
    void results_of_other_jobs_are_never_included() {
        insert(JOB, MIXED.subList(0, 2));
        insert(OTHER_JOB, MIXED.subList(2, 7));
        insert(JOB, MIXED.subList(2, 3));

        assertThat(rows(results.page(JOB, null, null, 0, 100)))
                .containsExactly(MIXED.get(0), MIXED.get(1), MIXED.get(2));
        assertThat(rows(results.page(OTHER_JOB, null, null, 0, 100))).containsExactlyElementsOf(MIXED.subList(2, 7));
    }

    @Test
    void stream_delivers_every_result_in_order_across_many_pages() {
        List<RowReport> many = new ArrayList<>();
        for (int i = 0; i < 12_345; i++) {
            many.add(i % 3 == 0
                    ? new RowReport(0, i + 2, "k" + i, new RowOutcome.Failed("too_long", "name", "is too long"), "[]")
                    : new RowReport(0, i + 2, "k" + i, new RowOutcome.Skipped(new RowOutcome.Position(0, 1), R1), null));
        }
        insert(JOB, many);
        insert(OTHER_JOB, many.subList(0, 10));

        List<ResultStore.StoredResult> all = new ArrayList<>();
        results.stream(JOB, null, null, 0, Long.MAX_VALUE, all::add);
        List<ResultStore.StoredResult> limited = new ArrayList<>();
        results.stream(JOB, null, null, 0, 7_000, limited::add);
        List<ResultStore.StoredResult> after = new ArrayList<>();
        results.stream(JOB, null, null, all.get(99).seq(), 10, after::add);
        List<ResultStore.StoredResult> failed = new ArrayList<>();
        results.stream(JOB, "failed", 0, 0, Long.MAX_VALUE, failed::add);

        assertThat(rows(all)).containsExactlyElementsOf(many);
        assertThat(rows(limited)).containsExactlyElementsOf(many.subList(0, 7_000));
        assertThat(rows(after)).containsExactlyElementsOf(many.subList(100, 110));
        assertThat(failed).hasSize(4_115);
        assertThat(rows(failed)).allMatch(RowReport::failed);
        assertThat(rows(failed).get(4_114)).isEqualTo(many.get(12_342));
    }
}
