package dev.sluice.infer;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** Sniffing and inference over every file of {@link InferenceCorpus}: each field's type and format, the key and the dialect. */
class InferenceCorpusTest {
    @TempDir
    Path dir;

    @TestFactory
    Stream<DynamicTest> every_corpus_file_gets_the_definition_a_careful_person_would_write() {
        assertThat(InferenceCorpus.all()).hasSizeGreaterThanOrEqualTo(30);
        return InferenceCorpus.all().stream().map(c -> DynamicTest.dynamicTest(c.file(), () -> {
            Inference inferred = FileInference.infer(c.writeTo(dir), FileInference.Options.sniffAll());

            assertThat(fields(inferred)).as(c.file() + " fields").isEqualTo(c.fields());
            assertThat(String.join(",", inferred.definition().key())).as(c.file() + " key").isEqualTo(c.key());
            if (c.dialect() != null) {
                Inference.Dialect d = inferred.dialect();
                assertThat(new InferenceCorpus.Dialect(d.delimiter(), d.quote(), d.header(), d.encoding(), d.decimalSeparator()))
                        .as(c.file() + " dialect").isEqualTo(c.dialect());
            }
        }));
    }

    /** The fields as {@code name:type[:format]}, the format as reported per column. */
    static String fields(Inference inferred) {
        List<Inference.Column> columns = inferred.columns();
        return columns.stream().map(col -> col.field() + ":" + col.type() + (col.format() == null
                        || col.format().equals("iso8601") ? "" : ":" + col.format()))
                .collect(Collectors.joining(" "));
    }
}
