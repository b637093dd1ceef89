package dev.sluice.format;

import dev.sluice.job.SourceFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.zip.GZIPOutputStream;

import static dev.sluice.format.Sources.assertCells;
import static dev.sluice.format.Sources.assertJson;
import static dev.sluice.format.Sources.encoding;
import static dev.sluice.format.Sources.fixtureBytes;
import static dev.sluice.format.Sources.open;
import static dev.sluice.format.Sources.readAll;
import static dev.sluice.format.Sources.utf8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ReadersTest {

    @Test
    void gzip_is_detected_by_its_magic_bytes_and_read_like_the_plain_file(@TempDir Path dir) throws IOException {
        Path gz = dir.resolve("quoting.csv.gz");
        Files.write(gz, gzip(fixtureBytes("csv/quoting.csv")));

        List<SourceRow> plain = readAll(open("csv/quoting.csv", SourceFormat.CSV));
        List<SourceRow> unzipped = readAll(Readers.open(Files.newInputStream(gz), SourceFormat.CSV, Dialect.DEFAULT));

        assertThat(unzipped).hasSize(5);
        for (int i = 0; i < plain.size(); i++) {
            SourceRow.Cells expected = (SourceRow.Cells) plain.get(i);
            assertCells(unzipped.get(i), expected.line(), expected.values());
        }
    }

    @Test
    void gzip_works_for_json_lines_too() throws IOException {
        byte[] bytes = gzip(utf8("{\"id\":1}\n{\"id\":2}\n"));

        List<SourceRow> rows = readAll(open(bytes, SourceFormat.JSONL, Dialect.DEFAULT));

        assertThat(rows).hasSize(2);
        assertJson(rows.get(0), 1, "{\"id\":1}");
        assertJson(rows.get(1), 2, "{\"id\":2}");
    }

    @Test
    void a_gzip_header_that_is_corrupt_is_refused_at_open() {
        byte[] bytes = {0x1f, (byte) 0x8b, 0x07, 0, 0, 0, 0, 0, 0, 0, 1, 2, 3};

        assertThatThrownBy(() -> open(bytes, SourceFormat.CSV, Dialect.DEFAULT))
                .isInstanceOf(UnreadableSourceException.class)
                .hasMessage("the source starts like gzip but its gzip header is corrupt:"
                        + " Unsupported compression method");
    }

    @Test
    void a_truncated_gzip_stream_is_unreadable_and_says_how_far_it_got() throws IOException {
        StringBuilder csv = new StringBuilder("id,name\n");
        for (int i = 0; i < 20_000; i++) {
            csv.append(i).append(",name ").append(i * 7919 % 10007).append('\n');
        }
        byte[] whole = gzip(utf8(csv.toString()));
        byte[] truncated = Arrays.copyOf(whole, whole.length / 2);

        RowReader reader = open(truncated, SourceFormat.CSV, Dialect.DEFAULT);

        assertThatThrownBy(() -> readAll(reader))
                .isInstanceOf(UnreadableSourceException.class)
                .hasMessageMatching("the gzip data is corrupt or truncated after \\d+ uncompressed bytes:"
                        + " Unexpected end of ZLIB input stream");
    }

    @Test
    void a_source_shorter_than_the_gzip_magic_is_read_as_plain_text() throws IOException {
        List<SourceRow> rows = readAll(open(utf8("{"), SourceFormat.JSONL, Dialect.DEFAULT));

        assertThat(rows).hasSize(1);
        assertThat(rows.get(0)).isInstanceOf(SourceRow.Malformed.class);
    }

    @Test
    void invalid_utf8_stops_the_source_at_its_line_after_the_good_rows_before_it() throws IOException {
        byte[] bytes = concat(utf8("id,name\n1,Ada\n2,\"Multi\nline\"\n3,Jos"), new byte[]{(byte) 0xE9},
                utf8("\n4,Zoë\n"));

        RowReader reader = open(bytes, SourceFormat.CSV, Dialect.DEFAULT);

        assertCells(reader.next(), 2, "1", "Ada");
        assertCells(reader.next(), 3, "2", "Multi\nline");
        assertThatThrownBy(reader::next)
                .isInstanceOf(UnreadableSourceException.class)
                .hasMessage("the source is not valid UTF-8 at line 5 (byte 0xE9); set the encoding option"
                        + " to the file's real character set, e.g. encoding=windows-1252");
        reader.close();
    }

    @Test
    void invalid_bytes_in_json_lines_name_the_line_and_the_real_charset() throws IOException {
        byte[] bytes = concat(utf8("{\"id\":1}\n{\"name\":\"caf"), new byte[]{(byte) 0xC3, (byte) 0x28}, utf8("\"}\n"));

        RowReader reader = open(bytes, SourceFormat.JSONL, Dialect.DEFAULT);

        assertJson(reader.next(), 1, "{\"id\":1}");
        assertThatThrownBy(reader::next)
                .isInstanceOf(UnreadableSourceException.class)
                .hasMessage("the source is not valid UTF-8 at line 2 (byte 0xC3); set the encoding option"
                        + " to the file's real character set, e.g. encoding=windows-1252");
        reader.close();

        RowReader ascii = open(utf8("id\ncafé\n"), SourceFormat.CSV, encoding(StandardCharsets.US_ASCII));
        assertThatThrownBy(ascii::next)
                .isInstanceOf(UnreadableSourceException.class)
                .hasMessage("the source is not valid US-ASCII at line 2 (byte 0xC3); set the encoding option"
                        + " to the file's real character set, e.g. encoding=windows-1252");
        ascii.close();
    }

    @Test
    void a_utf8_sequence_cut_off_by_the_end_of_the_file_is_invalid() throws IOException {
        byte[] bytes = concat(utf8("id\n1\n"), new byte[]{(byte) 0xE2, (byte) 0x82});

        RowReader reader = open(bytes, SourceFormat.CSV, Dialect.DEFAULT);

        assertCells(reader.next(), 2, "1");
        assertThatThrownBy(reader::next)
                .isInstanceOf(UnreadableSourceException.class)
                .hasMessage("the source is not valid UTF-8 at line 3 (bytes 0xE2 0x82); set the encoding option"
                        + " to the file's real character set, e.g. encoding=windows-1252");
        reader.close();
    }

    @Test
    void the_encoding_option_decodes_other_charsets() throws IOException {
        Charset latin1 = StandardCharsets.ISO_8859_1;

        List<SourceRow> rows = readAll(open("id,name\n1,José\n".getBytes(latin1), SourceFormat.CSV, encoding(latin1)));

        assertThat(rows).hasSize(1);
        assertCells(rows.get(0), 2, "1", "José");
    }

    @Test
    void multi_byte_characters_split_across_read_buffers_decode_correctly() throws IOException {
        StringBuilder csv = new StringBuilder("id,text\n");
        String text = "Zoë 東京 😀".repeat(2000);
        for (int i = 0; i < 30; i++) {
            csv.append(i).append(',').append(text).append('\n');
        }

        List<SourceRow> rows = readAll(Readers.open(new TrickleStream(utf8(csv.toString()), 4093), SourceFormat.CSV,
                Dialect.DEFAULT));

        assertThat(rows).hasSize(30);
        assertCells(rows.get(29), 31, "29", text);
    }

    @Test
    void a_byte_order_mark_is_dropped_in_every_format() throws IOException {
        List<SourceRow> lines = readAll(open(utf8("\uFEFF{\"a\":1}\n"), SourceFormat.JSONL, Dialect.DEFAULT));
        List<SourceRow> array = readAll(open(utf8("\uFEFF[{\"a\":1}]"), SourceFormat.JSON, Dialect.DEFAULT));
        RowReader tsv = open(utf8("\uFEFFa\tb\n"), SourceFormat.TSV, Dialect.DEFAULT);

        assertJson(lines.get(0), 1, "{\"a\":1}");
        assertJson(array.get(0), 1, "{\"a\":1}");
        assertThat(tsv.columns()).containsExactly("a", "b");
        tsv.close();
    }

    @Test
    void the_reader_closes_the_stream_and_so_does_a_failed_open() throws IOException {
        TrickleStream good = new TrickleStream(utf8("a\n1\n"), 100);
        readAll(Readers.open(good, SourceFormat.CSV, Dialect.DEFAULT));
        assertThat(good.closed).isTrue();

        TrickleStream bad = new TrickleStream(utf8("{}"), 100);
        assertThatThrownBy(() -> Readers.open(bad, SourceFormat.JSON, Dialect.DEFAULT))
                .isInstanceOf(UnreadableSourceException.class);
        assertThat(bad.closed).isTrue();
    }

    @Test
    void gzip_members_written_one_after_another_read_as_one_file() throws IOException {
        StringBuilder second = new StringBuilder();
        for (int i = 3; i < 30_000; i++) {
            second.append(i).append(",n").append(i).append('\n');
        }
        byte[] bytes = concat(gzip(utf8("id,name\n1,a\n2,b\n")), gzip(utf8(second.toString())), gzip(utf8("")),
                gzip(utf8("x,y\n")));

        List<SourceRow> rows = readAll(open(bytes, SourceFormat.CSV, Dialect.DEFAULT));

        assertThat(rows).hasSize(30_000);
        assertCells(rows.get(29_999), 30_001, "x", "y");
    }

    @Test
    void bytes_after_a_gzip_member_that_are_not_gzip_fail_the_source_after_its_rows() throws IOException {
        byte[] garbage = new byte[160];
        new java.util.Random(7).nextBytes(garbage);
        garbage[0] = 'G';
        byte[] bytes = concat(gzip(utf8("id,name\n1,a\n2,b\n")), garbage);

        RowReader reader = open(bytes, SourceFormat.CSV, Dialect.DEFAULT);

        assertThatThrownBy(() -> readAll(reader))
                .isInstanceOf(UnreadableSourceException.class)
                .hasMessage("the gzip data ends after 16 uncompressed bytes, but more bytes follow that are not gzip data");
    }

    @Test
    void a_single_byte_after_a_gzip_member_fails_the_source_too() throws IOException {
        byte[] bytes = concat(gzip(utf8("{\"id\":1}\n")), new byte[]{0});

        assertThatThrownBy(() -> readAll(open(bytes, SourceFormat.JSONL, Dialect.DEFAULT)))
                .isInstanceOf(UnreadableSourceException.class)
                .hasMessageContaining("more bytes follow that are not gzip data");
    }

    @Test
    void a_gzip_stream_cut_inside_its_trailer_says_so_in_words() throws IOException {
        byte[] whole = gzip(utf8("id,name\n1,a\n"));
        byte[] cut = Arrays.copyOf(whole, whole.length - 3);

        assertThatThrownBy(() -> readAll(open(cut, SourceFormat.CSV, Dialect.DEFAULT)))
                .isInstanceOf(UnreadableSourceException.class)
                .hasMessage("the gzip data is corrupt or truncated after 12 uncompressed bytes: the source ends inside"
                        + " the gzip trailer");
    }

    private static byte[] gzip(byte[] plain) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (OutputStream gz = new GZIPOutputStream(out)) {
            gz.write(plain);
        }
        return out.toByteArray();
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }

    /** Hands out at most {@code chunk} bytes per read, as a network stream does, and remembers being closed. */
    private static final class TrickleStream extends FilterInputStream {
        private final int chunk;
        boolean closed;

        TrickleStream(byte[] bytes, int chunk) {
            super(new ByteArrayInputStream(bytes));
            this.chunk = chunk;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            return super.read(buffer, offset, Math.min(length, chunk));
        }

        @Override
        public void close() throws IOException {
            closed = true;
            super.close();
        }
    }
}
