package dev.sluice.cli;

import dev.sluice.client.ImportJob;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.util.concurrent.Callable;

/** {@code sluice cancel ID}. */
@Command(name = "cancel", mixinStandardHelpOptions = true,
        description = "Cancel an import job; a running one stops at its next commit, and committed rows stay.")
public final class CancelCommand implements Callable<Integer> {
    @Parameters(paramLabel = "ID")
    String id;
    @Option(names = "--json", description = "print the job's status document after the cancel as JSON")
    boolean json;
    @Mixin
    TargetOptions target;

    @Override
    public Integer call() {
        return Commands.run("cancel", target, t -> {
            ImportJob job = t.client().cancel(id);
            return Commands.answer(json, job, () -> System.out.println(job.isTerminal() ? "job " + id + " is " + job.state()
                    : "job " + id + " stops at its next commit (" + job.counts().processed() + " rows committed so far)"));
        });
    }
}
