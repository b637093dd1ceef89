package dev.sluice.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.sluice.client.Counts;
import dev.sluice.client.FileDialect;
import dev.sluice.client.FileStatus;
import dev.sluice.client.ImportJob;
import dev.sluice.client.JobError;
import dev.sluice.client.Progress;
import dev.sluice.client.Provenance;
import dev.sluice.client.RowResult;
import dev.sluice.collection.CollectionSchema;
import dev.sluice.job.ImportFile;
import dev.sluice.job.ReadDialect;
import dev.sluice.job.ImportOptions;
import dev.sluice.job.Job;
import dev.sluice.job.JobState;
import dev.sluice.job.RowOutcome;
import dev.sluice.job.RowReport;
import dev.sluice.job.Tally;
import dev.sluice.wire.CollectionWire;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Maps the domain to the API's wire records (the {@code sluice-client} types), so the server and
 * the SDK read and write the same documents. Stateless and thread-safe.
 */
final class Documents {
    private final ObjectMapper json;

    Documents(ObjectMapper json) {
        this.json = json;
    }

    ImportJob job(Job j, List<ImportFile> files, List<RowResult> results) {
        List<FileStatus> fileStatuses = new ArrayList<>();
        for (ImportFile f : files) {
            fileStatuses.add(file(f));
        }
        ImportOptions o = j.options();
        String self = "/v1/imports/" + j.id();
        boolean ended = ranToTheEnd(j.state());
        Double percent = ended ? Double.valueOf(100.0)
                : j.bytesTotal() == null ? null : j.percent() == null ? Double.valueOf(0.0) : j.percent();
        return new ImportJob(j.id(), j.collection(), j.state().wireName(), ImportOptions.wireName(o.jobType()),
                new ImportJob.Options(ImportOptions.wireName(o.onConflict()), ImportOptions.wireName(o.errorMode()),
                        o.maxErrors(), ImportOptions.wireName(o.results()), o.atomic(), o.notifyUrl()),
                progress(percent, j.counts().processed(), ended, j.bytesProcessed(), j.bytesTotal(), j.rowsPerSecond()),
                counts(j.counts()), j.currentOperation(), j.estimatedCompletion(), fileStatuses,
                j.error() == null ? null : new JobError(j.error().code(), j.error().message()), j.retryable(),
                j.errorSamples(), j.attempt(), j.parentId(), tree(j.metadataJson()), provenance(j.provenanceJson()),
                j.createdAt(), j.startedAt(), j.updatedAt(), j.completedAt(), j.failedAt(), j.expiresAt(),
                j.createdBy() == null ? null : new ImportJob.CreatedBy(j.createdBy().keyId(), j.createdBy().keyName()),
                new ImportJob.Links(self, self + "/results", self + "/results?outcome=failed&format=csv", self + "/log"),
                results);
    }

    private FileStatus file(ImportFile f) {
        boolean ended = ranToTheEnd(f.state());
        Double percent = ended ? Double.valueOf(100.0)
                : f.sizeBytes() == null ? null : f.percent() == null ? Double.valueOf(0.0) : f.percent();
        return new FileStatus(f.id(), f.name(), f.format().wireName(), f.sizeBytes(), f.sourceUrl(), f.state().wireName(),
                progress(percent, f.counts().processed(), ended, Math.min(f.bytesProcessed(),
                        f.sizeBytes() == null ? Long.MAX_VALUE : f.sizeBytes()), f.sizeBytes(),
                        f.state().isTerminal() ? null : f.rowsPerSecond()),
                counts(f.counts()), f.startedAt(), f.completedAt(),
                f.error() == null ? null : new JobError(f.error().code(), f.error().message()),
                f.columnReport() == null ? null : f.columnReport().columns().stream().map(m -> new FileStatus.ColumnMatch(
                        m.source(), m.field(), m.matchedBy().wireName())).toList(),
                f.columnReport() == null ? null : f.columnReport().unmapped(), dialect(f.readDialect()));
    }

    private static FileDialect dialect(ReadDialect d) {
        return d == null ? null : new FileDialect(d.delimiter() == null ? null : String.valueOf(d.delimiter()),
                d.quote() == null ? null : String.valueOf(d.quote()), d.header(), d.encoding(), d.detected());
    }

    /**
     * True for the states in which every row was read: only then are the totals known and the bytes
     * all consumed; a cancelled or failed job keeps the figures it stopped at.
     */
    private static boolean ranToTheEnd(JobState state) {
        return state == JobState.COMPLETED || state == JobState.COMPLETED_WITH_ERRORS;
    }

    private static Progress progress(Double percent, long rows, boolean ended, long bytes, Long bytesTotal,
                                     Double rowsPerSecond) {
        Long estimate = null;
        if (ended) {
            estimate = rows;
        } else if (bytesTotal != null && bytes > 0) {
            estimate = Math.max(rows, Math.round((double) rows * bytesTotal / bytes));
        }
        long shownBytes = bytesTotal == null ? bytes : Math.min(bytes, bytesTotal);
        return new Progress(percent, rows, ended ? Long.valueOf(rows) : null, estimate, ended && bytesTotal != null
                ? bytesTotal : shownBytes, bytesTotal, rowsPerSecond);
    }

    static Counts counts(Tally c) {
        return new Counts(c.processed(), c.succeeded(), c.created(), c.updated(), c.unchanged(), c.skipped(),
                c.failed());
    }

    RowResult result(RowReport r, List<ImportFile> files) {
        RowOutcome o = r.outcome();
        RowResult.RowError error = o instanceof RowOutcome.Failed f
                ? new RowResult.RowError(f.code(), f.field(), f.message()) : null;
        RowResult.Position dup = o instanceof RowOutcome.Skipped s && s.duplicateOf() != null
                ? new RowResult.Position(fileName(files, s.duplicateOf().file()), s.duplicateOf().line()) : null;
        var recordId = o.recordIdOrNull();
        return new RowResult(r.origin() != null ? r.origin() : fileName(files, r.file()), r.line(), key(r.key()),
                o.wireName(), recordId == null ? null : recordId.toString(), error, dup, r.raw());
    }

    private static String fileName(List<ImportFile> files, int ordinal) {
        return ordinal < files.size() ? files.get(ordinal).name() : null;
    }

    /** A single-field key as its text; a composite key as an array of texts. */
    static JsonNode key(String key) {
        if (key == null) {
            return null;
        }
        if (key.indexOf(CollectionSchema.KEY_SEPARATOR) < 0) {
            return JsonNodeFactory.instance.textNode(key);
        }
        ArrayNode parts = JsonNodeFactory.instance.arrayNode();
        for (String part : key.split(String.valueOf(CollectionSchema.KEY_SEPARATOR), -1)) {
            parts.add(part);
        }
        return parts;
    }

    dev.sluice.client.Collection collection(CollectionSchema c, Long recordCount) {
        return CollectionWire.of(c, recordCount);
    }

    private JsonNode tree(String text) {
        try {
            return text == null ? json.createObjectNode() : json.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Provenance provenance(String text) {
        try {
            if (text == null || text.isBlank() || text.equals("{}")) {
                return Provenance.NONE;
            }
            Provenance p = json.readValue(text, Provenance.class);
            return p;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
