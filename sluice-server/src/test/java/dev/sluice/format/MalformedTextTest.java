package dev.sluice.format;

import dev.sluice.job.SourceFormat;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import static dev.sluice.format.Sources.readAll;
import static dev.sluice.format.Sources.utf8;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A malformed record keeps its text as written ({@link SourceRow.Malformed#text}), for the results'
 * {@code raw} (docs/http-api.md#per-row-results): exact however far the CSV parser reads ahead, and
 * of a record longer than the limit only its start, marked as cut.
 */
class MalformedTextTest {

    private static RowReader csv(String text, RecordLimit limit) throws IOException {
        return Readers.open(new ByteArrayInputStream(utf8(text)), SourceFormat.CSV, Dialect.DEFAULT, limit);
    }

    @Test
    void every_malformed_record_of_a_long_file_keeps_exactly_its_lines_whatever_the_parser_read_ahead()
            throws IOException {
        StringBuilder file = new StringBuilder("id,name,note\n");
        List<String> expected = new ArrayList<>();
        for (int i = 1; i <= 60_000; i++) {
            String record;
            if (i % 997 == 0) {
                record = i + ",\"multi\r\nline " + "x".repeat(i % 300) + "\",note,extra";
                expected.add(record);
            } else if (i % 1_013 == 0) {
                record = i + ",ragged";
                expected.add(record);
            } else {
                record = i + ",name " + i + ",\"a note, " + "y".repeat(i % 50) + "\"";
            }
            file.append(record).append(i % 2 == 0 ? "\r\n" : "\n");
        }

        List<SourceRow> rows = readAll(csv(file.toString(), RecordLimit.DEFAULT));

        assertThat(rows).hasSize(60_000);
        assertThat(rows).filteredOn(r -> r instanceof SourceRow.Malformed)
                .extracting(r -> ((SourceRow.Malformed) r).text()).containsExactlyElementsOf(expected);
    }

    @Test
    void a_record_longer_than_the_limit_keeps_only_its_start_marked_as_cut() throws IOException {
        String tooLong = "2,\"" + "z".repeat(5_000) + "\"";

        List<SourceRow> rows = readAll(csv("id,name\n1,a\n" + tooLong + "\n3,c,extra\n", new RecordLimit(3_000)));

        assertThat(rows).hasSize(3);
        SourceRow.Malformed cut = (SourceRow.Malformed) rows.get(1);
        assertThat(cut.message()).isEqualTo("is longer than 3000 bytes (--max-record-bytes)");
        assertThat(cut.text()).isEqualTo(tooLong.substring(0, 1_000) + "… (cut)");
        assertThat(((SourceRow.Malformed) rows.get(2)).text()).isEqualTo("3,c,extra");
    }

    @Test
    void an_ndjson_line_too_long_keeps_only_its_start_marked_as_cut() throws IOException {
        String line = "{\"id\": \"" + "q".repeat(3_000) + "\"}";

        List<SourceRow> rows = readAll(Readers.open(new ByteArrayInputStream(utf8(line + "\n")), SourceFormat.JSONL,
                Dialect.DEFAULT, new RecordLimit(2_000)));

        assertThat(((SourceRow.Malformed) rows.get(0)).text()).isEqualTo(line.substring(0, 1_000) + "… (cut)");
    }
}
