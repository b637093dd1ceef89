package dev.sluice.format;

/**
 * Bytes that are not text in the character set a source is decoded with: the source is unreadable
 * from {@link #line()} on. Carries what a message needs to point at the fix: the set tried and the
 * bytes shown in hex.
 */
public class UndecodableSourceException extends UnreadableSourceException {
    private final String charset;
    private final String shown;

    UndecodableSourceException(String charset, long line, String shown) {
        super("the source is not valid " + charset + " at line " + line + " (" + shown + "); set the encoding option"
                + " to the file's real character set, e.g. encoding=windows-1252", null, line);
        this.charset = charset;
        this.shown = shown;
    }

    /**
     * The message for a source whose encoding was sniffed, not given: it names the likeliest set to pass.
     *
     * @param likeliest the character set the file's bytes most likely are, e.g. {@code windows-1252}
     */
    public String withLikeliest(String likeliest) {
        return "the source is not valid " + charset + " at line " + line() + " (" + shown + ") and no encoding was"
                + " given; it is most likely " + likeliest + ": pass encoding=" + likeliest;
    }
}
