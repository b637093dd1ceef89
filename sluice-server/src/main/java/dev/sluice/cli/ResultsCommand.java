package dev.sluice.cli;

import dev.sluice.client.ResultFilter;
import dev.sluice.client.ResultFormat;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code sluice results ID [--failed] [--file NAME] [--format csv|jsonl] [-o FILE]}: streams a job's per-row results. */
@Command(name = "results", mixinStandardHelpOptions = true,
        description = "Download a job's per-row results; --failed --format csv gives the failed rows, fit to fix and re-import.")
public final class ResultsCommand implements Callable<Integer> {
    @Parameters(paramLabel = "ID")
    String id;
    @Option(names = "--failed", description = "only the failed rows (as CSV: with their original columns)")
    boolean failed;
    @Option(names = "--file", paramLabel = "NAME", description = "only the rows of this file of the job (its name or id)")
    String file;
    @Option(names = "--format", defaultValue = "csv", description = "csv | jsonl (default ${DEFAULT-VALUE})")
    String format;
    @Option(names = {"-o", "--output"}, description = "write to this file instead of stdout")
    Path output;
    @Mixin
    TargetOptions target;

    @Override
    public Integer call() {
        return Commands.run("results", target, t -> {
            var client = t.client();
            ResultFormat f = switch (format.toLowerCase(java.util.Locale.ROOT)) {
                case "jsonl" -> ResultFormat.JSONL;
                case "csv" -> ResultFormat.CSV;
                default -> throw new IllegalArgumentException("--format must be csv or jsonl, got '" + format + "'");
            };
            ResultFilter filter = (failed ? ResultFilter.failed() : ResultFilter.all()).withFile(file);
            long n = output == null ? client.exportResults(id, f, filter, System.out)
                    : client.exportResults(id, f, filter, output);
            if (output != null) {
                System.err.println("wrote " + n + " bytes to " + output);
            }
            System.out.flush();
            return 0;
        });
    }
}
