package dev.sluice.format;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Parquet files written by pyarrow (docs/parquet.md), read back value by value. */
class ParquetRowReaderTest {

    private static List<SourceRow> readAll(String fixture) throws IOException {
        Path file = ParquetFixtures.file(fixture);
        try (ParquetRowReader reader = ParquetRowReader.open(file, fixture, false)) {
            List<SourceRow> rows = new ArrayList<>();
            for (SourceRow row = reader.next(); row != null; row = reader.next()) {
                rows.add(row);
            }
            return rows;
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"types.parquet", "types-gzip.parquet", "types-zstd.parquet", "types-none.parquet",
            "types-v2.parquet"})
    void every_type_reads_as_the_value_pyarrow_wrote_whatever_the_codec_or_page_version(String fixture)
            throws IOException {
        List<SourceRow> rows = readAll(fixture);

        assertThat(rows).hasSize(2);
        JsonNode v = ((SourceRow.Json) rows.get(0)).value();
        assertThat(rows.get(0).line()).isEqualTo(1);
        assertThat(v.get("id").longValue()).isEqualTo(1);
        assertThat(v.get("small").intValue()).isEqualTo(-7);
        assertThat(v.get("ratio").floatValue()).isEqualTo(0.25f);
        assertThat(v.get("score").doubleValue()).isEqualTo(1.5e300);
        assertThat(v.get("price").decimalValue()).isEqualTo(new BigDecimal("12345678.91"));
        assertThat(v.get("big_price").decimalValue()).isEqualTo(new BigDecimal("-123456789012345678901234.5678"));
        assertThat(v.get("active").booleanValue()).isTrue();
        assertThat(v.get("born").textValue()).isEqualTo("1999-12-31");
        assertThat(v.get("at_ms").textValue()).isEqualTo("2024-03-05T06:07:08.123Z");
        assertThat(v.get("at_us").textValue()).isEqualTo("2024-03-05T06:07:08.123456Z");
        assertThat(v.get("at_ns").textValue()).isEqualTo("2024-03-05T06:07:08.123456Z");
        assertThat(v.get("local_us").textValue()).isEqualTo("2024-03-05T06:07:08.123456");
        assertThat(v.get("name").textValue()).isEqualTo("Zoë \"quoted\", with comma");
        assertThat(v.get("code").textValue()).isEqualTo("007");
        assertThat(v.get("ref").textValue()).isEqualTo("0190f0b4-8f2e-7c3a-9d4e-5f6a7b8c9d0e");
        assertThat(v.get("tags").toString()).isEqualTo("[\"a\",null,\"c\"]");
        assertThat(v.get("attrs").toString()).isEqualTo("{\"k1\":1,\"k2\":2}");
        assertThat(v.get("point").toString()).isEqualTo("{\"x\":1.5,\"y\":-2.0}");
        assertThat(v.get("nested").toString()).isEqualTo("[{\"n\":1,\"l\":[1,2]}]");
    }

    @Test
    void a_row_of_nulls_has_every_column_null() throws IOException {
        JsonNode v = ((SourceRow.Json) readAll("types.parquet").get(1)).value();

        assertThat(v.get("id").longValue()).isEqualTo(2);
        v.fieldNames().forEachRemaining(name -> {
            if (!name.equals("id")) {
                assertThat(v.get(name).isNull()).as(name).isTrue();
            }
        });
    }

    @Test
    void rows_of_several_row_groups_are_read_in_order_with_the_row_index_plus_one_as_their_line() throws IOException {
        List<SourceRow> rows = readAll("groups.parquet");

        assertThat(rows).hasSize(10_000);
        for (int i = 0; i < rows.size(); i++) {
            assertThat(rows.get(i).line()).isEqualTo(i + 1);
            assertThat(((SourceRow.Json) rows.get(i)).value().get("id").longValue()).isEqualTo(i + 1);
        }
        assertThat(((SourceRow.Json) rows.get(9_999)).value().get("name").textValue()).isEqualTo("name-10000");
    }

    @Test
    void flat_columns_read_column_wise_keep_their_rows_beside_nested_ones_across_batches_pages_and_row_groups()
            throws IOException {
        List<SourceRow> rows = readAll("flat-and-nested.parquet");

        assertThat(rows).hasSize(5_000);
        for (int i = 1; i <= rows.size(); i++) {
            JsonNode v = ((SourceRow.Json) rows.get(i - 1)).value();
            String tags = i % 5 == 0 ? "null" : "[" + String.join(",", java.util.Collections.nCopies(i % 3,
                    "\"t" + i + "\"")) + "]";
            assertThat(v.toString()).as("row " + i).isEqualTo("{\"id\":" + i + ",\"maybe\":"
                    + (i % 7 == 0 ? "null" : String.valueOf(i * 10)) + ",\"tags\":" + tags
                    + ",\"label\":\"l" + i % 11 + "\"}");
        }
    }

    @Test
    void a_corrupt_footer_is_unreadable_and_says_so() {
        assertThatThrownBy(() -> readAll("corrupt-footer.parquet"))
                .isInstanceOf(UnreadableSourceException.class)
                .hasMessageStartingWith("corrupt-footer.parquet: corrupt Parquet footer: ");
    }

    @Test
    void a_truncated_file_is_unreadable_because_its_footer_is_missing() {
        assertThatThrownBy(() -> readAll("truncated.parquet"))
                .isInstanceOf(UnreadableSourceException.class)
                .hasMessage("truncated.parquet is not a whole Parquet file: it must start and end with PAR1"
                        + " (a truncated file lacks the footer at its end)");
    }
}
