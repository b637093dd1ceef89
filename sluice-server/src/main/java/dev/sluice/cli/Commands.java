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
        } catch (SluiceClientException | SluiceException | IllegalArgumentException e) {
            System.err.println("sluice " + command + ": " + e.getMessage());
            return 1;
        } catch (java.io.IOException e) {
            System.err.println("sluice " + command + ": " + e.getMessage());
            return 1;
        } catch (Exception e) {
            System.err.println("sluice " + command + ": " + e);
            return 1;
        }
    }
}
