package dev.sluice.http;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import de.siegmar.fastcsv.writer.CsvWriter;
import de.siegmar.fastcsv.writer.LineDelimiter;
import de.siegmar.fastcsv.writer.QuoteStrategies;
import dev.sluice.client.RowResult;
import dev.sluice.error.SluiceException;
import dev.sluice.job.ImportFile;
import dev.sluice.job.RowOutcome;
import dev.sluice.job.RowReport;
import dev.sluice.store.JobStore;
import dev.sluice.store.ResultStore;
import io.javalin.http.Context;

import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * {@code GET /v1/imports/{id}/results}: per-row results as a JSON page, or streamed whole as JSON
 * lines or CSV. The failed-rows CSV ({@code outcome=failed&format=csv}) carries each failed row's
 * original columns plus {@code _line,_error_code,_error_field,_error_message,_raw} (and first
 * {@code _file} when its rows can come from several files), so it can be fixed and submitted again.
 * One instance per request.
 */
final class ResultsExport {
    private static final Set<String> OUTCOMES = Set.of("created", "updated", "unchanged", "skipped", "failed");

    private final JobStore jobs;
    private final ResultStore results;
    private final Documents documents;
    private final ObjectMapper json;

    ResultsExport(JobStore jobs, ResultStore results, Documents documents, ObjectMapper json) {
        this.jobs = jobs;
        this.results = results;
        this.documents = documents;
        this.json = json;
    }

    void answer(Context ctx) throws IOException {
        Params.allowOnly(ctx, Set.of("outcome", "file", "limit", "cursor", "format"));
        String id = ctx.pathParam("id");
        jobs.require(id);
        List<ImportFile> files = jobs.files(id);
        String outcome = Params.string(ctx, "outcome");
        if (outcome != null && !OUTCOMES.contains(outcome)) {
            throw SluiceException.Invalid.option("outcome", "outcome must be one of created, updated, unchanged,"
                    + " skipped, failed; got '" + outcome + "'");
        }
        Integer file = file(ctx, files);
        String format = Params.string(ctx, "format") == null ? "json" : Params.string(ctx, "format");
        long after = Params.position(ctx);
        switch (format) {
            case "json" -> page(ctx, id, files, outcome, file, after);
            case "jsonl" -> jsonLines(ctx, id, files, outcome, file, after);
            case "csv" -> {
                if ("failed".equals(outcome)) {
                    failedRows(ctx, id, files, file, after);
                } else {
                    csv(ctx, id, files, outcome, file, after);
                }
            }
            default -> throw SluiceException.Invalid.option("format", "format must be json, jsonl or csv; got '"
                    + format + "'");
        }
    }

    private static Integer file(Context ctx, List<ImportFile> files) {
        String named = Params.string(ctx, "file");
        if (named == null) {
            return null;
        }
        for (ImportFile f : files) {
            if (f.name().equals(named) || f.id().equals(named)) {
                return f.ordinal();
            }
        }
        throw SluiceException.Invalid.option("file", "this job has no file named '" + named + "'");
    }

    private long limit(Context ctx) {
        Long limit = Params.longValue(ctx, "limit");
        if (limit != null && limit < 1) {
            throw SluiceException.Invalid.option("limit", "limit must be at least 1, got " + limit);
        }
        return limit == null ? Long.MAX_VALUE : limit;
    }

    private void page(Context ctx, String id, List<ImportFile> files, String outcome, Integer file, long after) {
        int limit = Params.limit(ctx, 100, 10_000);
        List<ResultStore.StoredResult> page = results.page(id, outcome, file, after, limit + 1);
        List<RowResult> out = new ArrayList<>();
        for (int i = 0; i < Math.min(limit, page.size()); i++) {
            out.add(documents.result(page.get(i).result(), files));
        }
        Answers.page(ctx, "results", out, page.size() > limit ? String.valueOf(page.get(limit - 1).seq()) : null);
    }

