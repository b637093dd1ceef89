package dev.sluice.infer;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.format.ParquetColumn;
import dev.sluice.format.ParquetFooter;
import dev.sluice.format.ParquetRowReader;
import dev.sluice.format.SourceRow;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Infers a definition from a Parquet file (docs/inference.md#parquet): each field's type is the one its
 * column's footer declares, exactly (docs/parquet.md has the table); the first rows only give the
 * examples, the null counts and the key. Stateless and thread-safe.
 */
final class ParquetInference {
    /** Types a key may not have: a float compares inexactly, a JSON value not at all. */
    private static final Set<String> NOT_KEYS = Set.of("number", "json");

    private ParquetInference() {
    }

    /**
     * @throws dev.sluice.format.UnreadableSourceException when the file is not a whole Parquet file
     */
    static Inference infer(Path file, int sampleRows) throws IOException {
        ParquetFooter footer = ParquetFooter.read(file);
        List<JsonNode> objects = new ArrayList<>();
        try (ParquetRowReader reader = ParquetRowReader.open(file, file.getFileName().toString(), false)) {
            for (SourceRow row = reader.next(); row != null && objects.size() < sampleRows; row = reader.next()) {
                objects.add(((SourceRow.Json) row).value());
            }
        }
        Inference sampled = SchemaInference.fromJson(objects,
                new Inference.Dialect("parquet", null, null, null, "UTF-8", false, null, null));
        List<ParquetColumn> columns = footer.columns();
        List<String> names = SchemaInference.fieldNames(columns.stream().map(ParquetColumn::name).toList());
        List<Inference.FieldDefinition> fields = new ArrayList<>();
        List<Inference.Column> reports = new ArrayList<>();
        java.util.Map<String, String> mapping = new java.util.LinkedHashMap<>();
        for (int i = 0; i < columns.size(); i++) {
            ParquetColumn c = columns.get(i);
            String type = c.fieldType();
            fields.add(new Inference.FieldDefinition(names.get(i), type, null));
            Inference.Column seen = find(sampled, c.name());
            reports.add(new Inference.Column(c.name(), names.get(i), type, null, seen == null ? 0 : seen.nulls(),
                    seen == null ? List.of() : seen.examples()));
            mapping.put(c.name(), names.get(i));
        }
        List<String> key = sampled.definition().key().stream()
                .filter(k -> fields.stream().anyMatch(f -> f.name().equals(k) && !NOT_KEYS.contains(f.type())))
                .toList();
        return new Inference(new Inference.Definition(fields, key), mapping, sampled.dialect(), reports, objects.size());
    }

    private static Inference.Column find(Inference sampled, String source) {
        for (Inference.Column c : sampled.columns()) {
            if (c.source().equals(source)) {
                return c;
            }
        }
        return null;
    }
}
