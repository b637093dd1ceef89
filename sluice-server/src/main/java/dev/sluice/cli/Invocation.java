package dev.sluice.cli;

/**
 * How the user runs Sluice, for the commands that messages suggest: {@code ./sluice} from a
 * checkout (the launcher passes it as the system property {@code sluice.command}), else
 * {@code sluice}. Stateless and thread-safe.
 */
public final class Invocation {
    /** The system property that the launcher sets to the name it was invoked by. */
    public static final String PROPERTY = "sluice.command";

    private Invocation() {
    }

    /** E.g. {@code ./sluice} or {@code sluice}. */
    public static String name() {
        String name = System.getProperty(PROPERTY);
        return name == null || name.isBlank() ? "sluice" : name.trim();
    }
}
