package dev.sluice.sink;

import dev.sluice.collection.CollectionSchema;
import dev.sluice.collection.Field;
import dev.sluice.collection.ValueFormats;
import dev.sluice.format.ConvertedRow;
import dev.sluice.format.RowConverter;
import dev.sluice.format.SourceRow;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Rows of cells converted as a job converts them, for the sink tests; the first is on line 2 of file 0. */
final class ConvertedRows {
    private ConvertedRows() {
    }

    /** Cells under every field of {@code c}, in field order. */
    static List<ConvertedRow> of(CollectionSchema c, String[]... cells) {
        return of(c, c.fields().stream().map(Field::name).toList(), false, cells);
    }

    /** Cells under {@code columns}; {@code partial} converts for {@code on_conflict=merge}. */
    static List<ConvertedRow> of(CollectionSchema c, List<String> columns, boolean partial, String[]... cells) {
        RowConverter converter = new RowConverter(c, 0, columns, false, ValueFormats.DEFAULT);
        if (partial) {
            converter.partial();
        }
        List<ConvertedRow> out = new ArrayList<>();
        for (int i = 0; i < cells.length; i++) {
            RowConverter.Conversion conversion = converter.convert(new SourceRow.Cells(2 + i, cells[i]));
            assertThat(conversion.failure()).as("row %d converts", i).isNull();
            out.add(conversion.row());
        }
        return out;
    }
}