    private void jsonLines(Context ctx, String id, List<ImportFile> files, String outcome, Integer file, long after)
            throws IOException {
        ctx.contentType("application/x-ndjson");
        OutputStream out = ctx.outputStream();
        try (JsonGenerator gen = json.getFactory().createGenerator(out)) {
            gen.setRootValueSeparator(new com.fasterxml.jackson.core.io.SerializedString("\n"));
            results.stream(id, outcome, file, after, limit(ctx), r -> {
                try {
                    json.writeValue(gen, documents.result(r.result(), files));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
            gen.writeRaw('\n');
        }
    }

    private void csv(Context ctx, String id, List<ImportFile> files, String outcome, Integer file, long after)
            throws IOException {
        ctx.contentType("text/csv; charset=utf-8");
        try (CsvWriter csv = writer(ctx.outputStream())) {
            csv.writeRecord("file", "line", "key", "outcome", "record_id", "error_code", "error_field", "error_message",
                    "duplicate_of_file", "duplicate_of_line");
            results.stream(id, outcome, file, after, limit(ctx), r -> {
                RowResult d = documents.result(r.result(), files);
                csv.writeRecord(d.file(), String.valueOf(d.line()), d.key() == null ? null
                                : d.key().isTextual() ? d.key().asText() : d.key().toString(), d.outcome(), d.recordId(),
                        d.error() == null ? null : d.error().code(), d.error() == null ? null : d.error().field(),
                        d.error() == null ? null : d.error().message(),
                        d.duplicateOf() == null ? null : d.duplicateOf().file(),
                        d.duplicateOf() == null ? null : String.valueOf(d.duplicateOf().line()));
            });
        }
    }

    /** The failed rows with their original columns: the header is the union of the files' columns. */
    private void failedRows(Context ctx, String id, List<ImportFile> files, Integer file, long after) throws IOException {
        LinkedHashSet<String> columnSet = new LinkedHashSet<>();
        for (ImportFile f : files) {
            if (file == null || f.ordinal() == file) {
                columnSet.addAll(f.columns());
            }
        }
        ctx.contentType("text/csv; charset=utf-8");
        ctx.header("Content-Disposition", "attachment; filename=\"" + id + "-failed.csv\"");
        if (columnSet.isEmpty()) {
            // JSON sources have no header: their columns are the keys of the failed objects, in order of
            // appearance; a first pass collects them (a small set) so the rows can still stream
            results.stream(id, "failed", file, after, limit(ctx), r -> {
                JsonNode source = tree(r.result().source());
                if (source != null && source.isObject()) {
                    source.fieldNames().forEachRemaining(columnSet::add);
                }
            });
        }
        List<String> columns = new ArrayList<>(columnSet);
        boolean named = severalFiles(files);
        List<String> header = new ArrayList<>(columns);
        if (named) {
            header.add("_file");
        }
        header.addAll(List.of("_line", "_error_code", "_error_field", "_error_message", "_raw"));
        try (CsvWriter csv = writer(ctx.outputStream())) {
            csv.writeRecord(header);
            results.stream(id, "failed", file, after, limit(ctx),
                    r -> csv.writeRecord(failedRow(r.result(), files, columns, named)));
        }
    }

    /**
     * Whether a job's failed rows can come from more than one file, so that each needs its {@code _file}:
     * a job of several files, or one that imported a fixed failed-rows file, whose rows name theirs.
     */
    private static boolean severalFiles(List<ImportFile> files) {
        return files.size() > 1 || files.stream().anyMatch(ImportFile::originalLines);
    }

    private List<String> failedRow(RowReport r, List<ImportFile> files, List<String> columns, boolean named) {
        List<String> row = new ArrayList<>(columns.size() + 6);
        JsonNode source = tree(r.source());
        if (source != null && source.isArray()) {
            List<String> fileColumns = files.get(r.file()).columns();
            for (String c : columns) {
                int i = fileColumns.indexOf(c);
                JsonNode cell = i < 0 || i >= source.size() ? null : source.get(i);
                row.add(cell == null || cell.isNull() ? null : cell.asText());
            }
        } else {
            for (String c : columns) {
                JsonNode cell = source == null ? null : source.get(c);
                row.add(cell == null || cell.isNull() ? null : cell.isValueNode() ? cell.asText() : cell.toString());
            }
        }
        RowOutcome.Failed f = (RowOutcome.Failed) r.outcome();
        if (named) {
            row.add(documents.result(r, files).file());
        }
        row.add(String.valueOf(r.line()));
        row.add(f.code());
        row.add(f.field());
        row.add(f.message());
        row.add(r.raw());
        return row;
    }

    private JsonNode tree(String text) {
        if (text == null) {
            return null;
        }
        try {
            return json.readTree(text);
        } catch (IOException e) {
            return null;
        }
    }

    private static CsvWriter writer(OutputStream out) {
        return CsvWriter.builder().quoteStrategy(QuoteStrategies.EMPTY).lineDelimiter(LineDelimiter.LF)
                .build(new OutputStreamWriter(out, StandardCharsets.UTF_8));
    }
}
