package dev.sluice.engine;

import com.fasterxml.jackson.databind.JsonNode;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A deterministic CSV of people ({@code email,name,age}; key {@code email}) with bad rows and
 * repeated keys, and the outcomes a fresh {@code on_conflict=skip} import of any prefix of it must
 * have — computed here from the rows as generated, independently of the engine.
 *
 * <p>Row {@code i} (0-based) is on line {@code i + 2}. Bad rows: an age that is not a number
 * ({@code invalid_value}), an empty email ({@code missing_required}), two fields instead of three
 * ({@code malformed_row}). Repeats: every 40th row repeats the key of the row 37 before it (so
 * repeats straddle every chunk boundary), and from row 150,000 on some rows repeat a key from
 * 150,000 rows earlier (so repeats straddle wherever an import is interrupted).
 */
final class PeopleCsv {
    private enum Kind { VALID, INVALID_AGE, MISSING_EMAIL, MALFORMED }

    private record Row(Kind kind, String email, String name, String age) {
    }

    private final Row[] rows;
    final byte[] bytes;

    private PeopleCsv(Row[] rows, byte[] bytes) {
        this.rows = rows;
        this.bytes = bytes;
    }

    int rows() {
        return rows.length;
    }

    static PeopleCsv generate(int count) {
        Row[] rows = new Row[count];
        StringBuilder sb = new StringBuilder(count * 40).append("email,name,age\n");
        for (int i = 0; i < count; i++) {
            Row r;
            if (i % 1000 == 7) {
                r = new Row(Kind.INVALID_AGE, email(i), "Name " + i, "not-a-number");
            } else if (i % 1500 == 11) {
                r = new Row(Kind.MISSING_EMAIL, "", "Name " + i, "30");
            } else if (i % 2500 == 13) {
                r = new Row(Kind.MALFORMED, email(i), "Name " + i, null);
            } else if (i % 40 == 39) {
                r = new Row(Kind.VALID, email(i - 37), "Repeat " + i, String.valueOf(i % 90));
            } else if (i >= 150_000 && i % 997 == 500) {
                r = new Row(Kind.VALID, email(i - 150_000), "Far repeat " + i, String.valueOf(i % 90));
            } else {
                r = new Row(Kind.VALID, email(i), "Name " + i, String.valueOf(i % 90));
            }
            rows[i] = r;
            sb.append(r.email()).append(',').append(r.name());
            if (r.kind() != Kind.MALFORMED) {
                sb.append(',').append(r.age());
            }
            sb.append('\n');
        }
        return new PeopleCsv(rows, sb.toString().getBytes(StandardCharsets.UTF_8));
    }

    private static String email(int i) {
        return "user" + i + "@example.com";
    }

    /**
     * What a fresh skip-mode import of the first {@code n} rows leaves behind.
     *
     * @param results each result the job keeps (failed and skipped rows), by line: {@code failed:CODE}
     *                or {@code skipped:LINE_OF_THE_KEPT_ROW}
     * @param names   each record's name, by email: exactly the records the table must hold
     */
    record Expected(long created, long skipped, long failed, Map<Long, String> results, Map<String, String> names) {
        long processed() {
            return created + skipped + failed;
        }

        /** A status document's {@code counts} (of the job or its file) are exactly these. */
        void assertCounts(JsonNode counts) {
            assertThat(counts.get("processed").asLong()).isEqualTo(processed());
            assertThat(counts.get("succeeded").asLong()).isEqualTo(created);
            assertThat(counts.get("created").asLong()).isEqualTo(created);
            assertThat(counts.get("updated").asLong()).isZero();
            assertThat(counts.get("unchanged").asLong()).isZero();
            assertThat(counts.get("skipped").asLong()).isEqualTo(skipped);
            assertThat(counts.get("failed").asLong()).isEqualTo(failed);
        }
    }

    /** The job's error samples: the first 10 failed rows, located, as the engine words them. */
    List<String> errorSamples(String fileName) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < rows.length && out.size() < 10; i++) {
            String where = fileName + " line " + (i + 2) + ": ";
            switch (rows[i].kind()) {
                case INVALID_AGE -> out.add(where + "age: 'not-a-number' is not an integer");
                case MISSING_EMAIL -> out.add(where + "email: is required but empty");
                case MALFORMED -> out.add(where + "has 2 fields, but the header has 3");
                case VALID -> { }
            }
        }
        return out;
    }

    Expected expect(int n) {
        Map<String, Long> firstLine = new HashMap<>();
        Map<String, String> names = new LinkedHashMap<>();
        Map<Long, String> results = new LinkedHashMap<>();
        long created = 0;
        long skipped = 0;
        long failed = 0;
        for (int i = 0; i < n; i++) {
            Row r = rows[i];
            long line = i + 2;
            switch (r.kind()) {
                case INVALID_AGE -> results.put(line, "failed:invalid_value");
                case MISSING_EMAIL -> results.put(line, "failed:missing_required");
                case MALFORMED -> results.put(line, "failed:malformed_row");
                case VALID -> {
                    Long first = firstLine.putIfAbsent(r.email(), line);
                    if (first == null) {
                        names.put(r.email(), r.name());
                        created++;
                    } else {
                        results.put(line, "skipped:" + first);
                        skipped++;
                    }
                }
            }
            if (r.kind() != Kind.VALID) {
                failed++;
            }
        }
        return new Expected(created, skipped, failed, results, names);
    }
}
