package dev.sluice.infer;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The import options an inference answers: what an import takes, for every header (docs/inference.md#the-answer). */
class ImportOptionsTest {
    private static final Inference.Dialect SEMICOLON = new Inference.Dialect("csv", ";", "\"", true, "UTF-8", true, ",", ".");

    @Test
    void a_header_of_distinct_names_is_read_through_the_mapping_with_the_dialect_and_separators() {
        ImportOptions options = SchemaInference.fromCells(List.of("Kunden-Nr", "Betrag"),
                List.of(List.of("1001", "1.234,50")), SEMICOLON).options();

        assertThat(options).isEqualTo(new ImportOptions("csv", ";", "\"", true, "UTF-8", null,
                Map.of("Kunden-Nr", "kunden_nr", "Betrag", "betrag"), ",", "."));
    }

    @Test
    void a_header_with_a_blank_or_repeated_name_is_replaced_by_columns_named_after_the_fields() {
        ImportOptions options = SchemaInference.fromCells(List.of("Name", "Name", "", "Email"),
                List.of(List.of("Ann", "Lee", "", "a@x.org")), SEMICOLON).options();

        // a mapping object cannot name them ({"": ...}, "Name" twice) and an import refuses such a header
        assertThat(options.columns()).containsExactly("name", "name_2", "column_3", "email");
        assertThat(options.header()).isTrue();
        assertThat(options.mapping()).isEmpty();
    }
}
