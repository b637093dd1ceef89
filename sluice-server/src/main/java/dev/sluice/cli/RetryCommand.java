package dev.sluice.cli;

import dev.sluice.client.ImportJob;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.Callable;

/** {@code sluice retry ID [--file fixed.csv]}: a child job over the failed rows, or over a fixed file. */
@Command(name = "retry", mixinStandardHelpOptions = true,
        description = "Retry an ended job: its failed rows again, or --file with the fixed failed-rows CSV.")
public final class RetryCommand implements Callable<Integer> {
    @Parameters(paramLabel = "ID")
    String id;
    @Option(names = "--file", description = "the fixed rows to import (e.g. the downloaded failed-rows CSV)")
    Path file;
    @Mixin
    JobSubmission submission;

    @Override
    public Integer call() {
        String problem = file == null ? null : ImportCommand.problem(file);
        if (problem != null) {
            System.err.println("sluice retry: " + problem);
            return 1;
        }
        return Commands.run("retry", submission.target, t -> {
            var client = t.client();
            ImportJob child = file == null ? client.retryWithOptions(id, submission.options.toRequest().build())
                    : client.retryWithFile(id, file, submission.options.toRequest().build());
            return Commands.follow(t, child, submission.json, "retry of " + id, Instant.now());
        });
    }
}
