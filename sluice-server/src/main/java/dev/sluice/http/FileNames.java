package dev.sluice.http;

/**
 * The one rule for the file names a client gives (the {@code file_name} parameter, a multipart
 * file part's name, a URL source's {@code name}): no control characters. A name is stored, shown in
 * every message about its rows and written into logs; a NUL cannot be stored on PostgreSQL and a
 * line break would forge log lines. Stateless.
 */
final class FileNames {
    private FileNames() {
    }

    /** Why {@code name} cannot be a file name, or null when it can. */
    static String problem(String name) {
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (Character.isISOControl(c)) {
                return "a file name cannot hold control characters; got U+" + String.format("%04X", (int) c)
                        + " at character " + (i + 1);
            }
        }
        return null;
    }
}
