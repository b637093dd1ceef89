package dev.sluice.format;

import dev.sluice.job.OptionSet;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** A file's stored dialect options become the dialect its reader uses. */
class DialectTest {

    @Test
    void noOptionsIsTheDefaultDialect() {
        assertThat(Dialect.of(OptionSet.EMPTY)).isEqualTo(Dialect.DEFAULT);
        assertThat(Dialect.of(OptionSet.fromJson("{}"))).isEqualTo(Dialect.DEFAULT);
    }

    @Test
    void everyStoredOptionReachesTheDialect() {
        Dialect d = Dialect.of(OptionSet.fromJson("{\"delimiter\":\";\",\"quote\":\"'\",\"header\":false,"
                + "\"columns\":[\"a\",\"b\"],\"null_values\":[\"NA\"],\"encoding\":\"ISO-8859-1\",\"strict\":true}"));

        assertThat(d).isEqualTo(new Dialect(';', '\'', false, List.of("a", "b"), Set.of("NA"),
                StandardCharsets.ISO_8859_1, true));
    }
}
