package dev.sluice.format;

import dev.sluice.job.SourceFormat;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** Opens fixtures and byte arrays through {@link Readers}, and asserts rows exactly. */
final class Sources {
    private Sources() {
    }

    static InputStream fixture(String path) {
        InputStream in = Sources.class.getResourceAsStream("/fixtures/" + path);
        if (in == null) {
            throw new IllegalArgumentException("no fixture " + path);
        }
        return in;
    }

    static byte[] fixtureBytes(String path) {
        try (InputStream in = fixture(path)) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static RowReader open(String fixture, SourceFormat format) throws IOException {
        return Readers.open(fixture(fixture), format, Dialect.DEFAULT);
    }

    static RowReader open(byte[] bytes, SourceFormat format, Dialect dialect) throws IOException {
        return Readers.open(new ByteArrayInputStream(bytes), format, dialect);
    }

    static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    static Dialect dialect(boolean header, List<String> columns, Set<String> nullValues) {
        return new Dialect(null, '"', header, columns, nullValues, StandardCharsets.UTF_8, false);
    }

    static Dialect encoding(Charset charset) {
        return new Dialect(null, '"', true, List.of(), Set.of(), charset, false);
    }

    /** Every row to the end, then checks that the end stays the end. */
    static List<SourceRow> readAll(RowReader reader) throws IOException {
        List<SourceRow> rows = new ArrayList<>();
        try (reader) {
            for (SourceRow row = reader.next(); row != null; row = reader.next()) {
                rows.add(row);
            }
            assertThat(reader.next()).isNull();
        }
        return rows;
    }

    static void assertCells(SourceRow row, long line, String... values) {
        assertThat(row).isInstanceOf(SourceRow.Cells.class);
        assertThat(row.line()).as("line").isEqualTo(line);
        assertThat(((SourceRow.Cells) row).values()).containsExactly(values);
    }

    static void assertMalformed(SourceRow row, long line, String message, String... raw) {
        assertThat(row).isInstanceOf(SourceRow.Malformed.class);
        SourceRow.Malformed malformed = (SourceRow.Malformed) row;
        assertThat(malformed.line()).as("line").isEqualTo(line);
        assertThat(malformed.message()).isEqualTo(message);
        assertThat(malformed.raw()).containsExactly(raw);
    }

    static void assertJson(SourceRow row, long line, String compactJson) {
        assertThat(row).isInstanceOf(SourceRow.Json.class);
        assertThat(row.line()).as("line").isEqualTo(line);
        assertThat(((SourceRow.Json) row).value().toString()).isEqualTo(compactJson);
    }
}
