package dev.sluice.job;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RowOutcomeTest {

    @Test
    void a_failure_message_quoting_a_huge_value_is_cut_so_that_storing_it_cannot_fail() {
        String huge = "'" + "9".repeat(5_000_000) + "' is not an integer";

        RowOutcome.Failed failed = new RowOutcome.Failed("invalid_value", "age", huge);

        assertThat(failed.message()).hasSize(RowOutcome.Failed.MAX_MESSAGE + "… (cut)".length())
                .startsWith("'999").endsWith("… (cut)");
    }

    @Test
    void an_ordinary_message_is_kept_as_it_is() {
        assertThat(new RowOutcome.Failed("invalid_value", "age", "'abc' is not an integer").message())
                .isEqualTo("'abc' is not an integer");
    }
}
