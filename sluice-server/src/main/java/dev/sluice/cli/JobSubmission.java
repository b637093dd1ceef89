package dev.sluice.cli;

import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * What the commands that start a job share ({@code import}, {@code retry}): where the job goes, its
 * options, and whether the end is printed as JSON.
 */
final class JobSubmission {
    @Option(names = "--json", description = "print the final status document, and nothing else, on stdout")
    boolean json;

    @Mixin
    TargetOptions target;

    @Mixin
    ImportOptionsMixin options;
}
