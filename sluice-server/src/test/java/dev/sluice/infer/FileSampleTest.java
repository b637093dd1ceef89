package dev.sluice.infer;

import dev.sluice.collection.FieldNames;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedWriter;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** The sample of a large file reaches its middle and end, resynchronized past quoted line breaks; names normalize. */
class FileSampleTest {
    @TempDir
    Path dir;

    @Test
    void a_large_file_is_sampled_at_its_end_too_past_quoted_multi_line_notes() throws Exception {
        Path csv = dir.resolve("big.csv");
        int rows = 400_000;
        try (BufferedWriter w = Files.newBufferedWriter(csv)) {
            w.write("id,code,note\n");
            for (int i = 1; i <= rows; i++) {
                // only the last 20,000 rows hold codes with a leading zero: a head-only sample would say integer
                String code = i > rows - 20_000 ? "0" + i : String.valueOf(i);
                w.write(i + "," + code + ",\"line one\nline two, " + i + "\"\n");
            }
        }
        assertThat(Files.size(csv)).isGreaterThan(FileSample.HEAD_BYTES + 2L * FileSample.TAIL_BYTES);

        Inference inferred = FileInference.infer(csv, FileInference.Options.sniffAll());

        assertThat(InferenceCorpusTest.fields(inferred)).isEqualTo("id:integer code:string note:string");
        assertThat(inferred.rowsSampled()).isEqualTo(FileInference.Options.DEFAULT_SAMPLE_ROWS);
    }

    @Test
    void source_names_normalize_to_field_names() {
        assertThat(FieldNames.normalize("Customer ID")).isEqualTo("customer_id");
        assertThat(FieldNames.normalize("customer-id")).isEqualTo("customer_id");
        assertThat(FieldNames.normalize("CUSTOMER_ID")).isEqualTo("customer_id");
        assertThat(FieldNames.normalize("  Prénom du Client ")).isEqualTo("prenom_du_client");
        assertThat(FieldNames.normalize("Straße Nr.")).isEqualTo("strasse_nr");
        assertThat(FieldNames.normalize("###")).isEmpty();
        assertThat(SchemaInference.fieldNames(java.util.List.of("Name", "name", "", "1st"))).containsExactly("name", "name_2", "column_3", "c_1st");
    }
}
