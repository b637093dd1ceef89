package dev.sluice.cli;

import dev.sluice.SluiceException;
import dev.sluice.client.SluiceClientException;

/** What every command does around its work: connect, run, turn errors into a message and exit code 1. */
final class Commands {
    private Commands() {
    }

    /** The work of a command, given its connection; returns the exit code. */
    @FunctionalInterface
    interface Work {
        int run(TargetOptions.Target target) throws Exception;
    }

    static int run(String command, TargetOptions target, Work work) {
        try (TargetOptions.Target t = target.open()) {
            return work.run(t);
        } catch (Exception e) {
            // our own errors carry a message made for people; anything else is shown with its type
            boolean explained = e instanceof SluiceClientException || e instanceof SluiceException
                    || e instanceof IllegalArgumentException || e instanceof java.io.IOException;
            System.err.println("sluice " + command + ": " + (explained && e.getMessage() != null ? e.getMessage() : e));
            return 1;
        }
    }
}
