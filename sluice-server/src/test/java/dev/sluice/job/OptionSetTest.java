package dev.sluice.job;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** The stored shape of options (docs/architecture.md "Where each rule lives"): read back as written. */
class OptionSetTest {

    /** A file's dialect as the server has always stored it. */
    private static final String STORED_DIALECT = "{\"delimiter\":\"\\t\",\"quote\":\"'\",\"header\":false,"
            + "\"columns\":[\"a\",\"b\"],\"null_values\":[\"NA\",\"\"],\"encoding\":\"windows-1252\",\"strict\":true}";

    @Test
    void aStoredDialectReadsTypedAndWritesBackTheSameText() {
        OptionSet d = OptionSet.fromJson(STORED_DIALECT);

        assertThat(d.get(Options.DELIMITER)).isEqualTo('\t');
        assertThat(d.get(Options.QUOTE)).isEqualTo('\'');
        assertThat(d.get(Options.HEADER)).isFalse();
        assertThat(d.get(Options.COLUMNS)).containsExactly("a", "b");
        assertThat(d.get(Options.NULL_VALUES)).containsExactly("NA", "");
        assertThat(d.get(Options.ENCODING).name()).isEqualTo("windows-1252");
        assertThat(d.get(Options.STRICT)).isTrue();
        assertThat(d.toJson()).isEqualTo(STORED_DIALECT);
    }

    @Test
    void columnAndValueOptionsAreStoredWithTheFileAndReadBackAsWritten() {
        String stored = "{\"mapping\":{\"Customer ID\":\"customer_id\",\"address.city\":\"city\",\"Notes\":null},"
                + "\"formats\":{\"joined\":\"dd.MM.yyyy\"},\"decimal_separator\":\",\",\"thousands_separator\":\" \","
                + "\"true_values\":[\"ja\"],\"false_values\":[\"nein\"],\"trim\":true}";

        OptionSet d = OptionSet.fromJson(stored);

        assertThat(d.get(Options.MAPPING).keySet()).containsExactly("Customer ID", "address.city", "Notes");
        assertThat(d.get(Options.MAPPING).get("address.city")).isEqualTo("city");
        assertThat(d.get(Options.MAPPING).get("Notes")).isNull();
        assertThat(d.get(Options.THOUSANDS_SEPARATOR)).isEqualTo(" ");
        assertThat(d.toJson()).isEqualTo(stored);
    }

    @Test
    void fileDefaultsKeepTheirFormatBesideTheDialect() {
        OptionSet defaults = OptionSet.fromJson("{\"delimiter\":\";\",\"format\":\"tsv\"}");

        assertThat(defaults.get(Options.FORMAT)).isEqualTo(SourceFormat.TSV);
        assertThat(defaults.without(Options.FORMAT).toJson()).isEqualTo("{\"delimiter\":\";\"}");
        assertThat(OptionSet.fromJson(defaults.toJson())).isEqualTo(defaults);
    }

    @Test
    void anEmptyOrBlankStoredTextIsNoOptions() {
        assertThat(OptionSet.fromJson("{}")).isEqualTo(OptionSet.EMPTY);
        assertThat(OptionSet.fromJson(null)).isEqualTo(OptionSet.EMPTY);
        assertThat(OptionSet.fromJson("{\"delimiter\":\"\"}").has(Options.DELIMITER)).isFalse();
    }

    @Test
    void aJobsOptionsAreStoredWithEveryMemberAndReadBack() {
        ImportOptions dflt = ImportOptions.DEFAULT;
        String stored = dflt.asOptions().toJson(Options.of(Option.Scope.JOB));

        assertThat(stored).isEqualTo("{\"on_conflict\":\"skip\",\"error_mode\":\"continue\",\"max_errors\":null,"
                + "\"results\":\"errors\",\"job_type\":\"import\",\"notify_url\":null,\"atomic\":null}");
        ImportOptions custom = new ImportOptions(ConflictPolicy.UPDATE, ImportOptions.ErrorMode.ABORT, 7L,
                ImportOptions.Results.ALL, ImportOptions.JobType.VALIDATE, "https://hooks.example.org/done", true);
        assertThat(ImportOptions.of(OptionSet.fromJson(custom.asOptions().toJson()), dflt)).isEqualTo(custom);
        assertThat(ImportOptions.of(OptionSet.fromJson(stored), dflt)).isEqualTo(dflt);
    }

    @Test
    void optionsGivenLaterWinOverTheDefaults() {
        OptionSet defaults = OptionSet.EMPTY.with(Options.DELIMITER, ';').with(Options.HEADER, false)
                .with(Options.ENCODING, StandardCharsets.ISO_8859_1);
        OptionSet merged = OptionSet.EMPTY.with(Options.HEADER, true).over(defaults);

        assertThat(merged.get(Options.DELIMITER)).isEqualTo(';');
        assertThat(merged.get(Options.HEADER)).isTrue();
        assertThat(merged.get(Options.ENCODING)).isEqualTo(StandardCharsets.ISO_8859_1);
    }

    @Test
    void everyOptionHasOneNameAndAScope() {
        Set<String> names = new HashSet<>();
        for (Option<?> o : Options.ALL) {
            assertThat(names.add(o.name())).as(o.name()).isTrue();
            assertThat(Options.named(o.name())).isSameAs(o);
        }
        assertThat(Options.of(Option.Scope.FILE)).contains(Options.FORMAT, Options.DELIMITER)
                .doesNotContain(Options.ON_CONFLICT, Options.WAIT);
        assertThat(List.copyOf(names)).hasSize(Options.ALL.size());
    }

    @Test
    void everyOptionConstantIsListedInAll() throws IllegalAccessException {
        List<Option<?>> constants = new java.util.ArrayList<>();
        for (java.lang.reflect.Field f : Options.class.getDeclaredFields()) {
            if (f.getType() == Option.class) {
                constants.add((Option<?>) f.get(null));
            }
        }
        assertThat(Options.ALL).containsExactlyInAnyOrderElementsOf(constants);
    }
}
