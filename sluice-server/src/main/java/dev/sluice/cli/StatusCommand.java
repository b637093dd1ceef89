package dev.sluice.cli;

import dev.sluice.client.ImportJob;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.util.concurrent.Callable;

/** {@code sluice status ID [--watch] [--json]}. Exit code as {@code import}'s once the job has ended. */
@Command(name = "status", mixinStandardHelpOptions = true, description = "Show an import job; --watch follows it to its end.")
public final class StatusCommand implements Callable<Integer> {
    @Parameters(paramLabel = "ID")
    String id;
    @Option(names = "--watch", description = "follow the job until it ends, with progress")
    boolean watch;
    @Option(names = "--json", description = "print the status document as JSON")
    boolean json;
    @Mixin
    TargetOptions target;

    @Override
    public Integer call() {
        return Commands.run("status", target, t -> {
            var client = t.client();
            ImportJob job = client.getImport(id);
            if (watch && !job.isTerminal()) {
                t.claim(id); // in-process, following a queued job to its end means running it here
                job = new JobWatch(client, false, json).follow(job, ProgressView.label(job), null);
                return job.isTerminal() ? JobWatch.exitCode(job) : 0;
            }
            if (json) {
                Commands.printJson(job);
            } else if (job.isTerminal()) {
                System.out.println(JobWatch.summary(job, JobWatch.ranFor(job)));
            } else {
                System.out.println(new ProgressView(System.out, false, ProgressView.label(job)).line(job));
            }
            return job.isTerminal() ? JobWatch.exitCode(job) : 0;
        });
    }
}
