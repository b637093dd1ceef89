package dev.sluice.corpus;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The hostile-input corpus (docs/hostile-input.md): several hundred broken, extreme and malicious
 * inputs, each sent over real HTTP to a {@code sluice serve} process. Every case must be answered
 * within 30 s without a 5xx, leave {@code /health} answering, keep counts adding up, and end as a
 * clean refusal (a 4xx in the JSON error shape, a failed job with a job-level error, or failed rows
 * with located errors) or as rows that read back exactly as written; never a silently changed value.
 */
class HostileCorpusTest {
    /**
     * The one place that configures the server for the corpus. Large cases assume that a record
     * larger than {@link #LARGE} may be refused by a record-size limit set here.
     */
    static final List<String> SERVE_OPTIONS = List.of("--workers", "2", "--commit-interval", "0s", "--chunk-rows", "500",
            "--max-record-bytes", "1MB");
    /** The server's heap: the corpus must pass inside it. */
    static final String HEAP = "256m";
    /** The size of a large field: kept under what a server without a record limit reads comfortably. */
    static final int LARGE = 2 << 20;
    /** What the gzip bomb decompresses to: one line of zeros, above the default record limit. */
    static final int BOMB = 24 << 20;
    /** Cases in flight at once (the server has two workers). */
    static final int PARALLEL = 3;

    static List<HostileCase> corpus() {
        List<HostileCase> all = new ArrayList<>();
        all.addAll(CsvCases.all(LARGE));
        all.addAll(EncodingCases.all());
        all.addAll(ValueCases.all());
        all.addAll(JsonCases.all(LARGE));
        all.addAll(GzipCases.all(BOMB));
        all.addAll(ApiCases.all());
        return all;
    }

    @Test
    void the_corpus_holds_at_least_300_cases_with_unique_names_in_every_category() {
        List<HostileCase> corpus = corpus();
        Map<String, Long> perCategory = corpus.stream()
                .collect(Collectors.groupingBy(HostileCase::category, Collectors.counting()));

        assertThat(corpus).hasSizeGreaterThanOrEqualTo(300);
        assertThat(perCategory).containsOnlyKeys("csv", "encoding", "values", "json", "gzip", "api");
        Set<String> names = new HashSet<>();
        assertThat(corpus).allSatisfy(c -> assertThat(names.add(c.category() + "/" + c.name()))
                .as("case name %s/%s is unique", c.category(), c.name()).isTrue());
    }

    @Test
    void every_hostile_input_is_refused_cleanly_or_read_back_exactly(@TempDir Path dir) throws Exception {
        CorpusRun run = new CorpusRun(dir, HEAP, SERVE_OPTIONS);
        long start = System.nanoTime();

        List<Verdict> verdicts = run.run(corpus(), PARALLEL);

        String report = CorpusTable.render(verdicts) + "\nserver peak RSS: "
                + (run.peakRssKb() < 0 ? "unknown" : run.peakRssKb() / 1024 + " MB") + " (-Xmx" + HEAP + "), "
                + run.restarts() + " restarts; " + (System.nanoTime() - start) / 1_000_000 + " ms wall clock, server CPU "
                + run.serverCpuMillis() + " ms\n";
        String failures = CorpusTable.failures(verdicts);
        System.out.println(report + "\n" + failures);
        assertThat(failures).as("failed cases\n%s", report).isEmpty();
    }
}
