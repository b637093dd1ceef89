package dev.sluice.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sluice.error.SluiceException;
import dev.sluice.job.ConflictPolicy;
import dev.sluice.job.ImportOptions;
import dev.sluice.job.OptionSet;
import dev.sluice.job.Options;
import dev.sluice.job.SourceFormat;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Options of a JSON request, read through the same list as a query's (docs/http-api.md). */
class JobOptionsTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static OptionValues request(String json) throws Exception {
        JsonNode n = JSON.readTree(json);
        return OptionValues.of(n);
    }

    @Test
    void aRequestsOptionsArriveTyped() throws Exception {
        OptionValues v = request("{\"on_conflict\":\"update\",\"max_errors\":3,\"format\":\"ndjson\","
                + "\"delimiter\":\"tab\",\"columns\":[\" a \",\"b\"],\"header\":false,\"wait\":true,\"timeout\":5}");

        ImportOptions options = JobOptions.options(v, ImportOptions.DEFAULT);
        OptionSet files = JobOptions.files(v);

        assertThat(options.onConflict()).isEqualTo(ConflictPolicy.UPDATE);
        assertThat(options.maxErrors()).isEqualTo(3L);
        assertThat(files.get(Options.FORMAT)).isEqualTo(SourceFormat.JSONL);
        assertThat(files.get(Options.DELIMITER)).isEqualTo('\t');
        assertThat(files.get(Options.COLUMNS)).isEqualTo(List.of("a", "b"));
        assertThat(JobOptions.forFile(files, SourceFormat.CSV).has(Options.FORMAT)).isFalse();
        assertThat(JobOptions.wait(v)).isTrue();
        assertThat(JobOptions.timeout(v)).hasSeconds(5);
    }

    @Test
    void aBadValueIsInvalidOptionNamingIt() {
        assertRefused("{\"delimiter\":\"ab\"}", "delimiter",
                "delimiter must be one character (or \\t) that is not a line break, got 'ab'");
        assertRefused("{\"quote\":\"\"}", "quote",
                "quote was sent empty; leave it out for the format's own, or give one character");
        assertRefused("{\"max_errors\":-1}", "max_errors", "max_errors cannot be negative, got -1");
        assertRefused("{\"format\":\"xml\"}", "format", "format must be one of csv, tsv, jsonl, json, xlsx, parquet; got 'xml'");
        assertRefused("{\"encoding\":\"klingon\"}", "encoding", "encoding 'klingon' is not a known character set");
        assertRefused("{\"header\":false}", "columns", "header=false needs columns=a,b,c naming the columns");
        assertRefused("{\"delimiter\":\"'\",\"quote\":\"'\"}", "quote", "delimiter and quote must differ; both are '''");
        assertRefused("{\"timeout\":0}", "timeout", "timeout is in seconds, from 1 to 3600; got 0");
    }

    @Test
    void aDelimiterEqualToTheQuoteIsRefusedOnceTheFormatIsKnown() throws Exception {
        OptionSet files = JobOptions.files(request("{\"quote\":\",\"}"));

        assertThat(JobOptions.forFile(files, SourceFormat.TSV).get(Options.QUOTE)).isEqualTo(',');
        assertThatThrownBy(() -> JobOptions.forFile(files, SourceFormat.CSV))
                .hasMessage("delimiter and quote must differ for csv; both are ','");
    }

    private static void assertRefused(String json, String option, String message) {
        assertThatThrownBy(() -> {
            OptionValues v = request(json);
            JobOptions.options(v, ImportOptions.DEFAULT);
            JobOptions.files(v);
            JobOptions.timeout(v);
        }).isInstanceOfSatisfying(SluiceException.Invalid.class, e -> {
            assertThat(e.code()).isEqualTo("invalid_option");
            assertThat(e.details()).isEqualTo(Map.of("option", option));
            assertThat(e.getMessage()).isEqualTo(message);
        });
    }
}
