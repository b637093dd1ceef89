package dev.sluice.sink;

import dev.sluice.job.ConflictPolicy;
import dev.sluice.job.RowOutcome;
import dev.sluice.job.RowOutcome.Created;
import dev.sluice.job.RowOutcome.Failed;
import dev.sluice.job.RowOutcome.Position;
import dev.sluice.job.RowOutcome.Skipped;
import dev.sluice.job.RowOutcome.Unchanged;
import dev.sluice.job.RowOutcome.Updated;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The outcome table of docs/concepts.md ("Row outcomes"), every cell: each policy, with or without
 * a record from before the job, with or without an earlier row of the job.
 */
class ConflictRuleTest {
    private static final UUID RECORD = UUID.fromString("018f0000-0000-7000-8000-000000000001");
    private static final Position EARLIER = new Position(1, 7);
    private static final String EXISTS = "a record with this key already exists (" + RECORD + ")";
    private static final String APPEARED = "key already appeared at line 7 of this import";

    /**
     * One cell: the policy, whether a record predates the job, whether an earlier row had the key,
     * whether the record already holds the row's values, and the answer.
     */
    private record Cell(ConflictPolicy policy, boolean before, boolean earlier, boolean same, RowOutcome expected) {
        Cell(ConflictPolicy policy, boolean before, boolean earlier, RowOutcome expected) {
            this(policy, before, earlier, false, expected);
        }

        ConflictRule.Met met() {
            return new ConflictRule.Met(before, earlier ? EARLIER : null, RECORD, same, null);
        }
    }

    private static final List<Cell> TABLE = List.of(
            new Cell(ConflictPolicy.SKIP, false, false, new Created(RECORD)),
            new Cell(ConflictPolicy.SKIP, false, true, new Skipped(EARLIER, RECORD)),
            new Cell(ConflictPolicy.SKIP, true, false, new Unchanged(RECORD)),
            new Cell(ConflictPolicy.SKIP, true, true, new Unchanged(RECORD)),
            new Cell(ConflictPolicy.UPDATE, false, false, new Created(RECORD)),
            new Cell(ConflictPolicy.UPDATE, false, true, new Updated(RECORD)),
            new Cell(ConflictPolicy.UPDATE, true, false, new Updated(RECORD)),
            new Cell(ConflictPolicy.UPDATE, true, true, new Updated(RECORD)),
            new Cell(ConflictPolicy.FAIL, false, false, new Created(RECORD)),
            new Cell(ConflictPolicy.FAIL, false, true, new Failed("duplicate_key", null, APPEARED)),
            new Cell(ConflictPolicy.FAIL, true, false, new Failed("duplicate_key", null, EXISTS)),
            new Cell(ConflictPolicy.FAIL, true, true, new Failed("duplicate_key", null, EXISTS)),
            new Cell(ConflictPolicy.MERGE, false, false, new Created(RECORD)),
            new Cell(ConflictPolicy.MERGE, false, true, new Updated(RECORD)),
            new Cell(ConflictPolicy.MERGE, true, false, new Updated(RECORD)),
            new Cell(ConflictPolicy.MERGE, true, true, new Updated(RECORD)),
            // the record already holds the row's values: only a record from before the job is left unchanged
            new Cell(ConflictPolicy.SKIP, true, false, true, new Unchanged(RECORD)),
            new Cell(ConflictPolicy.SKIP, false, true, true, new Skipped(EARLIER, RECORD)),
            new Cell(ConflictPolicy.UPDATE, true, false, true, new Unchanged(RECORD)),
            new Cell(ConflictPolicy.UPDATE, false, true, true, new Updated(RECORD)),
            new Cell(ConflictPolicy.MERGE, true, false, true, new Unchanged(RECORD)),
            new Cell(ConflictPolicy.MERGE, false, true, true, new Updated(RECORD)),
            new Cell(ConflictPolicy.FAIL, true, false, true, new Failed("duplicate_key", null, EXISTS)));

    @Test
    void the_table_covers_every_policy_with_and_without_a_prior_record_and_an_earlier_row() {
        List<String> covered = new ArrayList<>();
        for (Cell cell : TABLE) {
            if (!cell.same()) {
                covered.add(cell.policy() + "/" + cell.before() + "/" + cell.earlier());
            }
        }
        List<String> all = new ArrayList<>();
        for (ConflictPolicy policy : ConflictPolicy.values()) {
            for (boolean before : new boolean[]{false, true}) {
                for (boolean earlier : new boolean[]{false, true}) {
                    all.add(policy + "/" + before + "/" + earlier);
                }
            }
        }
        assertThat(covered).containsExactlyInAnyOrderElementsOf(all);
    }

    @Test
    void every_cell_of_the_table_decides_as_the_docs_say() {
        for (Cell cell : TABLE) {
            assertThat(new ConflictRule(cell.policy()).decide(cell.met()))
                    .as("%s, record before the job: %s, earlier row of the job: %s, same values: %s",
                            cell.policy(), cell.before(), cell.earlier(), cell.same())
                    .isEqualTo(cell.expected());
        }
    }

    @Test
    void a_row_that_makes_no_record_is_created_without_an_id() {
        for (ConflictPolicy policy : ConflictPolicy.values()) {
            assertThat(new ConflictRule(policy).decide(ConflictRule.Met.nothing(null))).isEqualTo(new Created(null));
        }
    }

    @Test
    void a_record_this_job_wrote_is_an_earlier_row_at_its_stored_position_and_another_jobs_is_a_record_before() {
        long writtenAt = RecordSink.position(1, 7);
        assertThat(ConflictRule.Met.record(RECORD, true, writtenAt))
                .isEqualTo(ConflictRule.Met.earlierRow(EARLIER, RECORD));
        assertThat(ConflictRule.Met.record(RECORD, false, writtenAt))
                .isEqualTo(ConflictRule.Met.recordBeforeJob(RECORD));
    }

    @Test
    void a_merged_row_without_a_required_field_fails_on_a_new_key_and_updates_an_existing_record() {
        ConflictRule merge = new ConflictRule(ConflictPolicy.MERGE);
        assertThat(merge.decide(ConflictRule.Met.nothing(RECORD).absentRequired("name")))
                .isEqualTo(new Failed("missing_required", "name", "is required but the source has no name"));
        assertThat(merge.decide(ConflictRule.Met.recordBeforeJob(RECORD).absentRequired("name")))
                .isEqualTo(new Updated(RECORD));
        assertThat(merge.decide(ConflictRule.Met.earlierRow(EARLIER, RECORD).absentRequired("name")))
                .isEqualTo(new Updated(RECORD));
    }

    @Test
    void only_update_and_merge_send_a_row_whose_key_is_taken_to_the_database() {
        assertThat(new ConflictRule(ConflictPolicy.UPDATE).overwrites()).isTrue();
        assertThat(new ConflictRule(ConflictPolicy.MERGE).overwrites()).isTrue();
        assertThat(new ConflictRule(ConflictPolicy.SKIP).overwrites()).isFalse();
        assertThat(new ConflictRule(ConflictPolicy.FAIL).overwrites()).isFalse();
    }
}
