package dev.sluice.cli;

import dev.sluice.client.ImportRequest;
import dev.sluice.infer.Inference;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;

/**
 * For {@code import --create}: the import request that reads the file as inference read it. The
 * delimiter, quote and header found are used where no flag named them; a UTF-16 encoding known by its
 * byte order mark too (a guessed single-byte encoding never is: the import then says which one to
 * pass). When the inferred field names differ from the source columns, {@code columns} names the
 * fields, so each column lands in the field made for it. Stateless.
 */
final class CreateDialect {
    private CreateDialect() {
    }

    /**
     * @return the request, or null when several files would need {@code columns} (their headers may differ)
     */
    static ImportRequest apply(ImportRequest.Builder b, ImportRequest given, Inference inferred, int files) {
        Inference.Dialect d = inferred.dialect();
        if (d.delimiter() == null) {
            return given;
        }
        if (given.delimiter() == null) {
            b.delimiter(d.delimiter().charAt(0));
        }
        if (given.quote() == null) {
            b.quote(d.quote().charAt(0));
        }
        Charset sniffed = Charset.forName(d.encoding());
        if (given.encoding() == null && (sniffed.equals(StandardCharsets.UTF_16LE) || sniffed.equals(StandardCharsets.UTF_16BE))) {
            b.encoding(sniffed);
        }
        boolean header = !Boolean.FALSE.equals(d.header());
        if (given.header() == null && !header) {
            b.header(false);
        }
        List<String> fields = inferred.columns().stream().map(Inference.Column::field).toList();
        List<String> sources = inferred.columns().stream().map(Inference.Column::source).toList();
        if (given.columns() == null && (!header || !Objects.equals(fields, sources))) {
            if (files > 1) {
                return null;
            }
            b.columns(fields);
        }
        return b.build();
    }
}
