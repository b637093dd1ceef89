package dev.sluice.store;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sluice.job.ColumnReport;
import dev.sluice.job.Creator;
import dev.sluice.job.Tally;
import dev.sluice.job.ImportFile;
import dev.sluice.job.Job;
import dev.sluice.job.ImportOptions;
import dev.sluice.job.JobState;
import dev.sluice.job.Option;
import dev.sluice.job.OptionSet;
import dev.sluice.job.ReadDialect;
import dev.sluice.job.Options;
import dev.sluice.job.SourceFormat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Maps job and file rows to their domain records, and options to and from JSON. Thread-safe. */
final class JobRows {
    static final ObjectMapper JSON = new ObjectMapper();

    private JobRows() {
    }

    static Job job(ResultSet rs) throws SQLException {
        Tally counts = counts(rs);
        String errorCode = rs.getString("error_code");
        Object bytesTotal = rs.getObject("bytes_total");
        return new Job(rs.getString("id"), rs.getString("collection"),
                JobState.fromWireName(rs.getString("state")), options(rs.getString("options")),
                rs.getString("metadata"), rs.getString("provenance"), rs.getInt("attempt"), rs.getString("parent_id"),
                counts, rs.getLong("bytes_processed"), bytesTotal == null ? null : ((Number) bytesTotal).longValue(),
                nullableDouble(rs, "percent"), nullableDouble(rs, "rows_per_second"),
                Times.parse(rs.getString("estimated_completion")), rs.getString("current_operation"),
                errorCode == null ? null : new Job.JobError(errorCode, rs.getString("error_message")),
                rs.getInt("retryable") != 0, strings(rs.getString("error_samples")), rs.getInt("cancel_requested") != 0,
                rs.getString("lease_owner"), Times.parse(rs.getString("lease_expires_at")),
                Times.parse(rs.getString("created_at")), Times.parse(rs.getString("started_at")),
                Times.parse(rs.getString("updated_at")), Times.parse(rs.getString("completed_at")),
                Times.parse(rs.getString("failed_at")), Times.parse(rs.getString("expires_at")),
                creator(rs.getString("created_by")));
    }

    static ImportFile file(ResultSet rs) throws SQLException {
        String errorCode = rs.getString("error_code");
        Object size = rs.getObject("size_bytes");
        String columns = rs.getString("columns");
        return new ImportFile(rs.getString("id"), rs.getString("job_id"), rs.getInt("ordinal"), rs.getString("name"),
                SourceFormat.fromWireName(rs.getString("format")), OptionSet.fromJson(rs.getString("dialect")), size == null ? null : ((Number) size).longValue(),
                rs.getString("source_url"), rs.getString("staged_path"), JobState.fromWireName(rs.getString("state")),
                counts(rs), rs.getLong("bytes_processed"), rs.getLong("records_read"), rs.getLong("last_line"),
                columns == null ? List.of() : strings(columns), nullableDouble(rs, "percent"),
                nullableDouble(rs, "rows_per_second"), Times.parse(rs.getString("started_at")),
                Times.parse(rs.getString("completed_at")),
                errorCode == null ? null : new Job.JobError(errorCode, rs.getString("error_message")),
                nullableLong(rs, "lines_listed_until"), rs.getInt("original_lines") != 0,
                columnReport(rs.getString("column_report")), ReadDialect.fromJson(rs.getString("read_dialect")),
                rs.getString("source_etag"));
    }

    /** A file's {@code column_report} column, as {@link #json(ColumnReport)} wrote it; null for NULL. */
    static ColumnReport columnReport(String json) {
        if (json == null) {
            return null;
        }
        try {
            JsonNode n = JSON.readTree(json);
            List<ColumnReport.Match> columns = new ArrayList<>();
            for (JsonNode c : n.path("columns")) {
                columns.add(new ColumnReport.Match(c.path("source").asText(), c.path("field").asText(),
                        ColumnReport.MatchedBy.valueOf(c.path("matched_by").asText().toUpperCase(Locale.ROOT))));
            }
            List<String> unmapped = new ArrayList<>();
            n.path("unmapped_columns").forEach(u -> unmapped.add(u.asText()));
            return new ColumnReport(columns, unmapped);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A column report as stored: {@code {"columns": [{"source", "field", "matched_by"}], "unmapped_columns"}}. */
    static String json(ColumnReport report) {
        ObjectNode n = JSON.createObjectNode();
        ArrayNode columns = n.putArray("columns");
        for (ColumnReport.Match m : report.columns()) {
            columns.addObject().put("source", m.source()).put("field", m.field())
                    .put("matched_by", m.matchedBy().wireName());
        }
        ArrayNode unmapped = n.putArray("unmapped_columns");
        report.unmapped().forEach(unmapped::add);
        return n.toString();
    }

    private static Tally counts(ResultSet rs) throws SQLException {
        return new Tally(rs.getLong("created"), rs.getLong("updated"), rs.getLong("unchanged"),
                rs.getLong("skipped"), rs.getLong("failed"));
    }

    private static Long nullableLong(ResultSet rs, String column) throws SQLException {
        long v = rs.getLong(column);
        return rs.wasNull() ? null : v;
    }

    private static Double nullableDouble(ResultSet rs, String column) throws SQLException {
        double v = rs.getDouble(column);
        return rs.wasNull() ? null : v;
    }

    /** A job's {@code created_by} column: {@code {"key_id", "key_name"}}, or null. */
    static Creator creator(String json) {
        if (json == null) {
            return null;
        }
        try {
            JsonNode node = JSON.readTree(json);
            return new Creator(node.path("key_id").asText(null), node.path("key_name").asText(null));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String creatorJson(Creator creator) {
        return creator == null ? null
                : json(java.util.Map.of("key_id", creator.keyId(), "key_name", creator.keyName()));
    }

    static List<String> strings(String json) {
        try {
            return JSON.readValue(json, new TypeReference<List<String>>() { });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The job's options as stored: every member present, {@code max_errors} null when there is none. */
    static String optionsJson(ImportOptions o) {
        return o.asOptions().toJson(Options.of(Option.Scope.JOB));
    }

    static ImportOptions options(String json) {
        return ImportOptions.of(OptionSet.fromJson(json), ImportOptions.DEFAULT);
    }
}
