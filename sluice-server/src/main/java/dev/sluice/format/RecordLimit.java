package dev.sluice.format;

/**
 * The longest record a reader accepts ({@code --max-record-bytes}): a CSV or TSV record, an NDJSON
 * line, a JSON array element. A longer record is read past without being held and becomes a
 * {@link SourceRow.Malformed}. Sizes are counted as UTF-8 bytes of the decoded text, whatever the
 * file's encoding. Immutable and thread-safe.
 *
 * @param bytes the limit, at least 1
 */
public record RecordLimit(long bytes) {
    /** The default: 16 MB. */
    public static final RecordLimit DEFAULT = new RecordLimit(16L * 1024 * 1024);

    /** How much of a record that is too long is kept as its raw text, for the failed-rows file. */
    static final int EXCERPT_CHARS = 1000;

    public RecordLimit {
        if (bytes < 1) {
            throw new IllegalArgumentException("the record limit must be positive, got " + bytes);
        }
    }

    /** The message of a record that is too long, e.g. {@code is longer than 16 MB (--max-record-bytes)}. */
    String tooLong() {
        return "is longer than " + text() + " (--max-record-bytes)";
    }

    /** The limit as people write it: {@code 16 MB}, {@code 512 KB}, {@code 1000 bytes}. */
    String text() {
        if (bytes >= 1024 * 1024 && bytes % (1024 * 1024) == 0) {
            return bytes / (1024 * 1024) + " MB";
        }
        if (bytes >= 1024 && bytes % 1024 == 0) {
            return bytes / 1024 + " KB";
        }
        return bytes + " bytes";
    }

    /** The UTF-8 length of {@code c}: a surrogate counts 2, so a pair counts the 4 bytes it encodes to. */
    static int utf8Bytes(char c) {
        if (c < 0x80) {
            return 1;
        }
        if (c < 0x800 || Character.isSurrogate(c)) {
            return 2;
        }
        return 3;
    }

    /** The start of a record too long to keep, marked as cut. */
    static String excerpt(CharSequence text) {
        if (text.length() <= EXCERPT_CHARS) {
            return text.toString();
        }
        return text.subSequence(0, EXCERPT_CHARS) + "… (cut)";
    }
}
