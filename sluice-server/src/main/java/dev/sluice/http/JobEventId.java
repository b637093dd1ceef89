package dev.sluice.http;

import dev.sluice.client.FileStatus;
import dev.sluice.client.ImportJob;
import dev.sluice.job.JobState;
import dev.sluice.store.LogPosition;

/**
 * The id of an event on a job's stream, and what a reconnecting client has seen, as text
 * {@code LOG.ROWS.STATES}: the position of the last log line sent ({@link LogPosition}: in commit
 * order, the same on every node), the rows processed at the last {@code progress} event, and one character per
 * state, the job's then each file's, as last sent. Any node can resume from it without gaps or
 * repeats: it reads log lines after {@code LOG}, and sends {@code progress}, {@code file} or
 * {@code state} only where the job now differs. The {@code end} event's id has {@code .end} added.
 * Immutable.
 */
record JobEventId(LogPosition log, long rows, String states) {
    private static final String END = "end";

    /** What a client that has seen nothing has seen. */
    static final JobEventId NONE = new JobEventId(LogPosition.START, -1, "");

    /** The id a client sent in {@code Last-Event-ID}; {@link #NONE} when absent or not one of ours. */
    static JobEventId parse(String text) {
        if (text == null) {
            return NONE;
        }
        String[] parts = text.trim().split("\\.", 4);
        try {
            boolean shape = parts.length == 3 || parts.length == 4 && parts[3].equals(END);
            LogPosition log = LogPosition.parse(parts[0]);
            if (shape && log != null && parts[2].chars().allMatch(c -> Character.digit(c, 36) >= 0)) {
                return new JobEventId(log, Long.parseLong(parts[1]), parts[2]);
            }
        } catch (NumberFormatException e) {
            // not an id this server made: the client starts over
        }
        return NONE;
    }

    /** The states of a document, in this id's form. */
    static String states(ImportJob job) {
        StringBuilder sb = new StringBuilder().append(code(job.state()));
        for (FileStatus f : job.files()) {
            sb.append(code(f.state()));
        }
        return sb.toString();
    }

    /** The state character of file {@code index} (0 is the first file), or a blank when unknown. */
    char fileState(int index) {
        return index + 1 < states.length() ? states.charAt(index + 1) : ' ';
    }

    /** The job's state character, or a blank when unknown. */
    char jobState() {
        return states.isEmpty() ? ' ' : states.charAt(0);
    }

    static char code(String state) {
        JobState s = JobState.fromWireName(state);
        return s == null ? 'z' : Character.forDigit(s.ordinal(), 36);
    }

    JobEventId withLog(LogPosition position) {
        return new JobEventId(position, rows, states);
    }

    JobEventId withRows(long processed) {
        return new JobEventId(log, processed, states);
    }

    JobEventId withStates(String now) {
        return new JobEventId(log, rows, now);
    }

    /** As sent in the {@code id} line. */
    String text() {
        return log.text() + "." + rows + "." + states;
    }

    /**
     * The id of the {@code end} event: this id with {@code .end}, so that it differs from the last
     * {@code state} event's; resuming from it sends {@code end} again, and nothing else.
     */
    String endText() {
        return text() + "." + END;
    }
}
