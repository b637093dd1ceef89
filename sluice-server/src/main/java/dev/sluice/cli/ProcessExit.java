package dev.sluice.cli;

import java.util.List;

/**
 * How a command ends the process. On its way out, Java 17's virtual machine waits up to 300 ms for
 * every thread that is inside a native call, and a {@code java.net.http} client (the command's SDK
 * client, and the in-process service's own for URL sources and webhooks) keeps its selector thread in
 * one, waiting for sockets, with no way to close the client before Java 21. Once the command is done
 * with them, interrupting those threads makes them close their clients and leave the call: every
 * command ended 0.3 s sooner (docs/benchmarks.md). Stateless.
 */
public final class ProcessExit {
    private ProcessExit() {
    }

    /** Ends the process with {@code code}; everything the command opened must already be closed. */
    public static void now(int code) {
        releaseHttpSelectors();
        System.exit(code);
    }

    /** Interrupts the selector thread of every {@code java.net.http} client, which then shuts down. */
    static void releaseHttpSelectors() {
        httpSelectors().forEach(Thread::interrupt);
    }

    /** The selector threads of the process's {@code java.net.http} clients, by the JDK's names for them. */
    static List<Thread> httpSelectors() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().startsWith("HttpClient-") && t.getName().endsWith("-SelectorManager"))
                .toList();
    }
}
