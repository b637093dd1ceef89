package dev.sluice.engine;

import dev.sluice.job.Tally;
import dev.sluice.store.SqliteDialect;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a Sluice data directory's SQLite file holds about one single-file import into a
 * {@code people} collection keyed by {@code email}, read with a plain JDBC connection (not through
 * Sluice's stores), for a test to compare with what the data dictates.
 *
 * @param results        the job's kept results by line: {@code failed:CODE} or {@code skipped:LINE}
 * @param repeatedLines  lines that have more than one result
 * @param names          the collection's records: name by email
 * @param recordCount    rows in the collection's table (more than {@code names} if a key were there twice)
 * @param skippedPointAtKeptRecord true when every skipped result's record id is the id of its key's record
 */
record StoredImport(String state, int attempt, String leaseOwner, Tally counts, long recordsRead,
                    long fileBytesProcessed, Long fileSizeBytes, String fileState,
                    Map<Long, String> results, List<Long> repeatedLines, Map<String, String> names,
                    long recordCount, boolean skippedPointAtKeptRecord) {

    static StoredImport read(Path dataDir, String jobId) throws SQLException {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dataDir.resolve("sluice.db").toAbsolutePath())) {
            String state;
            int attempt;
            String leaseOwner;
            Tally counts;
            try (PreparedStatement ps = c.prepareStatement("SELECT state, attempt, lease_owner, created, updated,"
                    + " unchanged, skipped, failed FROM _sluice_jobs WHERE id = ?")) {
                ps.setString(1, jobId);
                try (ResultSet rs = ps.executeQuery()) {
                    assertThat(rs.next()).as("job %s is stored", jobId).isTrue();
                    state = rs.getString(1);
                    attempt = rs.getInt(2);
                    leaseOwner = rs.getString(3);
                    counts = new Tally(rs.getLong(4), rs.getLong(5), rs.getLong(6), rs.getLong(7), rs.getLong(8));
                }
            }
            long recordsRead;
            long bytes;
            Long size;
            String fileState;
            try (PreparedStatement ps = c.prepareStatement("SELECT records_read, bytes_processed, size_bytes, state"
                    + " FROM _sluice_files WHERE job_id = ?")) {
                ps.setString(1, jobId);
                try (ResultSet rs = ps.executeQuery()) {
                    assertThat(rs.next()).isTrue();
                    recordsRead = rs.getLong(1);
                    bytes = rs.getLong(2);
                    size = (Long) rs.getObject(3, Long.class);
                    fileState = rs.getString(4);
                    assertThat(rs.next()).as("one file").isFalse();
                }
            }
            Map<String, String> names = new LinkedHashMap<>();
            Map<String, UUID> ids = new HashMap<>();
            long recordCount = 0;
            try (PreparedStatement ps = c.prepareStatement("SELECT email, name, _id FROM people ORDER BY rowid");
                 ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    recordCount++;
                    names.put(rs.getString(1), rs.getString(2));
                    ids.put(rs.getString(1), new SqliteDialect().readId(rs, 3));
                }
            }
            Map<Long, String> results = new LinkedHashMap<>();
            List<Long> repeated = new ArrayList<>();
            boolean pointAtKept = true;
            try (PreparedStatement ps = c.prepareStatement("SELECT line, outcome, error_code, dup_file, dup_line,"
                    + " row_key, record_id, file_ordinal FROM _sluice_results WHERE job_id = ? ORDER BY seq")) {
                ps.setString(1, jobId);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        long line = rs.getLong(1);
                        String outcome = rs.getString(2);
                        String what = switch (outcome) {
                            case "failed" -> "failed:" + rs.getString(3);
                            case "skipped" -> "skipped:" + (rs.getInt(4) == 0 ? "" : "file " + rs.getInt(4) + " ")
                                    + rs.getLong(5);
                            default -> outcome;
                        };
                        if (rs.getInt(8) != 0) {
                            what = what + " in file " + rs.getInt(8);
                        }
                        if (results.put(line, what) != null) {
                            repeated.add(line);
                        }
                        if (outcome.equals("skipped")) {
                            UUID kept = ids.get(rs.getString(6));
                            pointAtKept &= kept != null && kept.toString().equals(rs.getString(7));
                        }
                    }
                }
            }
            return new StoredImport(state, attempt, leaseOwner, counts, recordsRead, bytes, size, fileState, results,
                    repeated, names, recordCount, pointAtKept);
        }
    }

    /**
     * Asserts that what is stored is exactly what a clean import of the first {@code recordsRead}
     * rows leaves: the counts, the records (every key once, with the kept row's values) and the
     * results (every line once).
     */
    void assertIsExactlyACleanImportOfItsCommittedRows(PeopleCsv data) {
        PeopleCsv.Expected expected = data.expect(Math.toIntExact(recordsRead));
        assertThat(counts).as("counts after %d committed rows", recordsRead)
                .isEqualTo(new Tally(expected.created(), 0, 0, expected.skipped(), expected.failed()));
        assertThat(counts.processed()).as("processed equals the checkpoint").isEqualTo(recordsRead);
        assertThat(recordCount).as("every key exactly once").isEqualTo(names.size());
        assertThat(recordCount).as("the table holds exactly the created records").isEqualTo(counts.created());
        assertSameEntries("records (name by email)", names, expected.names());
        assertThat(repeatedLines).as("lines with more than one result").isEmpty();
        assertSameEntries("results by line", results, expected.results());
        assertThat(skippedPointAtKeptRecord).as("every skipped result names the kept record's id").isTrue();
    }

    /** Map equality that, on a mismatch, names the first few differences rather than printing both maps. */
    private static <K, V> void assertSameEntries(String what, Map<K, V> actual, Map<K, V> expected) {
        if (actual.equals(expected)) {
            return;
        }
        List<String> differences = new ArrayList<>();
        for (Map.Entry<K, V> e : expected.entrySet()) {
            V got = actual.get(e.getKey());
            if (!e.getValue().equals(got) && differences.size() < 20) {
                differences.add(e.getKey() + ": expected " + e.getValue() + ", got " + got);
            }
        }
        for (K k : actual.keySet()) {
            if (!expected.containsKey(k) && differences.size() < 40) {
                differences.add(k + ": not expected, got " + actual.get(k));
            }
        }
        throw new AssertionError(what + ": " + actual.size() + " entries where " + expected.size()
                + " were expected; first differences: " + differences);
    }
}
