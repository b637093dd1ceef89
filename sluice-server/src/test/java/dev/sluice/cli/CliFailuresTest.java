package dev.sluice.cli;

import dev.sluice.client.JobError;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** A job's error names the command line's flags, not the API's parameters (docs/cli.md). */
class CliFailuresTest {

    @Test
    void an_undecodable_file_names_the_encoding_flag() {
        String shown = CliFailures.jobError(new JobError("invalid_encoding", "latin.csv line 2: the source is not"
                + " valid UTF-8 at line 2 (byte 0xEB) and no encoding was given; it is most likely windows-1252:"
                + " pass encoding=windows-1252"));

        assertThat(shown).endsWith("pass --encoding windows-1252").doesNotContain("encoding=");
    }

    @Test
    void a_missed_delimiter_names_the_delimiter_flag_quoted_for_the_shell() {
        String semicolon = CliFailures.jobError(new JobError("unreadable_source",
                "x.csv: the header has one column but its lines hold ';': pass delimiter=;"));
        String tab = CliFailures.jobError(new JobError("unreadable_source",
                "x.csv: the header has one column but its lines hold '\\t': pass delimiter=\\t"));

        assertThat(semicolon).endsWith("pass --delimiter ';'");
        assertThat(tab).endsWith("pass --delimiter '\\t'");
    }
}
