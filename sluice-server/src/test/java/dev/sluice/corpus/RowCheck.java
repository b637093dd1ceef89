package dev.sluice.corpus;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.corpus.HostileCase.Row;
import dev.sluice.corpus.HostileCase.Want;
import dev.sluice.corpus.Verdict.Failure;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The fidelity rule over one finished import: every stored record is a row the generator wrote,
 * with each field reading back as written; every row that had to be stored is; every row that is
 * missing was refused at its own line (or the job failed); nothing is dropped without a word.
 * Not thread-safe; one per judged import.
 */
final class RowCheck {
    private final List<Row> rows;
    private final boolean jobFailed;
    private final Map<Long, JsonNode> failedByLine;
    private final Verdict verdict;

    RowCheck(List<Row> rows, boolean jobFailed, Map<Long, JsonNode> failedByLine, Verdict verdict) {
        this.rows = rows;
        this.jobFailed = jobFailed;
        this.failedByLine = failedByLine;
        this.verdict = verdict;
    }

    void check(List<JsonNode> records) {
        Map<String, Row> byKey = new HashMap<>();
        rows.forEach(r -> byKey.put(r.key(), r));
        Map<String, JsonNode> stored = new HashMap<>();
        for (JsonNode record : records) {
            String key = record.path("id").asText();
            stored.put(key, record);
            Row row = byKey.get(key);
            if (row == null) {
                verdict.fail(Failure.FIDELITY, "stored a record the file does not have: id "
                        + Faithful.quoted(key) + " " + abbreviate(record));
            } else {
                checkStored(row, record);
            }
        }
        for (Row row : rows) {
            if (!stored.containsKey(row.key())) {
                checkMissing(row);
            }
        }
        if (!failedByLine.isEmpty()) {
            verdict.refused();
        }
    }

    private void checkStored(Row row, JsonNode record) {
        if (row.want() == Want.REFUSED) {
            verdict.fail(Failure.FIDELITY, "line " + row.line() + " (id " + Faithful.quoted(row.key())
                    + ") should have been refused but was stored as " + abbreviate(record));
            return;
        }
        for (Map.Entry<String, Faithful> f : row.fields().entrySet()) {
            JsonNode value = record.get(f.getKey());
            if (!f.getValue().matches(value)) {
                verdict.fail(Failure.FIDELITY, "line " + row.line() + " field " + f.getKey() + ": wrote "
                        + f.getValue() + ", reads back as " + abbreviate(value));
            }
        }
        if (failedByLine.containsKey(row.line())) {
            verdict.fail(Failure.ANSWER, "line " + row.line() + " was stored and also reported failed: "
                    + failedByLine.get(row.line()));
        }
    }

    private void checkMissing(Row row) {
        boolean refusedAtLine = failedByLine.containsKey(row.line());
        switch (row.want()) {
            case STORED -> verdict.fail(Failure.FIDELITY, "line " + row.line() + " (id " + Faithful.quoted(row.key())
                    + ") was not stored" + why(row));
            case STORED_UNLESS_JOB_FAILED -> {
                if (!jobFailed) {
                    verdict.fail(Failure.FIDELITY, "line " + row.line() + " (id " + Faithful.quoted(row.key())
                            + ") was not stored" + why(row));
                }
            }
            case FAITHFUL_OR_REFUSED, REFUSED -> {
                if (!refusedAtLine && !jobFailed) {
                    verdict.fail(Failure.FIDELITY, "line " + row.line() + " (id " + Faithful.quoted(row.key())
                            + ") is neither stored nor reported failed at its line; failed lines: "
                            + failedByLine.keySet());
                }
            }
            case OPTIONAL -> {
                // swallowed by damage before it: absence is allowed
            }
            default -> throw new IllegalStateException(row.want().name());
        }
    }

    private String why(Row row) {
        JsonNode failed = failedByLine.get(row.line());
        return failed == null ? (jobFailed ? " (the job failed)" : "") : ": " + failed.path("error");
    }

    private static String abbreviate(JsonNode node) {
        return node == null ? "(absent)" : Faithful.abbreviate(node.toString());
    }
}
