package dev.sluice;

import dev.sluice.cli.CancelCommand;
import dev.sluice.cli.CollectionsCommand;
import dev.sluice.cli.ImportCommand;
import dev.sluice.cli.InferCommand;
import dev.sluice.cli.Invocation;
import dev.sluice.cli.JobsCommand;
import dev.sluice.cli.KeysCommand;
import dev.sluice.cli.ProcessExit;
import dev.sluice.cli.ResultsCommand;
import dev.sluice.cli.RetryCommand;
import dev.sluice.cli.ServeCommand;
import dev.sluice.cli.StatusCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code sluice} executable: one command per subcommand class in {@code cli}. */
@Command(name = "sluice", mixinStandardHelpOptions = true, version = "sluice 0.1.0",
        description = "A self-hostable bulk import service.",
        subcommands = {ServeCommand.class, ImportCommand.class, CollectionsCommand.class, JobsCommand.class,
                StatusCommand.class, ResultsCommand.class, CancelCommand.class, RetryCommand.class,
                InferCommand.class, KeysCommand.class})
public final class Main implements Runnable {

    public static void main(String[] args) {
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel",
                System.getProperty("org.slf4j.simpleLogger.defaultLogLevel", "info"));
        System.setProperty("org.slf4j.simpleLogger.log.org.eclipse.jetty", "warn");
        System.setProperty("org.slf4j.simpleLogger.log.org.flywaydb", "warn");
        System.setProperty("org.slf4j.simpleLogger.log.com.zaxxer.hikari", "warn");
        System.setProperty("org.slf4j.simpleLogger.log.io.javalin", "warn");
        // Javalin logs its own failure to start before rethrowing it; serve says the same in one line of its own
        System.setProperty("org.slf4j.simpleLogger.log.io.javalin.Javalin", "off");
        System.setProperty("org.slf4j.simpleLogger.showDateTime", "true");
        boolean serving = args.length > 0 && args[0].equals("serve");
        if (!serving) {
            // commands speak for themselves; the in-process service's routine logs would only be noise
            System.setProperty("org.slf4j.simpleLogger.defaultLogLevel",
                    System.getProperty("sluice.log", "warn"));
        }
        int code = commandLine().execute(args);
        if (code != 0 || !serving) {
            ProcessExit.now(code);
        }
    }

    /** The command line with every subcommand, as {@code main} runs it (tests run it the same way). */
    public static CommandLine commandLine() {
        // usage errors exit 1, as the contract says: 2 means completed_with_errors
        return new CommandLine(new Main()).setCommandName(Invocation.name()).setCaseInsensitiveEnumValuesAllowed(true)
                .setParameterExceptionHandler((e, args) -> {
                    CommandLine command = e.getCommandLine();
                    command.getErr().println(e.getMessage());
                    CommandLine.UnmatchedArgumentException.printSuggestions(e, command.getErr());
                    // one pointer to the usage, not the whole of it under the message
                    command.getErr().println("see '" + command.getCommandSpec().qualifiedName() + " --help'");
                    return 1;
                });
    }

    @Override
    public void run() {
        new CommandLine(this).usage(System.out);
    }
}
