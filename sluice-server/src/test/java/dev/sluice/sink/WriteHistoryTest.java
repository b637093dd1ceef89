package dev.sluice.sink;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class WriteHistoryTest {

    /** Which of {@code chunks} chunks try the fast path when every try is refused. */
    private static List<Integer> triesWhenAlwaysRefused(WriteHistory history, int chunks) {
        List<Integer> tried = new ArrayList<>();
        for (int chunk = 0; chunk < chunks; chunk++) {
            if (history.tryFastPath()) {
                tried.add(chunk);
                history.fastPath(false);
            }
        }
        return tried;
    }

    @Test
    void the_fast_path_is_tried_on_every_chunk_while_it_works() {
        WriteHistory history = new WriteHistory();
        for (int chunk = 0; chunk < 100; chunk++) {
            assertThat(history.tryFastPath()).isTrue();
            history.fastPath(true);
        }
    }

    @Test
    void each_refusal_in_a_row_doubles_the_pause_up_to_64_chunks() {
        assertThat(triesWhenAlwaysRefused(new WriteHistory(), 400))
                .containsExactly(0, 2, 5, 10, 19, 36, 69, 134, 199, 264, 329, 394);
    }

    @Test
    void one_success_after_refusals_resets_the_pause() {
        WriteHistory history = new WriteHistory();
        triesWhenAlwaysRefused(history, 20); // tries at 0, 2, 5, 10, 19: the next pause is 16 chunks
        for (int chunk = 0; chunk < 16; chunk++) {
            assertThat(history.tryFastPath()).isFalse();
        }
        assertThat(history.tryFastPath()).isTrue();
        history.fastPath(true);
        assertThat(triesWhenAlwaysRefused(history, 6)).containsExactly(0, 2, 5);
    }

    @Test
    void the_scan_of_stored_records_pauses_like_the_fast_path_when_it_finds_little() {
        WriteHistory history = new WriteHistory();
        List<Integer> tried = new ArrayList<>();
        for (int chunk = 0; chunk < 12; chunk++) {
            if (history.tryStoredScan()) {
                tried.add(chunk);
                history.storedScan(chunk < 6 ? 2_499 : 2_500, 10_000); // under a quarter found, then a quarter
            }
        }
        assertThat(tried).containsExactly(0, 2, 5, 10, 11);
    }

    @Test
    void neither_unchanged_lookup_is_tried_after_a_chunk_that_was_mostly_changed() {
        WriteHistory history = new WriteHistory();
        assertThat(history.tryUnchangedFirst()).isTrue();
        history.unchanged(2_499, 10_000);
        assertThat(history.tryUnchangedFirst()).isFalse();
        assertThat(history.tryStoredScan()).isFalse();
        history.unchanged(2_500, 10_000);
        assertThat(history.tryStoredScan()).isTrue();
    }
}
