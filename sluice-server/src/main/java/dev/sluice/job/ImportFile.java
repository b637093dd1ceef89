package dev.sluice.job;

import java.time.Instant;
import java.util.List;

/**
 * One file of a job, with its own state, progress, counts and checkpoint. A snapshot;
 * immutable and thread-safe.
 *
 * @param ordinal     0-based position in the job; files are processed in this order
 * @param format      how the file is written
 * @param dialect     the dialect options given for it (absent ones are the format's defaults)
 * @param stagedPath  where the bytes are, relative to the staging directory; null for URL sources not yet fetched
 * @param recordsRead the checkpoint: source records consumed and committed
 * @param lastLine    the line of the last committed record
 * @param columns     the columns as read (CSV header), for the failed-rows file; empty until known
 * @param linesListedUntil for a retry child's file: records before this number are read only when
 *                    their line is listed for the retry (every record from it on); null for an ordinary file
 * @param originalLines true for a fixed file sent to retry: its {@code _line} column names each row's
 *                    original line, and its {@code _error_*} columns are ignored
 * @param columnReport what was decided about its source columns; null until the reader has seen them
 * @param readDialect how the file is read, decided when its reading first started; null until then
 * @param sourceEtag  for an S3 object, the ETag every read of it must match (docs/http-api.md "S3 sources"); else null
 */
public record ImportFile(String id, String jobId, int ordinal, String name, SourceFormat format, OptionSet dialect,
                         Long sizeBytes, String sourceUrl, String stagedPath, JobState state, Tally counts,
                         long bytesProcessed, long recordsRead, long lastLine, List<String> columns,
                         Double percent, Double rowsPerSecond, Instant startedAt, Instant completedAt,
                         Job.JobError error, Long linesListedUntil, boolean originalLines,
                         ColumnReport columnReport, ReadDialect readDialect, String sourceEtag) {

    public ImportFile {
        columns = columns == null ? List.of() : List.copyOf(columns);
    }
}
