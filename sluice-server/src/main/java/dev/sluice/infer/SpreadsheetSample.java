package dev.sluice.infer;

import dev.sluice.format.Dialect;
import dev.sluice.format.RecordLimit;
import dev.sluice.format.RowReader;
import dev.sluice.format.SourceRow;
import dev.sluice.format.XlsxRowReader;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Inference over an xlsx workbook: the first rows of its sheet, read as an import reads them (dates
 * from cell styles already ISO text), typed like CSV cells. A workbook's rows are not sampled from its
 * middle and end: a zip cannot be entered mid-part. Stateless and thread-safe.
 */
final class SpreadsheetSample {
    private static final byte[] ZIP_MAGIC = {'P', 'K', 3, 4};

    private SpreadsheetSample() {
    }

    /** Whether the file starts as a zip archive does: an xlsx workbook when nothing else names the format. */
    static boolean isZip(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return Arrays.equals(in.readNBytes(ZIP_MAGIC.length), ZIP_MAGIC);
        }
    }

    /**
     * @throws dev.sluice.format.UnreadableSourceException when the file is no workbook
     * @throws dev.sluice.error.SluiceException.Invalid {@code invalid_option} for a sheet it does not have
     */
    static Inference infer(Path file, FileInference.Options options) throws IOException {
        Dialect dialect = new Dialect(null, '"', true, List.of(), java.util.Set.of(), StandardCharsets.UTF_8,
                false, options.sheet());
        List<List<String>> rows = new ArrayList<>();
        List<String> columns;
        XlsxRowReader.checkSheet(file, options.sheet());
        try (RowReader reader = XlsxRowReader.open(file, dialect, RecordLimit.DEFAULT)) {
            columns = reader.columns();
            int budget = Math.max(1, options.sampleRows());
            for (SourceRow row = reader.next(); row != null && rows.size() < budget; row = reader.next()) {
                if (row instanceof SourceRow.Cells cells) {
                    rows.add(Arrays.stream(cells.values()).map(v -> v == null ? "" : v).toList());
                }
            }
        }
        return SchemaInference.fromCells(columns, rows,
                new Inference.Dialect("xlsx", null, null, true, "UTF-8", false, null, null));
    }
}
