package dev.sluice.cli;

import dev.sluice.client.ImportFilter;
import dev.sluice.client.ImportJob;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.util.concurrent.Callable;

/** {@code sluice jobs}: import jobs, newest first. */
@Command(name = "jobs", mixinStandardHelpOptions = true, description = "List import jobs, newest first.")
public final class JobsCommand implements Callable<Integer> {
    @Option(names = "--state", description = "only jobs in this state (open, queued, running, completed, ...)")
    String state;
    @Option(names = "--collection", description = "only jobs of this collection")
    String collection;
    @Option(names = "--limit", defaultValue = "20", description = "at most this many (default ${DEFAULT-VALUE})")
    int limit;
    @Option(names = "--json", description = "print the page of jobs as JSON (items and next_cursor)")
    boolean json;
    @Mixin
    TargetOptions target;

    @Override
    public Integer call() {
        return Commands.run("jobs", target, t -> {
            ImportFilter filter = ImportFilter.all().withState(state).withCollection(collection).withLimit(limit);
            // asked before anything is printed: a server that does not answer leaves no half table
            var page = t.client().listImports(filter);
            return Commands.answer(json, page, () -> table(page.items()));
        });
    }

    private static void table(java.util.List<ImportJob> jobs) {
        System.out.printf("%-36s  %-21s  %-16s  %12s  %8s  %s%n", "ID", "STATE", "COLLECTION", "PROCESSED",
                "FAILED", "CREATED");
        for (ImportJob j : jobs) {
            System.out.printf("%-36s  %-21s  %-16s  %,12d  %,8d  %s%n", j.id(), j.state(), j.collection(),
                    j.counts().processed(), j.counts().failed(), j.createdAt());
        }
    }
}
