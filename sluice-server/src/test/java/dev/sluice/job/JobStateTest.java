package dev.sluice.job;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

import static dev.sluice.job.JobState.CANCELLED;
import static dev.sluice.job.JobState.COMPLETED;
import static dev.sluice.job.JobState.COMPLETED_WITH_ERRORS;
import static dev.sluice.job.JobState.FAILED;
import static dev.sluice.job.JobState.OPEN;
import static dev.sluice.job.JobState.QUEUED;
import static dev.sluice.job.JobState.RUNNING;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class JobStateTest {

    /** docs/concepts.md "Import jobs", written out independently of the enum's own table. */
    private static final Map<JobState, Set<JobState>> DESIGN = Map.of(
            OPEN, EnumSet.of(QUEUED, CANCELLED),
            QUEUED, EnumSet.of(RUNNING, CANCELLED, FAILED),
            RUNNING, EnumSet.of(QUEUED, COMPLETED, COMPLETED_WITH_ERRORS, FAILED, CANCELLED),
            COMPLETED, EnumSet.noneOf(JobState.class),
            COMPLETED_WITH_ERRORS, EnumSet.noneOf(JobState.class),
            FAILED, EnumSet.noneOf(JobState.class),
            CANCELLED, EnumSet.noneOf(JobState.class));

    @Test
    void every_pair_of_states_is_allowed_exactly_when_the_design_table_allows_it() {
        for (JobState from : JobState.values()) {
            for (JobState to : JobState.values()) {
                assertThat(from.canMoveTo(to))
                        .as("%s -> %s", from.wireName(), to.wireName())
                        .isEqualTo(DESIGN.get(from).contains(to));
            }
        }
    }

    @Test
    void allowed_moves_return_the_new_state() {
        for (JobState from : JobState.values()) {
            for (JobState to : DESIGN.get(from)) {
                assertThat(from.moveTo(to)).isSameAs(to);
            }
        }
    }

    @Test
    void exactly_the_four_end_states_are_terminal() {
        EnumSet<JobState> terminal = EnumSet.noneOf(JobState.class);
        for (JobState s : JobState.values()) {
            if (s.isTerminal()) {
                terminal.add(s);
            }
        }
        assertThat(terminal).containsExactlyInAnyOrder(COMPLETED, COMPLETED_WITH_ERRORS, FAILED, CANCELLED);
    }

    @ParameterizedTest
    @EnumSource(value = JobState.class, names = {"COMPLETED", "COMPLETED_WITH_ERRORS", "FAILED", "CANCELLED"})
    void a_terminal_state_never_moves_not_even_to_itself(JobState terminal) {
        for (JobState to : JobState.values()) {
            assertThat(terminal.canMoveTo(to)).as("%s -> %s", terminal, to).isFalse();
            assertThatThrownBy(() -> terminal.moveTo(to))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessage("a job cannot move from " + terminal.wireName() + " to " + to.wireName());
        }
    }

    @Test
    void an_illegal_move_names_both_states_by_their_wire_names() {
        assertThatThrownBy(() -> COMPLETED_WITH_ERRORS.moveTo(RUNNING))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("a job cannot move from completed_with_errors to running");
        assertThatThrownBy(() -> OPEN.moveTo(RUNNING))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("a job cannot move from open to running");
        assertThatThrownBy(() -> QUEUED.moveTo(QUEUED))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("a job cannot move from queued to queued");
    }

    @Test
    void running_may_go_back_to_queued_when_its_node_dies() {
        assertThat(RUNNING.canMoveTo(QUEUED)).isTrue();
        assertThat(QUEUED.canMoveTo(OPEN)).isFalse();
    }

    @Test
    void sources_of_a_state_are_the_states_that_may_move_to_it() {
        assertThat(JobState.sourcesOf(QUEUED)).containsExactlyInAnyOrder(OPEN, RUNNING);
        assertThat(JobState.sourcesOf(RUNNING)).containsExactly(QUEUED);
        assertThat(JobState.sourcesOf(CANCELLED)).containsExactlyInAnyOrder(OPEN, QUEUED, RUNNING);
        assertThat(JobState.sourcesOf(FAILED)).containsExactlyInAnyOrder(QUEUED, RUNNING);
        assertThat(JobState.sourcesOf(COMPLETED)).containsExactly(RUNNING);
        assertThat(JobState.sourcesOf(OPEN)).isEmpty();
    }

    @Test
    void wire_names_are_lower_case_and_read_back() {
        assertThat(COMPLETED_WITH_ERRORS.wireName()).isEqualTo("completed_with_errors");
        for (JobState s : JobState.values()) {
            assertThat(JobState.fromWireName(s.wireName())).isSameAs(s);
        }
        assertThat(JobState.fromWireName("COMPLETED")).isNull();
        assertThat(JobState.fromWireName("done")).isNull();
        assertThat(JobState.fromWireName(null)).isNull();
    }
}
