package dev.sluice.format;

import java.io.IOException;
import java.io.Reader;
import java.util.ArrayDeque;

/**
 * Sits between the decoded text and FastCSV and follows the records' quoting itself, to catch what
 * FastCSV would let pass or could not survive: a record longer than the {@link RecordLimit} (the rest
 * of it is read past without being handed on: FastCSV sees a record cut short, closed by a quote
 * when it was inside one), a quote left open at the end of the file, and text after a closing quote
 * ({@code "he"llo}). Each finding is a {@link Problem} naming the line where its record starts, which
 * the reader puts in place of the record FastCSV makes of it. Every line break is handed on, so
 * FastCSV's line numbers stay those of the file.
 *
 * <p>Not thread-safe. Closing it closes the text.
 */
final class CsvRecordGuard extends Reader {
    /** What is wrong with the record that starts on {@code line}; {@code cut} when it ran past the limit. */
    record Problem(long line, String message, boolean cut) {
    }

    private enum Quoting { FIELD_START, UNQUOTED, QUOTED, QUOTE_IN_QUOTED }

    private final CharWindow text;
    private final char delimiter;
    private final char quote;
    private final RecordLimit limit;
    private final ArrayDeque<Problem> problems = new ArrayDeque<>();
    private final RecordTexts texts = new RecordTexts();
    /** Characters handed on before the current {@link #read} call. */
    private long handed;
    private boolean eof;
    private int pending = -1;

    private long line = 1;
    private boolean lastWasCr;
    private boolean inRecord;
    private long recordLine;
    private long recordBytes;
    private boolean skipping;
    private boolean textAfterQuote;
    private Quoting quoting = Quoting.FIELD_START;
    private long quoteLine;

    CsvRecordGuard(Reader text, char delimiter, char quote, RecordLimit limit) {
        this.text = new CharWindow(text);
        this.delimiter = delimiter;
        this.quote = quote;
        this.limit = limit;
    }

    /** The problem of the record starting on {@code recordLine}, removed from the queue; null when it has none. */
    Problem problemAt(long recordLine) {
        while (!problems.isEmpty() && problems.peekFirst().line() < recordLine) {
            problems.pollFirst();
        }
        Problem first = problems.peekFirst();
        return first != null && first.line() == recordLine ? problems.pollFirst() : null;
    }

    /**
     * The text of the record starting on {@code recordLine} as written, up to the limit, when
     * {@code wanted}; the texts of it and of the records before it are let go. Every row the reader
     * returns passes through here, so the texts kept never reach further back than FastCSV's read-ahead.
     */
    String passed(long recordLine, boolean wanted) {
        return texts.take(recordLine, wanted);
    }

    @Override
    public int read(char[] target, int offset, int length) throws IOException {
        if (length == 0) {
            return 0;
        }
        int out = offset;
        int stop = offset + length;
        while (out < stop) {
            if (pending >= 0) {
                target[out++] = (char) pending;
                pending = -1;
                continue;
            }
            // where the character is handed on, counted from the start: the texts' positions
            long at = handed + (out - offset);
            if (!fill(at)) {
                break;
            }
            char c = text.next();
            int action = step(c, at);
            if (action == EMIT) {
                target[out++] = c;
            } else if (action == CLOSE_THEN_EMIT) {
                target[out++] = quote;
                pending = c;
            } else if (action == CLOSE) {
                target[out++] = quote;
            }
            if (out > offset && !text.buffered()) {
                break; // hand on what there is rather than block for more
            }
        }
        // kept in bulk, as handed on: the records' bounds say which of it is their text
        texts.append(target, offset, out - offset);
        handed += out - offset;
        return out == offset ? -1 : out - offset;
    }

    private static final int SWALLOW = 0;
    private static final int EMIT = 1;
    private static final int CLOSE = 2;
    private static final int CLOSE_THEN_EMIT = 3;

    /** Follows one character, handed on at {@code at}; says what to hand on. */
    private int step(char c, long at) {
        boolean lineBreak = c == '\n' || c == '\r';
        boolean newLine = c == '\r' || (c == '\n' && !lastWasCr);
        lastWasCr = c == '\r';
        if (!inRecord) {
            if (lineBreak) {
                line += newLine ? 1 : 0;
                return EMIT;
            }
            startRecord(at);
        }
        if (lineBreak && quoting != Quoting.QUOTED) {
            line += newLine ? 1 : 0;
            endRecord(at);
            return EMIT;
        }
        boolean wasQuoted = quoting == Quoting.QUOTED;
        follow(c);
        if (skipping) {
            line += newLine ? 1 : 0;
            return lineBreak ? EMIT : SWALLOW;
        }
        recordBytes += RecordLimit.utf8Bytes(c);
        if (recordBytes > limit.bytes()) {
            skipping = true;
            texts.end(at); // the text kept stops at the limit
            problems.add(new Problem(recordLine, limit.tooLong(), true));
            line += newLine ? 1 : 0;
            if (wasQuoted) {
                return lineBreak ? CLOSE_THEN_EMIT : CLOSE;
            }
            return lineBreak ? EMIT : SWALLOW;
        }
        line += newLine ? 1 : 0;
        return EMIT;
    }

    private void follow(char c) {
        switch (quoting) {
            case FIELD_START -> {
                if (c == quote) {
                    quoting = Quoting.QUOTED;
                    quoteLine = line;
                } else if (c != delimiter) {
                    quoting = Quoting.UNQUOTED;
                }
            }
            case UNQUOTED -> {
                if (c == delimiter) {
                    quoting = Quoting.FIELD_START;
                }
            }
            case QUOTED -> {
                if (c == quote) {
                    quoting = Quoting.QUOTE_IN_QUOTED;
                }
            }
            case QUOTE_IN_QUOTED -> {
                if (c == quote) {
                    quoting = Quoting.QUOTED;
                } else if (c == delimiter) {
                    quoting = Quoting.FIELD_START;
                } else {
                    textAfterQuote = true;
                    quoting = Quoting.UNQUOTED;
                }
            }
        }
    }

    private void startRecord(long at) {
        inRecord = true;
        recordLine = line;
        texts.start(line, at);
        recordBytes = 0;
        skipping = false;
        textAfterQuote = false;
        quoting = Quoting.FIELD_START;
    }

    private void endRecord(long at) {
        texts.end(at);
        if (textAfterQuote && !skipping) {
            problems.add(new Problem(recordLine, "has text after the closing quote of a field (a quote inside a"
                    + " quoted field is written twice: \"\")", false));
        }
        inRecord = false;
    }

    private boolean fill(long at) throws IOException {
        if (eof) {
            return false;
        }
        if (text.ensure()) {
            return true;
        }
        eof = true;
        endOfText(at);
        return false;
    }

    private void endOfText(long at) {
        if (!inRecord) {
            return;
        }
        if (quoting == Quoting.QUOTED) {
            if (skipping) {
                problems.pollLast(); // the open quote is why the record ran so long: say that instead
            }
            problems.add(new Problem(recordLine, "is broken: the quote opened on line " + quoteLine + " is never closed",
                    skipping));
            texts.end(at);
            inRecord = false;
            return;
        }
        endRecord(at);
    }

    @Override
    public void close() throws IOException {
        text.close();
    }
}
