package dev.sluice.client;

/** The streamed forms of a job's per-row results ({@code GET /v1/imports/{id}/results?format=}). Thread-safe. */
public enum ResultFormat {
    /** One result document per line. */
    JSONL("jsonl"),
    /**
     * A flat table {@code file,line,key,outcome,record_id,error_code,error_field,error_message,duplicate_of_file,duplicate_of_line};
     * with the outcome {@code failed} instead the failed rows' original columns plus
     * {@code _line,_error_code,_error_field,_error_message}.
     */
    CSV("csv");

    private final String wireName;

    ResultFormat(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }
}
